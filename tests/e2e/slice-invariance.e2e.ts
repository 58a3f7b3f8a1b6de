import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { type ApiStandIn, installApiStandIn } from './api-stand-in';
import { ENGINES, launch, type TestBrowser } from './browsers';
import { startServer, type TestServer } from './server';
import { closeAll, readMentions, type SeenMention, setSettings, settled, waitMarked } from './steps';

/**
 * Slice-invariant reading in the browser (issue 21, item 1): the seed read from its top, then
 * read again by readers whose viewport is in the middle of the article when Sidenote starts (so
 * detection's first slice begins there and the top of the article comes last). Each later reading
 * must show the same marks and look nothing new up: an event read as the "Russian civil war" or
 * an "Assad" tagged apart from Bashar Al-Assad would ask the sources for names the first reading
 * never needed, and the stand-in counts every request.
 */

const SEED = 'tests/fixtures/putin-assad-memo.html';
/**
 * Paragraphs a reader is at when the page loads, brought to the top of the viewport: the one on
 * the civil war, the Kremlin's statement, the sanctions (before this change the last two made a
 * first slice that called the war Russian, or "Assad" an organisation).
 */
const MIDDLES = [
  'civil war which erupted in 2011',
  'According to a Kremlin statement',
  'Both men condemned the sanctions',
];

/**
 * The seed, scrolled by the page itself before Sidenote starts: a script at the end of the body
 * (it runs while the document is parsed, before any content script) brings the paragraph with
 * `phrase` to the top of the viewport, as a browser restoring a reader's scroll position would.
 */
function scrolledSeed(phrase: string): string {
  const script = `<script>
    for (const p of document.querySelectorAll('p')) {
      if (p.textContent.includes(${JSON.stringify(phrase)})) { p.scrollIntoView({ block: 'start' }); break; }
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
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(scrolledSeed(url.searchParams.get('at')!));
      return true;
    });
    browser = await launch(engine);
    await setSettings(browser, { ...DEFAULT_SETTINGS, endpoints: standIn.endpoints });
  });
  afterAll(() => closeAll(browser, server));

  test('scrolled to the middle when Sidenote starts: the same marks as from the top, and no new lookups', async () => {
    standIn.reset();
    const top = await browser.newPage();
    const topUrl = `${server.origin}/putin-assad-memo.html`;
    await top.goto(topUrl);
    await waitMarked(top);
    await settled(standIn);
    const fromTop = seen(await readMentions(browser, top, topUrl));
    const cold = { ...standIn.counts };
    await top.close();
    // The first reading looked the page's names up (a cold cache): the second must need none of it.
    expect(cold.wikipedia).toBeGreaterThan(0);
    expect(fromTop.filter((m) => m.kind === 'entity').map((m) => m.text)).toContain('Assad');
    expect(fromTop.some((m) => m.text.startsWith('civil war'))).toBe(true);

    for (const phrase of MIDDLES) {
      standIn.reset();
      const middle = await browser.newPage();
      const middleUrl = `${server.origin}/scrolled/putin-assad-memo.html?at=${encodeURIComponent(phrase)}`;
      await middle.goto(middleUrl);
      await waitMarked(middle);
      // The reader really was mid-article: the story's first paragraph is above the viewport and
      // the paragraph is in it (at its top, or lower where the page ends before it can scroll further).
      const at = await middle.evaluate((text) => {
        const paragraphs = Array.from(document.querySelectorAll('p'));
        const p = paragraphs.find((el) => el.textContent?.includes(text));
        const lead = paragraphs.find((el) => el.textContent?.includes('met his Syrian counterpart'));
        return {
          leadBottom: lead?.getBoundingClientRect().bottom ?? 0,
          top: p?.getBoundingClientRect().top ?? -1,
          height: window.innerHeight,
        };
      }, phrase);
      expect(at.leadBottom, phrase).toBeLessThan(0);
      expect(at.top, phrase).toBeGreaterThan(-60);
      expect(at.top, phrase).toBeLessThan(at.height / 2);
      await settled(standIn);
      const fromMiddle = seen(await readMentions(browser, middle, middleUrl));
      await middle.close();

      expect(fromMiddle, phrase).toEqual(fromTop);
      expect(standIn.counts, phrase).toEqual({ wikipedia: 0, wikidata: 0, factcheck: 0 });
    }
    console.log(
      `[${engine}] seed from the top: ${fromTop.length} mentions, wikipedia ${cold.wikipedia}, wikidata ${cold.wikidata} requests; from ${MIDDLES.length} places in the middle: the same mentions, 0 requests`,
    );
  });
});
