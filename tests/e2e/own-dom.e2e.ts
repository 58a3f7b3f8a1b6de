/**
 * The page is not ours: while Sidenote is on, the page's DOM is byte for byte what the page made of
 * it, on the seed and on real saved articles (../shared/pages-dev, beside the project), in both
 * browsers. Compared two ways: with the same page before Sidenote was turned on, and with a load
 * where Sidenote is off against one where it is on from the start.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, launch, type TestBrowser } from './browsers';
import { domSnapshot, sidenoteInPage } from './in-page';
import { startServer, type TestServer } from './server';
import { closeAll, countedMarks, setSettings, startOnLoadedPage, waitDecided, waitMarked } from './steps';

const SAVED = resolve('../shared/pages-dev/html');
/**
 * Real articles Sidenote marks, from six sites built in different ways (chosen by marking every
 * 18th page of the corpus in both browsers and keeping those that are marked, quickest first).
 * SIDENOTE_OWN_DOM_KEYS (comma-separated key prefixes) tries others.
 */
const SAMPLE = (
  process.env.SIDENOTE_OWN_DOM_KEYS ?? '57d46c9d751e,70cb2d5bca75,5ae11e580afc,bc13ff87b263,ec3878db7e49,d1c57d7821e5'
).split(',');

/** The saved page as served here: scripts left out (the test machine is offline, and a page's own scripts would change its DOM on their own). */
function savedPage(key: string): string {
  const file = resolve(SAVED, `${key}.html.gz`);
  const html = gunzipSync(readFileSync(file)).toString('utf8');
  return html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
}

describe.each(ENGINES)("the page's DOM is its own while Sidenote is on, in %s", (engine) => {
  let server: TestServer;
  let browser: TestBrowser;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    // Fail, not skip: this is the promise made of real pages, and they must be here to keep it.
    if (!existsSync(SAVED)) throw new Error(`${SAVED} is missing: the real-page tests need ../shared/pages-dev`);
    const files = readdirSync(SAVED);
    for (const key of SAMPLE) {
      const file = files.find((f) => f.startsWith(key));
      if (!file) throw new Error(`No saved page ${key} in ${SAVED}`);
      keys.set(key, file.replace(/\.html\.gz$/, ''));
    }
    server = await startServer();
    server.addRoute((_req, res, url) => {
      const m = /^\/saved\/([0-9a-f]+)\.html$/.exec(url.pathname);
      if (!m) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(savedPage(m[1]!));
      return true;
    });
    browser = await launch(engine);
  });
  afterAll(() => closeAll(browser, server));

  const pages = ['putin-assad-memo.html', ...SAMPLE.map((key) => `saved/${key}.html`)];
  test.each(pages)('%s: turned on over the loaded page, and loaded with Sidenote on', async (path) => {
    const route = path.startsWith('saved/') ? `saved/${keys.get(path.slice(6, -5))}.html` : path;
    const url = `${server.origin}/${route}`;
    const { page, before } = await startOnLoadedPage(browser, url);
    const marks = await countedMarks(page);
    expect(marks, 'marks on the page').toBeGreaterThan(0);
    expect(await page.evaluate(domSnapshot)).toEqual(before.original);
    expect(await page.evaluate(sidenoteInPage)).toEqual([]);
    await page.close();

    // A fresh load with Sidenote on from the start, against a load where it is off.
    const fresh = await browser.newPage();
    await fresh.goto(url);
    await waitMarked(fresh);
    expect(await countedMarks(fresh)).toBe(marks);
    expect(await fresh.evaluate(domSnapshot)).toEqual(before.original);
    expect(await fresh.evaluate(sidenoteInPage)).toEqual([]);
    await fresh.close();
    await setSettings(browser, { enabled: false });
    const off = await browser.newPage();
    await off.goto(url);
    await waitDecided(off);
    expect(await off.evaluate(domSnapshot)).toEqual(before.original);
    await off.close();
  });
});
