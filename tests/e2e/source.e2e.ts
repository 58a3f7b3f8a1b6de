import { copyFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { type ApiStandIn, installApiStandIn } from './api-stand-in';
import { sourceRoute } from './api-stand-in/source/answers';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import { plantSettings } from './extension';
import { startServer, type TestServer } from './server';
import { closeAll, pointAt, readMentions, type SeenMention } from './steps';

/** Screenshots of the cards also go into the docs, so the README can show them. */
const DOCS = 'docs/screenshots';

async function shot(page: TestPage, engine: string, name: string): Promise<void> {
  const path = await page.screenshot(name);
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(path, `${DOCS}/${engine}-${name}.png`);
}

/** Runs in the page: the open card's (or the publisher panel's) text by part, from Sidenote's shadow root. */
function readCard(selector: string) {
  const root = document.querySelector('sidenote-root')?.shadowRoot;
  const card = root?.querySelector(selector);
  if (!card || card.closest('[hidden]') || card.getAttribute('aria-busy') === 'true') return null;
  const text = (s: string) => card.querySelector(s)?.textContent ?? null;
  return {
    badge: text('.sn-badge'),
    title: text('.sn-title'),
    subtitle: text('.sn-subtitle'),
    facts: Array.from(card.querySelectorAll('.sn-fact')).map((f) => [
      f.querySelector('dt')?.textContent,
      f.querySelector('dd')?.textContent,
    ]),
    perennial: card.querySelector('[data-sidenote-perennial]')?.getAttribute('data-sidenote-perennial') ?? null,
    statuses: Array.from(card.querySelectorAll('[data-sidenote-status]')).map((e) =>
      e.getAttribute('data-sidenote-status'),
    ),
    perennialText: text('[data-sidenote-perennial]'),
    claims: text('[data-sidenote-claims]'),
    verdicts: Array.from(card.querySelectorAll('[data-sidenote-verdict]')).map((e) => [
      e.getAttribute('data-sidenote-verdict'),
      e.textContent,
    ]),
    links: Array.from(card.querySelectorAll('a')).map((a) => a.getAttribute('href')),
    state: card.querySelector('[data-state="loading"]') ? 'loading' : 'ready',
  };
}

describe.each(ENGINES)('source context in %s', (engine) => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startServer();
    // Source answers first; the general stand-in answers everything else (and CORS preflights).
    server.addRoute(sourceRoute);
    standIn = installApiStandIn(server);
    browser = await launch(engine);
    const options = await browser.openExtensionPage('options.html');
    await plantSettings(options, { ...DEFAULT_SETTINGS, endpoints: standIn.endpoints });
    await options.close();
  });
  afterAll(() => closeAll(browser, server));

  const urls = new Map<TestPage, string>();
  /** The first mention of a kind whose text matches, as the page part lists it (waits for it). */
  async function mentionOf(page: TestPage, kind: string, pattern: string): Promise<SeenMention> {
    const re = new RegExp(pattern);
    for (const deadline = Date.now() + 10_000; ; ) {
      const found = (await readMentions(browser, page, urls.get(page)!)).find(
        (m) => m.kind === kind && re.test(m.text),
      );
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No ${kind} mention matching ${pattern}`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  async function openArticle(path: string): Promise<TestPage> {
    const page = await browser.newPage();
    urls.set(page, `${server.origin}/${path}`);
    await page.setViewport(1280, 900);
    await page.goto(`${server.origin}/${path}`);
    await page.waitFor(
      () => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') === 'done',
      undefined,
      20_000,
    );
    return page;
  }

  /** Moves the pointer away and waits for any open card to go, so it cannot cover the next mark. */
  async function leave(page: TestPage): Promise<void> {
    await page.mouseMove(5, 5);
    await page.waitFor(() => {
      const float = document
        .querySelector('sidenote-root')
        ?.shadowRoot?.querySelector('.sn-float') as HTMLElement | null;
      return !float || float.hidden;
    });
  }

  /** Points at `at` (a piece of the mention's text outside any name inside it) and waits for the card. */
  async function openCardOf(page: TestPage, kind: string, pattern: string, subtitle = pattern, at?: string) {
    const mention = await mentionOf(page, kind, pattern);
    await leave(page);
    await page.bringToFront();
    await pointAt(page, at ?? mention.text);
    const found = await page.waitFor(
      (p: string) => {
        const card = (globalThis as unknown as { readCard: (s: string) => ReturnType<typeof readCard> }).readCard?.(
          '.sn-float .sn-card',
        );
        return card && card.state === 'ready' && card.perennial && new RegExp(p).test(card.subtitle ?? '')
          ? card
          : null;
      },
      subtitle,
      15_000,
    );
    return found!;
  }

  async function installReader(page: TestPage): Promise<void> {
    await page.evaluate((source: string) => {
      (globalThis as unknown as { readCard: unknown }).readCard = new Function(`return (${source})`)();
    }, readCard.toString());
  }

  test("the seed page's publisher card: Middle East Monitor, its Wikidata facts and its Perennial sources entry", async () => {
    const page = await openArticle('putin-assad-memo.html');
    await installReader(page);
    const label = await page.waitFor(
      () => document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-publisher-badge')?.textContent,
    );
    expect(label).toBe('Publisher: Middle East Monitor');
    await page.evaluate(() => {
      const badge = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-publisher-badge');
      (badge as HTMLElement | null)?.click();
    });
    const card = (await page.waitFor(() => {
      const c = (globalThis as unknown as { readCard: (s: string) => ReturnType<typeof readCard> }).readCard(
        '.sn-publisher-panel .sn-card',
      );
      return c?.perennial ? c : null;
    }))!;
    expect(card.badge).toBe('Publisher');
    expect(card.title).toBe('Middle East Monitor');
    expect(card.subtitle).toBe('Published at middleeastmonitor.com');
    expect(card.facts).toEqual([
      ['Instance of', 'news website'],
      ['Country', 'United Kingdom'],
      ['Founded', '2009'],
      ['Headquarters', 'London'],
      ['Website', 'https://www.middleeastmonitor.com/'],
    ]);
    expect(card.perennial).toBe('listed');
    expect(card.statuses).toEqual(['generally-unreliable']);
    expect(card.perennialText).toContain('Generally unreliable');
    expect(card.links.every((href) => href?.startsWith('https://'))).toBe(true);
    await shot(page, engine, 'publisher-card');

    // Closed, then opened again the way the popup does it: a showPublisher message to the tab.
    await page.evaluate(() => {
      const close = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-publisher-panel .sn-close');
      (close as HTMLElement | null)?.click();
    });
    const panelHidden = () =>
      (document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-publisher-panel') as HTMLElement | null)
        ?.hidden;
    expect(await page.waitFor(panelHidden)).toBe(true);
    const tabId = await browser.tabIdOf(page, `${server.origin}/putin-assad-memo.html`);
    const extensionPage = await browser.openExtensionPage('options.html');
    const reply = await extensionPage.evaluate(async (tab: number) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return api.tabs.sendMessage(tab, { sidenote: 1, name: 'showPublisher', request: {} }, { frameId: 0 });
    }, tabId);
    await extensionPage.close();
    expect(reply).toEqual({ ok: true, value: { found: true, name: 'Middle East Monitor' } });
    await page.bringToFront();
    expect(
      await page.waitFor(
        () =>
          !(
            document
              .querySelector('sidenote-root')
              ?.shadowRoot?.querySelector('.sn-publisher-panel') as HTMLElement | null
          )?.hidden,
      ),
    ).toBe(true);
    // The page's address never reached the stand-in; only the outlet's name did.
    expect(standIn.log.some((r) => r.url.includes('putin-assad-memo'))).toBe(false);
    expect(standIn.log.some((r) => r.referer)).toBe(false);
    await page.close();
  });

  test('the Kremlin statement and the photo credit are marked as cited sources with their cards', async () => {
    const page = await openArticle('putin-assad-memo.html');
    await installReader(page);
    const kremlin = await openCardOf(
      page,
      'source',
      'According to a Kremlin statement',
      'According to a Kremlin statement',
      'According to',
    );
    expect(kremlin.badge).toBe('Cited source · Statement');
    expect(kremlin.title).toBe('Kremlin');
    expect(kremlin.subtitle).toBe('Cited as “According to a Kremlin statement”');
    expect(kremlin.claims).toMatch(/terrorists sustained/);
    expect(kremlin.facts).toContainEqual(['Country', 'Russia']);
    expect(kremlin.perennial).toBe('not-listed');
    await shot(page, engine, 'cited-source-kremlin');

    // The photo credit's words are the agency's name: one mark, which opens the cited source's card.
    const credit = await openCardOf(page, 'entity', '^Anadolu Agency$', 'Cited as “Anadolu Agency”');
    expect(credit.badge).toBe('Cited source · Credit');
    expect(credit.title).toBe('Anadolu Agency');
    expect(credit.facts).toContainEqual(['Owned by', 'Government of Turkey']);
    expect(credit.perennial).toBe('listed');
    expect(credit.statuses).toEqual(['no-consensus', 'generally-unreliable']);
    await shot(page, engine, 'cited-source-photo-credit');
    await page.close();
  });

  test('a right and a wrong population figure are labelled against Wikidata', async () => {
    const page = await openArticle('figures-berlin.html');
    await installReader(page);
    const waitVerdict = async (pattern: string) =>
      (await page.waitFor(
        (p: string) => {
          const c = (globalThis as unknown as { readCard: (s: string) => ReturnType<typeof readCard> }).readCard(
            '.sn-float .sn-card',
          );
          return c && new RegExp(p).test(c.title ?? '') && c.verdicts.length && c.verdicts[0]?.[0] !== 'loading'
            ? c
            : null;
        },
        pattern,
        15_000,
      ))!;
    await mentionOf(page, 'claim', '3\\.7 million');
    await page.bringToFront();
    await pointAt(page, '3.7 million');
    const right = await waitVerdict('3\\.7 million');
    expect(right.verdicts[0]?.[0]).toBe('agrees');
    expect(right.verdicts[0]?.[1]).toMatch(/^Agrees “3\.7 million”.*3,677,472/);
    expect(right.verdicts[0]?.[1]).toContain('(31 December 2021), nearest to 2021-09-14 of 6 dated values');
    expect(right.verdicts[0]?.[1]).toContain('Wikidata cites statistik-berlin-brandenburg.de');
    await shot(page, engine, 'figure-agrees');

    await leave(page);
    await mentionOf(page, 'claim', '4\\.5 million');
    await page.bringToFront();
    await pointAt(page, '4.5 million');
    const wrong = await waitVerdict('4\\.5 million');
    expect(wrong.verdicts[0]?.[0]).toBe('differs');
    expect(wrong.verdicts[0]?.[1]).toMatch(/^Differs by 22\.4% “4\.5 million”/);
    await shot(page, engine, 'figure-differs');
    await page.close();
  });
});
