import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { type ApiStandIn, installApiStandIn } from './api-stand-in';
import { ENGINES, launch, type TestBrowser } from './browsers';
import { readMentions, type SeenMention, setSettings, settled, waitMarked } from './page-helpers';
import { startServer, type TestServer } from './server';

/**
 * Slice-invariant reading in the browser (issue 21, item 1): the seed read from its top, then
 * read again by a reader whose viewport is at the paragraph on the civil war when Sidenote starts
 * (so detection's first slice begins there and the top of the article comes last). The second
 * reading must show the same marks and look nothing new up: an event read as the "Russian civil
 * war" or an "Assad" tagged apart from Bashar Al-Assad would ask the sources for names the first
 * reading never needed, and the stand-in counts every request.
 */

const SEED = 'tests/fixtures/putin-assad-memo.html';
/** The paragraph the reader is at: the one on the civil war, in the middle of the article. */
const MIDDLE = 'civil war which erupted in 2011';

/**
 * The seed, scrolled to its middle by the page itself before Sidenote starts: a script at the end
 * of the body (it runs while the document is parsed, before any content script) brings the
 * paragraph to the top of the viewport, as a browser restoring a reader's scroll position would.
 */
function scrolledSeed(): string {
  const script = `<script>
    for (const p of document.querySelectorAll('p')) {
      if (p.textContent.includes(${JSON.stringify(MIDDLE)})) { p.scrollIntoView({ block: 'start' }); break; }
    }
  </script>`;
  return readFileSync(SEED, 'utf8').replace(/<\/body>/i, `${script}</body>`);
}

/** What a reader sees, without the ids a page hands out as slices come back. */
const seen = (mentions: SeenMention[]) => mentions.map(({ kind, type, text }) => ({ kind, type, text }));

describe.each(ENGINES)('the seed read from its middle in %s', (engine) => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startServer();
    standIn = installApiStandIn(server);
    server.addRoute((_req, res, url) => {
      if (url.pathname !== '/scrolled/putin-assad-memo.html') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(scrolledSeed());
      return true;
    });
    browser = await launch(engine);
    await setSettings(browser, { ...DEFAULT_SETTINGS, endpoints: standIn.endpoints });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('scrolled to the civil war when Sidenote starts: the same marks as from the top, and no new lookups', async () => {
    standIn.reset();
    const top = await browser.newPage();
    await top.goto(`${server.origin}/putin-assad-memo.html`);
    await waitMarked(top);
    await settled(standIn);
    const fromTop = seen(await top.evaluate(readMentions));
    const cold = { ...standIn.counts };
    await top.close();
    // The first reading looked the page's names up (a cold cache): the second must need none of it.
    expect(cold.wikipedia).toBeGreaterThan(0);
    expect(fromTop.filter((m) => m.kind === 'entity').map((m) => m.text)).toContain('Assad');
    expect(fromTop.some((m) => m.text.startsWith('civil war'))).toBe(true);

    standIn.reset();
    const middle = await browser.newPage();
    await middle.goto(`${server.origin}/scrolled/putin-assad-memo.html`);
    await waitMarked(middle);
    // The reader really was mid-article: the viewport starts below the article's first paragraphs.
    const at = await middle.evaluate((phrase) => {
      const p = Array.from(document.querySelectorAll('p')).find((el) => el.textContent?.includes(phrase));
      return { scrollY: window.scrollY, top: Math.round(p?.getBoundingClientRect().top ?? -1) };
    }, MIDDLE);
    expect(at.scrollY).toBeGreaterThan(100);
    expect(Math.abs(at.top)).toBeLessThan(5);
    await settled(standIn);
    const fromMiddle = seen(await middle.evaluate(readMentions));
    await middle.close();

    expect(fromMiddle).toEqual(fromTop);
    expect(standIn.counts).toEqual({ wikipedia: 0, wikidata: 0, factcheck: 0 });
    console.log(
      `[${engine}] seed from the top: ${fromTop.length} mentions, wikipedia ${cold.wikipedia}, wikidata ${cold.wikidata} requests; from the middle: the same mentions, 0 requests`,
    );
  });
});
