/**
 * The steps an end-to-end test takes from outside the page: a browser and the fixture server for a
 * block of tests, Sidenote's settings, asking the page part what it marked, waiting for it to mark
 * or to settle, pointing at a phrase. What runs inside the page is in ./in-page.
 */
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import type { ApiStandIn } from './api-stand-in';
import { type Engine, launch, type TestBrowser, type TestPage } from './browsers';
import { plantSettings } from './extension';
import { blockBoxes, domSnapshot, highlightsAt, type PaintedAt, phrasePoint } from './in-page';
import { startServer, type TestServer } from './server';

/** The fixture server and a browser with the extension, for the tests of one engine. */
export async function openSession(engine: Engine): Promise<{ server: TestServer; browser: TestBrowser }> {
  const server = await startServer();
  const browser = await launch(engine);
  return { server, browser };
}

/** Closes what a test block opened (a browser, then the server), skipping what never opened. */
export async function closeAll(...things: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const thing of things) await thing?.close();
}

/** Writes settings (defaults plus `change`) from an extension page, as the options page would. */
export async function setSettings(browser: TestBrowser, change: Partial<Settings>): Promise<void> {
  const page = await browser.openExtensionPage('options.html');
  await plantSettings(page, { ...DEFAULT_SETTINGS, ...change });
  await page.close();
}

/** A mention as Sidenote lists it (the popup's list): kind, type and the text it covers. */
export interface SeenMention {
  id: string;
  kind: string;
  type: string;
  text: string;
  label?: string;
}

/**
 * Asks Sidenote's page part in the tab showing `url` (the popup's own message), from an extension
 * page: the mentions it marked, in reading order, of the kinds shown.
 */
export async function readMentions(browser: TestBrowser, page: TestPage, url: string): Promise<SeenMention[]> {
  const reply = await askTab<{ mentions: SeenMention[] }>(browser, page, url, 'pageMentions');
  return reply.mentions;
}

/** Sends one of the popup's messages to the tab showing `url` and returns its value. */
export async function askTab<T>(
  browser: TestBrowser,
  page: TestPage,
  url: string,
  name: string,
  request: Record<string, unknown> = {},
): Promise<T> {
  const tabId = await browser.tabIdOf(page, url);
  const ext = await browser.openExtensionPage('options.html');
  try {
    const reply = await ext.evaluate(
      async ({ tabId, name, request }) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return (await api.tabs.sendMessage(tabId, { sidenote: 1, name, request })) as {
          ok: boolean;
          value?: unknown;
          error?: string;
        };
      },
      { tabId, name, request },
    );
    if (!reply?.ok) throw new Error(`${name} failed: ${reply?.error ?? 'no answer'}`);
    return reply.value as T;
  } finally {
    await ext.close();
  }
}

/** Waits until Sidenote has finished its first pass over the page. */
export async function waitMarked(page: TestPage, timeoutMs = 20_000): Promise<void> {
  await page.waitFor(
    () => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') === 'done',
    undefined,
    timeoutMs,
  );
}

/**
 * Waits until the page has loaded and Sidenote's first script has had a moment to decide. Where
 * Sidenote does nothing it leaves no trace a page (or a test in it) can see, so there is no
 * attribute to wait for: the first script runs at the load at the latest and decides within
 * milliseconds.
 */
export async function waitDecided(page: TestPage, settleMs = 300): Promise<void> {
  await page.waitFor(() => document.readyState === 'complete');
  await new Promise((done) => setTimeout(done, settleMs));
}

/**
 * The marks the page's Sidenote counts (its host's `data-sidenote-marks`), once its report has
 * settled: it reports while marking goes on, and a moment after the last marks.
 */
export async function countedMarks(page: TestPage, timeoutMs = 20_000): Promise<number> {
  const read = () =>
    page.evaluate(() => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks') ?? null);
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  for (;;) {
    await new Promise((done) => setTimeout(done, 500));
    const now = await read();
    if (now !== null && now === last) return Number(now);
    if (Date.now() > deadline) throw new Error(`The page's count of marks did not settle (last: ${now})`);
    last = now;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until the API stand-in has seen no new request for `quietMs`: the page's lookups are done. */
export async function settled(standIn: ApiStandIn, quietMs = 1500): Promise<void> {
  let last = -1;
  while (standIn.log.length !== last) {
    last = standIn.log.length;
    await sleep(quietMs);
  }
}

/** Points at a phrase as a reader would (a real pointer move), so its card opens after the delay. */
export async function pointAt(page: TestPage, phrase: string, nth = 0): Promise<void> {
  const point = await page.evaluate(phrasePoint, { phrase, nth });
  if (!point) throw new Error(`"${phrase}" is not on the page`);
  // Two moves: the first may be the pointer's arrival from elsewhere.
  await page.mouseMove(point.x - 1, point.y);
  await page.mouseMove(point.x, point.y);
}

/**
 * Scrolls the `nth` occurrence of `phrase` in the body's text into view and reads which highlights
 * paint at its middle. Null when the phrase is not on the page (or has no box).
 */
export async function paintedAt(page: TestPage, phrase: string, nth = 0): Promise<PaintedAt | null> {
  const point = await page.evaluate(phrasePoint, { phrase, nth });
  return point && page.evaluate(highlightsAt, point);
}

/** What a page looked like before Sidenote started on it. */
export interface Before {
  original: ReturnType<typeof domSnapshot>;
  boxes: string[];
}

/**
 * Loads `url` with Sidenote off, takes the page's own markup and the article's boxes, then turns
 * Sidenote on (the settings, live) and waits until it has marked the page.
 */
export async function startOnLoadedPage(browser: TestBrowser, url: string, timeoutMs?: number) {
  await setSettings(browser, { enabled: false });
  const page: TestPage = await browser.newPage();
  await page.goto(url);
  await waitDecided(page);
  const before: Before = { original: await page.evaluate(domSnapshot), boxes: await page.evaluate(blockBoxes) };
  await setSettings(browser, {});
  await page.bringToFront();
  await waitMarked(page, timeoutMs);
  return { page, before };
}
