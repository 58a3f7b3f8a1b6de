import { afterEach, describe, expect, test } from 'vitest';
import { ENGINES, launch, type TestBrowser } from './browsers';
import { blockBoxes, domSnapshot, setSettings, waitDecided, waitMarked } from './page-helpers';
import { startServer, type TestServer } from './server';

/** What the reader sees of the marks: any underline, claim line, help cursor or tab stop left. */
function markLooks(): { marks: number; styled: number; focusable: number } {
  const marks = Array.from(document.querySelectorAll('sidenote-mark'));
  const styled = marks.filter((m) => {
    const s = getComputedStyle(m);
    return s.textDecorationLine !== 'none' || s.backgroundImage !== 'none' || s.cursor === 'help';
  });
  return {
    marks: marks.length,
    styled: styled.length,
    focusable: marks.filter((m) => m.hasAttribute('tabindex')).length,
  };
}

describe.each(ENGINES)('when the extension goes away (update, disable), in %s', (engine) => {
  // One test with a browser of its own: it takes the extension away.
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  afterEach(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the open page is left as it was: marks out (Chromium), or at least plain text (Firefox)', async () => {
    server = await startServer();
    browser = await launch(engine);
    await setSettings(browser, { enabled: false });
    const page = await browser.newPage();
    await page.goto(`${server.origin}/putin-assad-memo.html`);
    await waitDecided(page);
    const original = await page.evaluate(domSnapshot);
    const boxes = await page.evaluate(blockBoxes);
    await setSettings(browser, {});
    await page.bringToFront();
    await waitMarked(page);
    const before = await page.evaluate(markLooks);
    expect(before.marks).toBeGreaterThan(20);
    expect(before.styled).toBe(before.marks);

    await browser.unloadExtension();
    if (engine === 'chromium') {
      // The cut-off script notices and takes everything out: the page's DOM is as it was.
      await page.waitFor(() => !document.querySelector('sidenote-mark, sidenote-root'), undefined, 10_000);
      expect(await page.evaluate(domSnapshot)).toEqual(original);
      expect(await page.evaluate(() => document.getElementById('sidenote-mark-style'))).toBeNull();
    } else {
      // Firefox stops the script before it can clean up, and takes the declared stylesheet
      // away with the extension: what marks remain show as the page's own plain text.
      await page.waitFor(
        () =>
          Array.from(document.querySelectorAll('sidenote-mark')).every(
            (m) => getComputedStyle(m).textDecorationLine === 'none' && getComputedStyle(m).backgroundImage === 'none',
          ),
        undefined,
        10_000,
      );
      const after = await page.evaluate(markLooks);
      expect(after.styled).toBe(0);
      expect(await page.evaluate(() => document.body.textContent)).toBe(
        await page.evaluate((html: string) => {
          const body = document.createElement('body');
          body.innerHTML = html;
          return body.textContent;
        }, original.html),
      );
    }
    expect(await page.evaluate(blockBoxes)).toEqual(boxes);
    await page.close();
  });
});
