import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { longArticleHtml } from '../fixtures/long-article';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import {
  blockBoxes,
  cardCovers,
  domSnapshot,
  openCard,
  readMentions,
  type SeenMention,
  setSettings,
  sidenoteTraces,
  waitDecided,
  waitMarked,
} from './page-helpers';
import { startServer, type TestServer } from './server';

interface Expected {
  entities: { text: string; type: string }[];
  claims: { contains: string; kind: string; claimant?: string; value?: { number: number; unit?: string } }[];
  mustNotAnnotate: { selector: string }[];
}
const expected: Expected = JSON.parse(readFileSync('../shared/seed/putin-assad-memo.expected.json', 'utf8'));

const LONG_WORDS = 100_000;

type Card = NonNullable<ReturnType<typeof openCard>>;
const waitCard = (page: TestPage) => page.waitFor(openCard) as Promise<Card>;

describe.each(ENGINES)('in the page, in %s', (engine) => {
  let server: TestServer;
  let browser: TestBrowser;
  const open = async (path: string): Promise<TestPage> => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/${path}`);
    return page;
  };

  beforeAll(async () => {
    server = await startServer();
    const long = longArticleHtml(LONG_WORDS);
    const wall = longArticleHtml(LONG_WORDS, { oneParagraph: true });
    server.addRoute((_req, res, url) => {
      const html = url.pathname === '/long.html' ? long : url.pathname === '/wall.html' ? wall : undefined;
      if (!html) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return true;
    });
    browser = await launch(engine);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the seed article gets the expected marks, and none outside the article body', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const mentions: SeenMention[] = await page.evaluate(readMentions);
    for (const entity of expected.entities) {
      const found = mentions.find((m) => m.kind === 'entity' && m.text === entity.text);
      expect(found, `entity "${entity.text}"`).toBeDefined();
      expect(found?.type, `type of "${entity.text}"`).toBe(entity.type);
    }
    for (const claim of expected.claims) {
      const found = mentions.filter((m) => m.kind === 'claim' && m.text.includes(claim.contains));
      expect(found.length, `claim containing "${claim.contains}"`).toBeGreaterThan(0);
      expect(
        found.map((m) => m.type),
        `kind of "${claim.contains}"`,
      ).toContain(claim.kind);
    }
    for (const { selector } of expected.mustNotAnnotate) {
      const inside = await page.evaluate(
        (s) =>
          Array.from(document.querySelectorAll(s)).reduce(
            (n, el) => n + el.querySelectorAll('sidenote-mark').length,
            0,
          ),
        selector,
      );
      expect(inside, `marks inside ${selector}`).toBe(0);
    }
    // The textarea's own value is untouched.
    expect(await page.evaluate(() => document.querySelector('textarea')?.value)).toBe('Assad and Putin met in Moscow.');
    await page.close();
  });

  test('hovering a mark opens its card after the delay, and leaving closes it', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const selector = 'article p sidenote-mark[data-sidenote-kind="entity"][data-sidenote-type="person"]';
    const name = await page.evaluate((s) => document.querySelector(s)?.textContent, selector);
    await page.hover(selector);
    // Not yet: the card waits for the hover delay.
    expect(await page.evaluate(openCard)).toBeNull();
    const card = await waitCard(page);
    expect(card.role).toBe('dialog');
    expect(card.tone).toBe('entity');
    expect(card.text).toContain('Person');
    expect(card.label).toContain(name?.split(' ').pop());
    // Never an empty box: found context, or a clear state line.
    expect(card.text).toMatch(/Source:|No context found|unavailable|offline|Looking up/);
    // The card is beside the mark, not over it.
    const overlap = await page.evaluate(
      cardCovers,
      await page.evaluate((s) => document.querySelector(s)!.getAttribute('data-sidenote-id')!, selector),
    );
    expect(overlap).toBe(false);
    await page.mouseMove(5, 880);
    await page.waitFor(() => {
      const float = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-float') as HTMLElement;
      return float?.hidden === true;
    });
    await page.close();
  });

  test('a claim card says what detection knows: kind, who says it, through what, the figure', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const id = await page.evaluate(
      (mentions: SeenMention[]) => mentions.find((m) => m.kind === 'claim' && m.text.includes('90 per cent'))?.id,
      await page.evaluate(readMentions),
    );
    expect(id).toBeTruthy();
    await page.hover(`sidenote-mark[data-sidenote-id="${id}"]`);
    const card = await waitCard(page);
    expect(card.tone).toBe('claim');
    expect(card.text).toContain('Statistic');
    expect(card.text).toContain('Putin');
    expect(card.text).toContain('Kremlin statement');
    expect(card.text).toContain('90%');
    expect(await page.evaluate(cardCovers, id!)).toBe(false);
    await page.screenshot('seed-claim-card');
    await page.close();
  });

  test('keyboard: a shortcut moves focus through marks, focus opens the card, Escape closes it', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    await page.bringToFront();
    await page.press('Alt+Shift+KeyN');
    const first = await page.waitFor(() => {
      const el = document.activeElement;
      return el?.localName === 'sidenote-mark' ? el.getAttribute('data-sidenote-id') : null;
    });
    const card = await waitCard(page);
    expect(card.role).toBe('dialog');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('true');
    await page.press('Escape');
    await page.waitFor(() => {
      const float = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-float') as HTMLElement;
      return float?.hidden === true;
    });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-sidenote-id'))).toBe(first);
    await page.press('Alt+Shift+KeyN');
    const second = await page.waitFor(() => {
      const id = document.activeElement?.getAttribute('data-sidenote-id');
      return id && document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card') ? id : null;
    });
    expect(second).not.toBe(first);
    await page.press('Alt+Shift+KeyP');
    await page.waitFor((f) => document.activeElement?.getAttribute('data-sidenote-id') === f, first);
    await page.close();
  });

  test('the popup can list the mentions and reveal one', async () => {
    await setSettings(browser, {});
    const url = `${server.origin}/putin-assad-memo.html`;
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const tabId = await browser.tabIdOf(page, url);
    const ext = await browser.openExtensionPage('options.html');
    await ext.waitFor(() => location.pathname.endsWith('options.html') && document.readyState !== 'loading');
    const send = (name: string, request: unknown) =>
      ext.evaluate(
        async ({ tabId, name, request }) => {
          const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
          return api.tabs.sendMessage(tabId, { sidenote: 1, name, request }, { frameId: 0 });
        },
        { tabId, name, request },
      ) as Promise<{ ok: boolean; value: Record<string, unknown> }>;
    const listed = await send('pageMentions', {});
    expect(listed.ok).toBe(true);
    expect(listed.value.isArticle).toBe(true);
    expect(listed.value.active).toBe(true);
    const mentions = listed.value.mentions as { id: string; kind: string; label: string }[];
    const daraa = mentions.find((m) => m.kind === 'entity' && m.label === 'Daraa');
    expect(daraa).toBeDefined();
    expect(mentions.some((m) => m.kind === 'claim')).toBe(true);
    const revealed = await send('revealMention', { id: daraa!.id });
    expect(revealed.value.found).toBe(true);
    expect((await send('revealMention', { id: 'nope' })).value.found).toBe(false);
    await page.bringToFront();
    const card = await waitCard(page);
    expect(card.label).toBe('Daraa');
    // The toolbar button or keyboard command turns this page off and on again.
    const off = await send('toggleAnnotations', { on: false });
    expect(off.value.active).toBe(false);
    await page.waitFor(() => document.querySelectorAll('sidenote-mark').length === 0);
    const on = await send('toggleAnnotations', {});
    expect(on.value.active).toBe(true);
    await page.waitFor(() => document.querySelectorAll('sidenote-mark').length > 5);
    await ext.close();
    await page.close();
  });

  for (const fixture of ['putin-assad-memo.html', 'page-heavy-css.html']) {
    test(`${fixture}: marks move no box, and turning Sidenote off restores the DOM exactly`, async () => {
      await setSettings(browser, { enabled: false });
      const page = await open(fixture);
      await waitDecided(page);
      const original = await page.evaluate(domSnapshot);
      const boxes = await page.evaluate(blockBoxes);
      await setSettings(browser, {});
      await page.bringToFront();
      await waitMarked(page);
      expect(await page.evaluate(() => document.querySelectorAll('sidenote-mark').length)).toBeGreaterThan(5);
      expect(await page.evaluate(blockBoxes)).toEqual(boxes);
      // Marks take no padding, margin or border, whatever the page's rules say.
      const box = await page.evaluate(() => {
        const s = getComputedStyle(document.querySelector('sidenote-mark')!);
        return [s.paddingLeft, s.marginLeft, s.borderLeftWidth, s.display, s.float].join(' ');
      });
      expect(box).toBe('0px 0px 0px inline none');
      // (No screenshot here: Playwright's caret hiding writes a style attribute on inputs.)
      await setSettings(browser, { enabled: false });
      await page.waitFor(() => document.querySelectorAll('sidenote-mark').length === 0);
      expect(await page.evaluate(domSnapshot)).toEqual(original);
      await page.close();
    });
  }

  test('kinds switched off lose their underline and keyboard stop at once, and come back', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const claimLook = () => {
      // A key claim: the others show their line only when pointed at or revealed.
      const claim = document.querySelector(
        'sidenote-mark[data-sidenote-kind="claim"][tabindex]:not([data-sidenote-quiet])',
      );
      const entity = document.querySelector('sidenote-mark[data-sidenote-kind="entity"][tabindex]');
      return {
        claimFocusable: !!claim,
        claimLine: claim ? getComputedStyle(claim).backgroundImage !== 'none' : false,
        entityLine: entity ? getComputedStyle(entity).textDecorationLine.includes('underline') : false,
        hiddenClaims: Array.from(document.querySelectorAll('sidenote-mark[data-sidenote-kind="claim"]')).every(
          (m) => !m.hasAttribute('tabindex') && getComputedStyle(m).backgroundImage === 'none',
        ),
      };
    };
    expect(await page.evaluate(claimLook)).toMatchObject({ claimFocusable: true, claimLine: true, entityLine: true });
    await setSettings(browser, { kinds: { entities: true, claims: false, source: true } });
    await page.bringToFront();
    await page.waitFor(() => !document.querySelector('sidenote-mark[data-sidenote-kind="claim"][tabindex]'));
    expect(await page.evaluate(claimLook)).toMatchObject({
      claimFocusable: false,
      entityLine: true,
      hiddenClaims: true,
    });
    await setSettings(browser, {});
    await page.waitFor(() => !!document.querySelector('sidenote-mark[data-sidenote-kind="claim"][tabindex]'));
    await page.close();
  });

  test('a page that is not an article is left alone, unless whole-page mode is on (never the editable)', async () => {
    await setSettings(browser, {});
    const listing = await open('page-listing.html');
    await waitDecided(listing);
    // Nothing of Sidenote's on a page it does nothing on: no host, marks, style, performance
    // entries, and (Chromium) no declared stylesheet a page could probe. Firefox keeps the marks'
    // declared stylesheet so marks a removed Sidenote could not take out read as plain text.
    expect(await listing.evaluate(sidenoteTraces)).toEqual(engine === 'chromium' ? [] : ['declared mark stylesheet']);
    if (engine === 'chromium') {
      // The parts the first script imports are web-accessible only through Chromium's per-session
      // address: a page probing the extension's own address for them finds nothing.
      const probe = `${browser.extensionBase}sidenote-page.js`;
      const found = await listing.evaluate(
        (url) =>
          fetch(url).then(
            (r) => r.ok,
            () => false,
          ),
        probe,
      );
      expect(found).toBe(false);
    }
    // The first script still answers the popup: Sidenote is on, and this is not an article.
    const tabId = await browser.tabIdOf(listing, `${server.origin}/page-listing.html`);
    const ext = await browser.openExtensionPage('options.html');
    // (Firefox's extension pages load behind `goto`: wait until this one is the options page.)
    await ext.waitFor(() => location.pathname.endsWith('options.html') && document.readyState !== 'loading');
    const listed = (await ext.evaluate(async (tabId) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return api.tabs.sendMessage(tabId, { sidenote: 1, name: 'pageMentions', request: {} }, { frameId: 0 });
    }, tabId)) as { ok: boolean; value: Record<string, unknown> };
    expect(listed).toEqual({
      ok: true,
      value: { site: '127.0.0.1', active: true, isArticle: false, mentions: [] },
    });
    await ext.close();
    await listing.close();

    await setSettings(browser, { wholePage: true });
    const whole = await open('page-listing.html');
    await waitMarked(whole);
    const counts = await whole.evaluate(() => ({
      main: document.querySelectorAll('main sidenote-mark').length,
      aside: document.querySelectorAll('aside sidenote-mark').length,
      editable: document.querySelectorAll('textarea sidenote-mark').length,
      textarea: document.querySelector('textarea')!.value,
    }));
    expect(counts.main).toBeGreaterThan(0);
    expect(counts.aside).toBeGreaterThan(0);
    expect(counts.editable).toBe(0);
    expect(counts.textarea).toBe('Berlin is great.');
    await whole.close();

    const seed = await open('putin-assad-memo.html');
    await waitMarked(seed);
    expect(await seed.evaluate(() => document.querySelectorAll('aside sidenote-mark').length)).toBeGreaterThan(0);
    expect(
      await seed.evaluate(() => document.querySelectorAll('textarea sidenote-mark, form sidenote-mark').length),
    ).toBe(0);
    await seed.close();
    await setSettings(browser, {});
  });

  test('inputs, textareas, editable areas and code stay untouched', async () => {
    await setSettings(browser, {});
    const page = await open('page-inputs-code.html');
    await waitMarked(page);
    const result = await page.evaluate(() => ({
      prose: document.querySelectorAll('article > p sidenote-mark').length,
      forbidden: document.querySelectorAll(
        'code sidenote-mark, pre sidenote-mark, form sidenote-mark, [contenteditable] sidenote-mark, textarea sidenote-mark',
      ).length,
      input: (document.getElementById('name') as HTMLInputElement).value,
      textarea: (document.getElementById('comment') as HTMLTextAreaElement).value,
      editor: document.getElementById('editor')!.innerHTML,
      pre: document.getElementById('snippet')!.innerHTML,
    }));
    expect(result.prose).toBeGreaterThan(0);
    expect(result.forbidden).toBe(0);
    expect(result.input).toBe('Brandon Johnson from Chicago');
    expect(result.textarea).toBe('I think Chicago and Brandon Johnson got this wrong.');
    expect(result.editor).toBe('<p>Draft: Chicago council votes again in January, says Brandon Johnson.</p>');
    expect(result.pre).not.toContain('sidenote');
    await page.close();
  });

  test('added paragraphs and the next story are marked, rewritten text again, removed text leaves the count; nothing twice', async () => {
    await setSettings(browser, {});
    const page = await open('page-dynamic.html');
    await waitMarked(page);
    expect(await page.evaluate(() => document.querySelectorAll('#lead sidenote-mark').length)).toBeGreaterThan(0);
    const leadBefore = await page.evaluate(() => document.getElementById('lead')!.innerHTML);
    await page.click('#load-more');
    await page.waitFor(() => document.querySelectorAll('p.late sidenote-mark').length > 0);
    const late = await page.evaluate(() =>
      Array.from(document.querySelectorAll('p.late sidenote-mark')).map((m) => m.textContent),
    );
    expect(late).toEqual(expect.arrayContaining(['Birmingham']));
    await page.evaluate(() =>
      (window as unknown as { sidenoteFixture: { rewrite(): void } }).sidenoteFixture.rewrite(),
    );
    await page.waitFor(() =>
      Array.from(document.querySelectorAll('#rewrite sidenote-mark')).some((m) => m.textContent === 'Liverpool'),
    );
    expect(await page.evaluate(() => document.getElementById('rewrite')!.textContent)).toBe(
      'Later returns showed turnout of 58 per cent in Liverpool, according to the electoral commission.',
    );
    // The untouched paragraph was not wrapped again.
    expect(await page.evaluate(() => document.getElementById('lead')!.innerHTML)).toBe(leadBefore);
    expect(await page.evaluate(() => document.querySelectorAll('sidenote-mark sidenote-mark').length)).toBe(0);

    // A paragraph the page takes out takes its mentions out of the page's count.
    type Fixture = { sidenoteFixture: { removeLead(): void; nextStory(): void } };
    const count = () => Number(document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks'));
    await page.waitFor(() => Number(document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks')) > 0);
    const before = await page.evaluate(count);
    const inLead = await page.evaluate(
      () =>
        new Set(
          Array.from(document.querySelectorAll('#lead sidenote-mark')).map((m) => m.getAttribute('data-sidenote-id')),
        ).size,
    );
    expect(inLead).toBeGreaterThan(0);
    await page.evaluate(() => (window as unknown as Fixture).sidenoteFixture.removeLead());
    await page.waitFor(
      (expected: number) =>
        Number(document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks')) === expected,
      before - inLead,
    );

    // The next story, appended below as its own <article>, is marked too.
    await page.evaluate(() => (window as unknown as Fixture).sidenoteFixture.nextStory());
    await page.waitFor(() => document.querySelectorAll('#next p sidenote-mark').length > 0);
    const next = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#next sidenote-mark')).map((m) => m.textContent),
    );
    expect(next).toEqual(expect.arrayContaining(['Frankfurt', 'Tokyo']));
    // ... and counted (the page's report follows the marks within a moment).
    await page.waitFor(
      (was: number) => Number(document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks')) > was,
      before - inLead,
    );
    await page.close();
  });

  test('a dark page gets dark cards; screenshots of the seed page with a card, light and dark', async () => {
    await setSettings(browser, {});
    const dark = await open('page-dark.html');
    await waitMarked(dark);
    await dark.hover('sidenote-mark[data-sidenote-kind="entity"]');
    expect((await waitCard(dark)).theme).toBe('dark');
    await dark.screenshot('dark-page-card');
    await dark.close();

    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    await page.evaluate(() => window.scrollTo(0, 380));
    const claim = await page.evaluate(
      (mentions: SeenMention[]) => mentions.find((m) => m.kind === 'claim' && m.text.includes('90 per cent'))?.id,
      await page.evaluate(readMentions),
    );
    await page.hover(`sidenote-mark[data-sidenote-id="${claim}"]`);
    expect((await waitCard(page)).theme).toBe('light');
    expect(await page.evaluate(cardCovers, claim!)).toBe(false);
    // docs/screenshots/seed-card-light.png (the README's picture) is a copy of Chromium's.
    await page.screenshot('seed-card-light');
    await page.mouseMove(5, 5);
    await page.waitFor(() => {
      const float = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-float') as HTMLElement;
      return float?.hidden === true;
    });
    // The reader's dark theme, on a page that follows it. (Firefox over WebDriver BiDi cannot
    // emulate prefers-color-scheme here, so there the page simply turns dark.)
    const emulate = engine === 'chromium';
    await page.evaluate((media) => {
      const dark =
        'body { background: #15181c !important; color: #dde1e6 !important; } .site-header { background: #000 !important; } footer, .cookie { background: #222 !important; color: #ccc !important; } aside a, .related a { color: #9ecbff !important; }';
      const style = document.createElement('style');
      style.textContent = media ? `@media (prefers-color-scheme: dark) { ${dark} }` : dark;
      document.head.append(style);
    }, emulate);
    if (emulate) await page.emulateDark(true);
    await page.hover(`sidenote-mark[data-sidenote-id="${claim}"]`);
    await page.waitFor(() => {
      const card = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card');
      return card?.getAttribute('data-theme') === 'dark';
    });
    await page.screenshot('seed-card-dark');
    if (emulate) await page.emulateDark(false);
    await page.close();
  });

  test(`a ${LONG_WORDS.toLocaleString('en')}-word page is marked to its end and restored`, async () => {
    await setSettings(browser, {});
    const page = await open('long.html');
    await waitMarked(page, 120_000);
    const counts = await page.evaluate(() => ({
      marks: document.querySelectorAll('sidenote-mark').length,
      last: document.querySelector('article p:last-of-type')!.querySelectorAll('sidenote-mark').length,
      header: document.querySelectorAll('header sidenote-mark, footer sidenote-mark').length,
    }));
    expect(counts.marks).toBeGreaterThan(5000);
    expect(counts.last).toBeGreaterThan(0);
    expect(counts.header).toBe(0);
    await setSettings(browser, { enabled: false });
    await page.bringToFront();
    await page.waitFor(() => document.querySelectorAll('sidenote-mark').length === 0, undefined, 30_000);
    const paragraphs = await page.evaluate(() =>
      Array.from(document.querySelectorAll('article p')).every((p) => p.childNodes.length === 1),
    );
    expect(paragraphs).toBe(true);
    await page.close();
  });

  test(`${LONG_WORDS.toLocaleString('en')} words in one paragraph are marked to the end, and restored exactly`, async () => {
    await setSettings(browser, { enabled: false });
    const page = await open('wall.html');
    await waitDecided(page);
    const original = await page.evaluate(domSnapshot);
    await setSettings(browser, {});
    await page.bringToFront();
    await waitMarked(page, 120_000);
    const seen = await page.evaluate(() => {
      const p = document.querySelector('article p')!;
      const marks = p.querySelectorAll('sidenote-mark');
      const range = document.createRange();
      range.setStartAfter(marks[marks.length - 1]!);
      range.setEndAfter(p.lastChild!);
      return { marks: marks.length, afterLast: range.toString().length, total: p.textContent!.length };
    });
    expect(seen.marks).toBeGreaterThan(5000);
    // Marked to its end: the last mark is in the last sentence or two of about 600,000 characters.
    expect(seen.afterLast).toBeLessThan(500);
    await setSettings(browser, { enabled: false });
    await page.bringToFront();
    await page.waitFor(() => document.querySelectorAll('sidenote-mark').length === 0, undefined, 30_000);
    expect(await page.evaluate(domSnapshot)).toEqual(original);
    expect(await page.evaluate(() => document.querySelector('article p')!.childNodes.length)).toBe(1);
    await page.close();
  });
});
