import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { type ApiStandIn, installApiStandIn } from './api-stand-in';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import { startServer, type TestServer } from './server';
import { askTab, closeAll, readMentions, type SeenMention, setSettings, settled, waitMarked } from './steps';

/**
 * The whole path a reader's hover takes on the seed page: detection in the content script, one
 * batched lookup through the background, the API stand-in, and the card's source link.
 */
const expected = JSON.parse(readFileSync('../shared/seed/putin-assad-memo.expected.json', 'utf8')) as {
  entities: { text: string; type: string; wikipedia: string }[];
};

/** Runs in the page: the open card's Wikipedia link, once the lookup has answered. */
function cardWikipediaLink(): string | null {
  const shadow = document.querySelector('sidenote-root')?.shadowRoot;
  const float = shadow?.querySelector('.sn-float') as HTMLElement | null;
  if (!float || float.hidden) return null;
  const link = Array.from(shadow?.querySelectorAll('.sn-card .sn-sources a') ?? []).find(
    (a) => a.textContent === 'Wikipedia',
  );
  return link?.getAttribute('href') ?? null;
}

const titleOf = (href: string) =>
  decodeURIComponent(new URL(href).pathname.replace(/^\/wiki\//, '')).replace(/_/g, ' ');

describe.each(ENGINES)('the seed page end to end in %s', (engine) => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let browser: TestBrowser;
  let page: TestPage;
  let url: string;
  /**
   * Moves the keyboard's focus onto a mention and opens its card, as the popup's "choose a mark"
   * does (the same as Alt+Shift+N reaching it), then gives the page the keyboard again.
   */
  const focusMention = async (mention: SeenMention) => {
    const { found } = await askTab<{ found: boolean }>(browser, page, url, 'revealMention', { id: mention.id });
    await page.bringToFront();
    return found;
  };

  beforeAll(async () => {
    server = await startServer();
    standIn = installApiStandIn(server);
    browser = await launch(engine);
    url = `${server.origin}/putin-assad-memo.html`;
    await setSettings(browser, { ...DEFAULT_SETTINGS, endpoints: standIn.endpoints });
  });
  afterAll(() => closeAll(browser, server));

  test('cold cache: the page’s names are looked up together, in exactly 2 Wikipedia requests; reloaded: none', async () => {
    standIn.reset();
    page = await browser.newPage();
    await page.goto(url);
    await waitMarked(page);
    await settled(standIn);
    const cold = { ...standIn.counts };
    console.log(`[${engine}] seed page load, cold cache: wikipedia ${cold.wikipedia}, wikidata ${cold.wikidata}`);
    // One batch for the whole page, however its detection slices come back and however many
    // frames its marking takes: the seed's direct titles, 20 a request (TITLES_PER_REQUEST).
    expect(cold.wikipedia).toBe(2);
    // Only phrases left the browser: never the page's address.
    expect(standIn.log.some((r) => r.url.includes('putin-assad-memo') || r.referer)).toBe(false);

    standIn.reset();
    await page.goto(url);
    await waitMarked(page);
    await settled(standIn);
    expect(standIn.counts).toEqual({ wikipedia: 0, wikidata: 0, factcheck: 0 });
  });

  test('each expected entity opens a card linked to its Wikipedia article', async () => {
    const seen = await readMentions(browser, page, url);
    const wrong: string[] = [];
    for (const entity of expected.entities) {
      const mark = seen.find((m) => m.kind === 'entity' && m.text === entity.text);
      if (!mark) {
        wrong.push(`${entity.text}: no entity mark`);
        continue;
      }
      expect(await focusMention(mark)).toBe(true);
      const href = await page.waitFor(cardWikipediaLink, undefined, 10_000).catch(() => null);
      if (!href || titleOf(href) !== entity.wikipedia)
        wrong.push(`${entity.text}: ${href ? titleOf(href) : 'no link'}`);
      await page.press('Escape');
      await page.waitFor(() => {
        const float = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-float') as HTMLElement;
        return !float || float.hidden;
      });
    }
    expect(wrong).toEqual([]);
  });

  test('the claim card says who claims the figure, through what, and gives context; screenshots', async () => {
    // An entity card with its Wikipedia summary and Wikidata facts, for a person to look at.
    const seen = await readMentions(browser, page, url);
    expect(await focusMention(seen.find((m) => m.kind === 'entity' && m.text === 'Bashar Al-Assad')!)).toBe(true);
    await page.waitFor(cardWikipediaLink);
    await page.screenshot('seed-entity-card');
    await page.press('Escape');

    await page.waitFor(
      () => (document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-float') as HTMLElement)?.hidden,
    );
    const claim = seen.find((m) => m.kind === 'claim' && m.text.includes('controls 90 per cent'));
    expect(claim).toBeDefined();
    expect(await focusMention(claim!)).toBe(true);
    const text = await page.waitFor(() => {
      const shadow = document.querySelector('sidenote-root')?.shadowRoot;
      const card = shadow?.querySelector('.sn-card');
      // Wait until the lookup has answered (no loading line left).
      if (!card || card.querySelector('[data-state="loading"]')) return null;
      return card.textContent;
    });
    expect(text).toContain('Statistic');
    expect(text).toContain('Vladimir Putin');
    expect(text).toContain('Kremlin statement');
    expect(text).toMatch(/90\s?%/);
    // Context on the disputed point: how much of Syria the government held, from the war's article.
    expect(text).toContain('Syrian civil war');
    expect(text).toMatch(/two thirds of the country’s territory/);
    await page.screenshot('seed-claim-card');
    await page.close();
  });
});
