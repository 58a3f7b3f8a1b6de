import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { type ApiStandIn, installApiStandIn } from './api-stand-in';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import { startServer, type TestServer } from './server';
import { closeAll, setSettings, waitMarked } from './steps';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until the stand-in has had requests and then none for `quietMs`: the page's lookups are done. */
async function lookedUp(standIn: ApiStandIn, quietMs = 1500, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (standIn.counts.wikipedia === 0) {
    if (Date.now() - start > timeoutMs) throw new Error('the page asked for nothing');
    await sleep(200);
  }
  let last = -1;
  while (standIn.log.length !== last) {
    last = standIn.log.length;
    await sleep(quietMs);
  }
}

type Api = typeof chrome;

/**
 * Private windows, where each browser keeps its own model for extensions (Chromium: one "spanning"
 * background for both; Firefox: the same, with private tabs marked `incognito`). Sidenote allowed
 * there as a reader allows it. A private tab's lookups are answered from the sources but never
 * written to the extension's IndexedDB, and what they looked up is forgotten with the last private
 * window. The page itself lives in a window the test driver cannot reach, so what it did is read
 * from the sources' stand-in and the cache's size.
 */
describe.each(ENGINES)('private windows in %s', (engine) => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let browser: TestBrowser;
  let ext: TestPage;
  let url: string;
  const send = (name: string, request: unknown = {}) =>
    ext.evaluate(
      ([n, r]) =>
        ((globalThis as unknown as { browser?: Api }).browser ?? chrome).runtime.sendMessage({
          sidenote: 1,
          name: n,
          request: r,
        }),
      [name, request] as const,
    ) as Promise<{ ok: boolean; value?: { entries: number; bytes: number } }>;
  const privateWindow = (): Promise<number> =>
    ext.evaluate(
      async (u) =>
        (
          await ((globalThis as unknown as { browser?: Api }).browser ?? chrome).windows.create({
            incognito: true,
            url: u,
          })
        ).id ?? -1,
      url,
    );
  const closeWindow = (id: number) =>
    ext.evaluate((w) => ((globalThis as unknown as { browser?: Api }).browser ?? chrome).windows.remove(w), id);

  beforeAll(async () => {
    server = await startServer();
    standIn = installApiStandIn(server);
    browser = await launch(engine, { privateWindows: true });
    url = `${server.origin}/putin-assad-memo.html`;
    // No publisher badge: the Perennial list it fetches is kept on disk for every reader alike.
    await setSettings(browser, {
      ...DEFAULT_SETTINGS,
      endpoints: standIn.endpoints,
      kinds: { ...DEFAULT_SETTINGS.kinds, source: false },
    });
    ext = await browser.openExtensionPage('options.html');
    await ext.waitForSelector('main.sn-options:not([aria-busy])');
  });
  afterAll(() => closeAll(browser, server));

  test('a private tab’s lookups reach the sources but not IndexedDB; a normal tab’s do', async () => {
    expect(
      await ext.evaluate(() =>
        ((globalThis as unknown as { browser?: Api }).browser ?? chrome).extension.isAllowedIncognitoAccess(),
      ),
    ).toBe(true);
    await send('cacheClear');
    standIn.reset();
    const win = await privateWindow();
    await lookedUp(standIn);
    const asked = standIn.counts.wikipedia;
    console.log(`[${engine}] private window: ${asked} Wikipedia requests`);
    expect(await send('cacheStats')).toEqual({ ok: true, value: { entries: 0, bytes: 0 } });

    // The last private window closes: what its tabs looked up is gone (asked again next time).
    await closeWindow(win);
    await sleep(500);
    standIn.reset();
    const again = await privateWindow();
    await lookedUp(standIn);
    expect(standIn.counts.wikipedia).toBe(asked);
    expect(await send('cacheStats')).toEqual({ ok: true, value: { entries: 0, bytes: 0 } });
    await closeWindow(again);

    // The same page in a normal tab: cached on disk as always.
    standIn.reset();
    const page = await browser.newPage();
    await page.goto(url);
    await waitMarked(page);
    await lookedUp(standIn);
    expect((await send('cacheStats')).value?.entries).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});
