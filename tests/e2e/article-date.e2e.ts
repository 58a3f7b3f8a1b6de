/**
 * A claim card never shows a date computed from the reader's today. On a story that gives no date
 * anywhere, the card of "Gunmen opened fire … on Wednesday" shows the words as written and says
 * the article's date is unknown; on the same story dated 18 March 2015 it shows that Wednesday.
 * The card is opened the way a reader opens it from the popup's list (no reliance on how marks
 * are drawn on the page).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, type TestBrowser, type TestPage } from './browsers';
import { openPopupFor } from './extension';
import { openCard } from './in-page';
import type { TestServer } from './server';
import { closeAll, openSession } from './steps';

/** "14 September 2021" and the like: a day the card would have computed. */
const A_DAY =
  /\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/;

describe.each(ENGINES)('the article’s date in %s', (engine) => {
  let server: TestServer;
  let browser: TestBrowser;
  const open: TestPage[] = [];

  beforeAll(async () => {
    ({ server, browser } = await openSession(engine));
  });
  afterAll(() => closeAll(browser, server));
  afterEach(async () => {
    for (const page of open.splice(0)) await page.close().catch(() => {});
  });

  /** Opens `path`, waits for Sidenote's first pass, and opens the card of the claim whose popup label holds `words`. */
  async function claimCardText(path: string, words: string): Promise<string> {
    const url = `${server.origin}${path}`;
    const page = await browser.newPage();
    open.push(page);
    await page.goto(url);
    await page.waitFor(
      () => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') === 'done',
      undefined,
      20_000,
    );
    const popup = await openPopupFor(browser, page, url);
    open.push(popup);
    const id = (await popup.waitFor(
      (w) =>
        Array.from(document.querySelectorAll('button[data-mention-id][data-kind="claim"]'))
          .find((b) => b.textContent?.includes(w))
          ?.getAttribute('data-mention-id') ?? null,
      words,
    )) as string;
    await popup.click(`button[data-mention-id="${id}"]`);
    await page.bringToFront();
    const card = (await page.waitFor(openCard, undefined, 10_000)) as ReturnType<typeof openCard>;
    return card!.text;
  }

  test('a story with no date: the claim’s “on Wednesday” as written, and why there is no day', async () => {
    const text = await claimCardText('/dates/undated-story.html', 'killing 19 people');
    expect(text).toContain('Refers to');
    expect(text).toContain('“on Wednesday” (the article’s date is unknown)');
    expect(text).not.toMatch(A_DAY);
  });

  test('the same story dated 18 March 2015: that Wednesday', async () => {
    const text = await claimCardText('/dates/dated-story.html', 'killing 19 people');
    expect(text).toContain('18 March 2015 (“on Wednesday”)');
    expect(text).not.toContain('date is unknown');
  });
});
