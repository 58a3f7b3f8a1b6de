import { afterEach, describe, expect, test } from 'vitest';
import { ENGINES, launch, type TestBrowser, waitUntil } from './browsers';
import { blockBoxes, domSnapshot, lineCounts, registeredNames, sidenoteInPage } from './in-page';
import { startServer, type TestServer } from './server';
import { closeAll, startOnLoadedPage } from './steps';

/**
 * Runs in the page: which of the drawn highlights' rules still apply to the article's text (a
 * line, a tint): what the reader would see of marks left in the registry.
 */
function drawnRules(): string[] {
  const p = document.querySelector('article p');
  if (!p) return ['no article'];
  const names = ['entity', 'claim', 'disputed', 'source', 'open', 'focus'].map((k) => `sidenote-${k}`);
  return names.filter((name) => {
    const s = getComputedStyle(p, `::highlight(${name})`);
    return s.textDecorationLine !== 'none' || s.backgroundColor !== 'rgba(0, 0, 0, 0)';
  });
}

describe.each(ENGINES)('when the extension goes away (update, disable), in %s', (engine) => {
  // One test with a browser of its own: it takes the extension away.
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  afterEach(() => closeAll(browser, server));

  test('the open page is left as it was: highlights out (Chromium), or at least painting nothing (Firefox)', async () => {
    server = await startServer();
    browser = await launch(engine);
    const { page, before } = await startOnLoadedPage(browser, `${server.origin}/putin-assad-memo.html`);
    const counts = await page.evaluate(lineCounts);
    expect(counts.entity.marks + counts.claim.marks).toBeGreaterThan(20);
    expect(counts.entity.lined).toBeGreaterThan(0);
    // The drawn kinds' rules apply: names, claims and sources show their lines.
    expect(await page.evaluate(drawnRules)).toEqual(expect.arrayContaining(['sidenote-entity', 'sidenote-claim']));
    expect(await page.evaluate(domSnapshot)).toEqual(before.original);

    await browser.unloadExtension();
    if (engine === 'chromium') {
      // The cut-off script notices and takes everything out: host, highlights and their rules.
      await page.waitFor(() => !document.querySelector('sidenote-root'), undefined, 10_000);
      expect(await page.evaluate(registeredNames)).toEqual([]);
    }
    // Firefox stops the script before it can clean up, and takes the declared stylesheet away with
    // the extension: any highlights left behind paint nothing.
    await waitUntil(async () => (await page.evaluate(drawnRules)).length === 0, 10_000, 'the drawn rules to go');
    expect(await page.evaluate(drawnRules)).toEqual([]);
    // Either way the page's DOM is its own, as it was all along.
    expect(await page.evaluate(domSnapshot)).toEqual(before.original);
    expect(await page.evaluate(sidenoteInPage)).toEqual([]);
    expect(await page.evaluate(blockBoxes)).toEqual(before.boxes);
    await page.close();
  });
});
