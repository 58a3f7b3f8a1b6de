import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_MARKS } from '../../lib/page/budgets';
import { longArticleHtml } from '../fixtures/long-article';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import {
  blockBoxes,
  cardOverlap,
  domSnapshot,
  highlightSizes,
  keyboardState,
  lineCounts,
  marksInside,
  openCard,
  phraseMarks,
  registeredNames,
  sidenoteInPage,
  sidenoteTraces,
} from './in-page';
import { startServer, type TestServer } from './server';
import {
  askTab,
  closeAll,
  countedMarks,
  paintedAt,
  pointAt,
  readMentions,
  type SeenMention,
  setSettings,
  startOnLoadedPage,
  waitDecided,
  waitMarked,
} from './steps';

interface Expected {
  entities: { text: string; type: string }[];
  claims: { contains: string; kind: string; claimant?: string; value?: { number: number; unit?: string } }[];
  mustNotAnnotate: { selector: string }[];
}
const expected: Expected = JSON.parse(readFileSync('../shared/seed/putin-assad-memo.expected.json', 'utf8'));

const LONG_WORDS = 100_000;

type Card = NonNullable<ReturnType<typeof openCard>>;
const waitCard = (page: TestPage) => page.waitFor(openCard) as Promise<Card>;
const waitClosed = (page: TestPage) =>
  page.waitFor(() => {
    const float = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-float') as HTMLElement;
    return float?.hidden === true;
  });
/** The texts of the marks Sidenote paints inside the elements matching `selector`. */
const markedIn = async (page: TestPage, selector: string) =>
  (await page.evaluate(marksInside, { selector })).marks.map((m) => m.text);
/** The texts of the marks in `selector` once `ok` holds of them (or as they are after `timeoutMs`). */
const markedInWhen = async (page: TestPage, selector: string, ok: (texts: string[]) => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await markedIn(page, selector);
    if (ok(texts) || Date.now() > deadline) return texts;
    await new Promise((done) => setTimeout(done, 200));
  }
};

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
  afterAll(() => closeAll(browser, server));

  test('the seed article gets the expected marks, and none outside the article body', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const mentions: SeenMention[] = await readMentions(browser, page, `${server.origin}/putin-assad-memo.html`);
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
    // Each of them paints where the reader sees it (sampled: every expected name).
    for (const entity of expected.entities) {
      const painted = await page.evaluate(phraseMarks, entity.text);
      expect(
        painted.some((m) => m.names.some((n) => n.startsWith('sidenote-entity'))),
        `"${entity.text}" painted as a name`,
      ).toBe(true);
    }
    for (const { selector } of expected.mustNotAnnotate) {
      expect(await markedIn(page, selector), `marks inside ${selector}`).toEqual([]);
    }
    // The textarea's own value is untouched.
    expect(await page.evaluate(() => document.querySelector('textarea')?.value)).toBe('Assad and Putin met in Moscow.');
    await page.close();
  });

  test('hovering a mark opens its card after the delay, and leaving closes it', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const name = 'Bashar Al-Assad';
    const person = (await readMentions(browser, page, `${server.origin}/putin-assad-memo.html`)).find(
      (m) => m.kind === 'entity' && m.text === name,
    );
    expect(person?.type).toBe('person');
    await pointAt(page, name);
    // Not yet: the card waits for the hover delay.
    expect(await page.evaluate(openCard)).toBeNull();
    const card = await waitCard(page);
    expect(card.role).toBe('dialog');
    expect(card.tone).toBe('entity');
    expect(card.text).toContain('Person');
    expect(card.label).toContain(name.split(' ').pop());
    // The phrase is tinted as the open card's, and draws its line while open.
    const painted = await paintedAt(page, name);
    expect(painted?.names).toContain('sidenote-open');
    expect(painted?.names).toContain('sidenote-entity');
    // Never an empty box: found context, or a clear state line.
    expect(card.text).toMatch(/Source:|No context found|unavailable|offline|Looking up/);
    // The card is beside the mark, not over it.
    expect(await page.evaluate(cardOverlap, name)).toBe(false);
    await page.mouseMove(5, 880);
    await waitClosed(page);
    expect(await page.evaluate(highlightSizes)).not.toHaveProperty('sidenote-open', 1);
    await page.close();
  });

  test('a claim card says what detection knows: kind, who says it, through what, the figure', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const claim = (await readMentions(browser, page, `${server.origin}/putin-assad-memo.html`)).find(
      (m) => m.kind === 'claim' && m.text.includes('90 per cent'),
    );
    expect(claim).toBeTruthy();
    await pointAt(page, '90 per cent');
    const card = await waitCard(page);
    expect(card.tone).toBe('claim');
    expect(card.text).toContain('Statistic');
    expect(card.text).toContain('Putin');
    expect(card.text).toContain('Kremlin statement');
    expect(card.text).toContain('90%');
    expect(await page.evaluate(cardOverlap, claim!.text)).toBe(false);
    await page.screenshot('seed-claim-card');
    await page.close();
  });

  test('keyboard: no tab stops; a shortcut moves a virtual focus through marks, opens the card, Enter goes in, Escape gives focus back', async () => {
    await setSettings(browser, {});
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const url = `${server.origin}/putin-assad-memo.html`;
    const mentions = await readMentions(browser, page, url);
    await page.bringToFront();
    // No tab stop of Sidenote's: nothing in the page takes focus that did not before.
    expect(await page.evaluate(() => document.querySelectorAll('[tabindex]').length)).toBe(0);
    expect(await page.evaluate(sidenoteInPage)).toEqual([]);
    // The reader is on the site's logo link; the marks' keyboard must give focus back there.
    await page.evaluate(() => (document.querySelector('a.logo') as HTMLElement).focus());
    const home = (await page.evaluate(keyboardState)).active;
    expect(home).toBe('a[/]');

    await page.press('Alt+Shift+KeyN');
    const first = await waitCard(page);
    expect(first.role).toBe('dialog');
    // The first mark in reading order (the headline's), in the focus ring and open, and announced.
    expect(first.label).toBe(mentions[0]!.label);
    const sizes = await page.evaluate(highlightSizes);
    expect(sizes['sidenote-focus']).toBe(1);
    expect(sizes['sidenote-open']).toBe(1);
    const painted = await paintedAt(page, mentions[0]!.text);
    expect(painted?.names).toEqual(expect.arrayContaining(['sidenote-focus', 'sidenote-open']));
    const announced = (await page.evaluate(keyboardState)).live;
    expect(announced).toContain(`${first.label}.`);
    expect(announced).toContain('Press Enter');
    // A virtual focus: the page's own focus has not moved.
    expect((await page.evaluate(keyboardState)).active).toBe(home);

    await page.press('Enter');
    await page.waitFor(() => {
      const host = document.querySelector('sidenote-root');
      return document.activeElement === host && !!host?.shadowRoot?.activeElement?.closest('.sn-card');
    });
    await page.press('Escape');
    await waitClosed(page);
    expect((await page.evaluate(keyboardState)).active).toBe(home);
    expect(await page.evaluate(highlightSizes)).toMatchObject({ 'sidenote-focus': 0, 'sidenote-open': 0 });

    await page.press('Alt+Shift+KeyN');
    const second = await page.waitFor((was) => {
      const live = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-live')?.textContent;
      return live && live !== was ? live : null;
    }, announced);
    expect(second).toContain(`${mentions[1]!.label}.`);
    await page.press('Alt+Shift+KeyP');
    await page.waitFor(
      (was) => document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-live')?.textContent === was,
      announced,
    );
    expect((await waitCard(page)).label).toBe(first.label);
    // Tab leaves the marks: the card closes, the focus ring goes, the page's focus order takes over.
    await page.press('Tab');
    await waitClosed(page);
    expect(await page.evaluate(highlightSizes)).toMatchObject({ 'sidenote-focus': 0 });
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
    // As the keyboard would: the phrase in view, in the focus ring, and its card open.
    expect(
      (await page.evaluate(phraseMarks, 'Daraa')).some((m) =>
        ['sidenote-focus', 'sidenote-open', 'sidenote-entity'].every((n) => m.names.includes(n)),
      ),
    ).toBe(true);
    // The toolbar button or keyboard command turns this page off and on again.
    const off = await send('toggleAnnotations', { on: false });
    expect(off.value.active).toBe(false);
    await page.waitFor(() => {
      const registry = (CSS as unknown as { highlights: Map<string, unknown> }).highlights;
      return !['entity', 'claim', 'source', 'open', 'focus'].some((k) => registry.has(`sidenote-${k}`));
    });
    expect(await page.evaluate(registeredNames)).toEqual([]);
    const on = await send('toggleAnnotations', {});
    expect(on.value.active).toBe(true);
    await page.waitFor(() => Number(document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks')) > 5);
    expect(await page.evaluate(registeredNames)).toContain('sidenote-entity');
    expect((await page.evaluate(lineCounts)).entity.marks).toBeGreaterThan(5);
    await ext.close();
    await page.close();
  });

  for (const fixture of ['putin-assad-memo.html', 'page-heavy-css.html']) {
    test(`${fixture}: marks move no box and leave the page's DOM byte for byte its own, on and after off`, async () => {
      const { page, before } = await startOnLoadedPage(browser, `${server.origin}/${fixture}`);
      expect(await countedMarks(page)).toBeGreaterThan(5);
      expect((await page.evaluate(lineCounts)).entity.lined).toBeGreaterThan(0);
      expect(await page.evaluate(blockBoxes)).toEqual(before.boxes);
      // While Sidenote is on: not one element, attribute or text node of the page changed.
      expect(await page.evaluate(domSnapshot)).toEqual(before.original);
      expect(await page.evaluate(sidenoteInPage)).toEqual([]);
      // (No screenshot here: Playwright's caret hiding writes a style attribute on inputs.)
      await setSettings(browser, { enabled: false });
      await page.waitFor(() => !document.querySelector('sidenote-root[data-sidenote-marks]'));
      await page.waitFor(() => {
        const registry = (CSS as unknown as { highlights: Map<string, unknown> }).highlights;
        return !['entity', 'claim', 'source', 'open', 'focus'].some((k) => registry.has(`sidenote-${k}`));
      });
      expect(await page.evaluate(registeredNames)).toEqual([]);
      expect(await page.evaluate(domSnapshot)).toEqual(before.original);
      expect(await page.evaluate(blockBoxes)).toEqual(before.boxes);
      await page.close();
    });
  }

  test('kinds switched off leave the registry and the keyboard at once, and come back', async () => {
    await setSettings(browser, {});
    const url = `${server.origin}/putin-assad-memo.html`;
    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const strong = async () => (await paintedAt(page, '90 per cent'))?.names ?? [];
    const before = await page.evaluate(lineCounts);
    // A key claim draws its line (the others show it only when pointed at or revealed).
    expect(before.claim.lined).toBeGreaterThan(0);
    expect(before.entity.lined).toBeGreaterThan(0);
    expect(await strong()).toContain('sidenote-claim');
    expect((await readMentions(browser, page, url)).some((m) => m.kind === 'claim')).toBe(true);
    await setSettings(browser, { kinds: { entities: true, claims: false, source: true } });
    await page.bringToFront();
    // Their ranges leave the registry.
    await page.waitFor(() => {
      const registry = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
      return ['claim', 'claim-quiet', 'disputed', 'disputed-quiet'].every((k) => !registry.get(`sidenote-${k}`)?.size);
    });
    const off = await page.evaluate(lineCounts);
    expect(off.claim).toEqual({ marks: 0, lined: 0 });
    expect(off.entity).toEqual(before.entity);
    expect(await strong()).toEqual([]);
    // Nor does the keyboard stop on them: the marks it moves through are the shown kinds'.
    expect((await readMentions(browser, page, url)).some((m) => m.kind === 'claim')).toBe(false);
    await page.bringToFront();
    for (let i = 0, live = ''; i < 4; i++) {
      await page.press('Alt+Shift+KeyN');
      live = (await page.waitFor((was) => {
        const now = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-live')?.textContent;
        return now && now !== was ? now : null;
      }, live)) as string;
      expect((await waitCard(page)).tone).not.toBe('claim');
    }
    await page.press('Escape');
    await setSettings(browser, {});
    await page.bringToFront();
    await page.waitFor(
      () => !!(CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get('sidenote-claim')?.size,
    );
    expect(await page.evaluate(lineCounts)).toEqual(before);
    expect(await strong()).toContain('sidenote-claim');
    await page.close();
  });

  test('a page that is not an article is left alone, unless whole-page mode is on (never the editable)', async () => {
    await setSettings(browser, {});
    const listing = await open('page-listing.html');
    await waitDecided(listing);
    // Nothing of Sidenote's on a page it does nothing on: no host, highlights, marks' stylesheet
    // the page could read, performance entries.
    expect(await listing.evaluate(sidenoteTraces)).toEqual([]);
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
    expect((await markedIn(whole, 'main')).length).toBeGreaterThan(0);
    expect((await markedIn(whole, 'aside')).length).toBeGreaterThan(0);
    expect(await markedIn(whole, 'textarea')).toEqual([]);
    expect(await whole.evaluate(() => document.querySelector('textarea')!.value)).toBe('Berlin is great.');
    await whole.close();

    const seed = await open('putin-assad-memo.html');
    await waitMarked(seed);
    expect((await markedIn(seed, 'aside')).length).toBeGreaterThan(0);
    expect(await markedIn(seed, 'textarea, form')).toEqual([]);
    await seed.close();
    await setSettings(browser, {});
  });

  test('inputs, textareas, editable areas and code stay untouched', async () => {
    await setSettings(browser, {});
    const page = await open('page-inputs-code.html');
    await waitMarked(page);
    expect((await markedIn(page, 'article > p')).length).toBeGreaterThan(0);
    expect(await markedIn(page, 'code, pre, form, [contenteditable], textarea')).toEqual([]);
    const result = await page.evaluate(() => ({
      input: (document.getElementById('name') as HTMLInputElement).value,
      textarea: (document.getElementById('comment') as HTMLTextAreaElement).value,
      editor: document.getElementById('editor')!.innerHTML,
      pre: document.getElementById('snippet')!.innerHTML,
    }));
    expect(result.input).toBe('Brandon Johnson from Chicago');
    expect(result.textarea).toBe('I think Chicago and Brandon Johnson got this wrong.');
    expect(result.editor).toBe('<p>Draft: Chicago council votes again in January, says Brandon Johnson.</p>');
    expect(result.pre).not.toContain('sidenote');
    expect(await page.evaluate(sidenoteInPage)).toEqual([]);
    await page.close();
  });

  test('added paragraphs and the next story are marked, rewritten text again, removed text leaves the count; nothing twice', async () => {
    await setSettings(browser, {});
    const page = await open('page-dynamic.html');
    await waitMarked(page);
    const leadMarks = await page.evaluate(marksInside, { selector: '#lead' });
    expect(leadMarks.marks.length).toBeGreaterThan(0);
    const leadBefore = await page.evaluate(() => document.getElementById('lead')!.innerHTML);
    await page.click('#load-more');
    const lateTexts = await markedInWhen(page, 'p.late', (texts) => texts.includes('Birmingham'));
    expect(lateTexts).toEqual(expect.arrayContaining(['Birmingham']));
    await page.evaluate(() =>
      (window as unknown as { sidenoteFixture: { rewrite(): void } }).sidenoteFixture.rewrite(),
    );
    await markedInWhen(page, '#rewrite', (texts) => texts.includes('Liverpool'));
    expect(await page.evaluate(() => document.getElementById('rewrite')!.textContent)).toBe(
      'Later returns showed turnout of 58 per cent in Liverpool, according to the electoral commission.',
    );
    // The untouched paragraph is as the page wrote it, and no phrase is marked twice over.
    expect(await page.evaluate(() => document.getElementById('lead')!.innerHTML)).toBe(leadBefore);
    expect((await page.evaluate(marksInside, { selector: 'article' })).doubled).toBe(0);
    expect(await page.evaluate(sidenoteInPage)).toEqual([]);

    // A paragraph the page takes out takes its mentions out of the page's count.
    type Fixture = { sidenoteFixture: { removeLead(): void; nextStory(): void } };
    await page.waitFor(() => Number(document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks')) > 0);
    const before = await countedMarks(page);
    const inLead = (await page.evaluate(marksInside, { selector: '#lead' })).marks.length;
    expect(inLead).toBe(leadMarks.marks.length);
    await page.evaluate(() => (window as unknown as Fixture).sidenoteFixture.removeLead());
    await page.waitFor(
      (expected: number) =>
        Number(document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks')) === expected,
      before - inLead,
    );

    // The next story, appended below as its own <article>, is marked too.
    await page.evaluate(() => (window as unknown as Fixture).sidenoteFixture.nextStory());
    await markedInWhen(page, '#next p', (texts) => texts.length > 0);
    const next = await markedInWhen(page, '#next', (texts) => texts.includes('Frankfurt') && texts.includes('Tokyo'));
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
    const darkUrl = `${server.origin}/page-dark.html`;
    const entity = (await readMentions(browser, dark, darkUrl)).find((m) => m.kind === 'entity');
    await dark.bringToFront();
    await pointAt(dark, entity!.text);
    expect((await waitCard(dark)).theme).toBe('dark');
    await dark.screenshot('dark-page-card');
    await dark.close();

    const page = await open('putin-assad-memo.html');
    await waitMarked(page);
    const claim = (await readMentions(browser, page, `${server.origin}/putin-assad-memo.html`)).find(
      (m) => m.kind === 'claim' && m.text.includes('90 per cent'),
    )!;
    await page.bringToFront();
    await pointAt(page, '90 per cent');
    expect((await waitCard(page)).theme).toBe('light');
    expect(await page.evaluate(cardOverlap, claim.text)).toBe(false);
    // docs/screenshots/seed-card-light.png (the README's picture) is a copy of Chromium's.
    await page.screenshot('seed-card-light');
    await page.mouseMove(5, 5);
    await waitClosed(page);
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
    await pointAt(page, '90 per cent');
    await page.waitFor(() => {
      const card = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card');
      return card?.getAttribute('data-theme') === 'dark';
    });
    await page.screenshot('seed-card-dark');
    if (emulate) await page.emulateDark(false);
    await page.close();
  });

  test(`a ${LONG_WORDS.toLocaleString('en')}-word page is marked up to the page's budgets, says so, and is restored`, async () => {
    await setSettings(browser, {});
    const page = await open('long.html');
    await waitMarked(page, 120_000);
    // About 600,000 characters: reading stops at the page's budget (lib/page/budgets.ts), marks
    // stop at theirs, and the popup's answer says which.
    const counted = await countedMarks(page);
    expect(counted).toBeGreaterThan(1000);
    expect(counted).toBeLessThanOrEqual(MAX_MARKS);
    expect((await markedIn(page, 'article p:first-of-type')).length).toBeGreaterThan(0);
    expect(await markedIn(page, 'article p:last-of-type')).toEqual([]);
    const state = await askTab<{ limits?: { text?: boolean; marks?: boolean } }>(
      browser,
      page,
      `${server.origin}/long.html`,
      'pageMentions',
    );
    expect(state.limits?.text || state.limits?.marks).toBe(true);
    expect(await markedIn(page, 'header, footer')).toEqual([]);
    // The page's paragraphs are each still one text node, as served.
    const oneNode = () => Array.from(document.querySelectorAll('article p')).every((p) => p.childNodes.length === 1);
    expect(await page.evaluate(oneNode)).toBe(true);
    await setSettings(browser, { enabled: false });
    await page.bringToFront();
    await page.waitFor(() => !document.querySelector('sidenote-root[data-sidenote-marks]'), undefined, 30_000);
    expect(await page.evaluate(registeredNames)).toEqual([]);
    expect(await page.evaluate(oneNode)).toBe(true);
    await page.close();
  });

  test(`${LONG_WORDS.toLocaleString('en')} words in one paragraph are read in pieces up to the budgets, and the DOM is the page's own`, async () => {
    const { page, before } = await startOnLoadedPage(browser, `${server.origin}/wall.html`, 120_000);
    // One text node of about 600,000 characters, read in sentence pieces by offsets (never cut):
    // marked from its start up to the page's budgets, none in its last sentences.
    const counted = await countedMarks(page);
    expect(counted).toBeGreaterThan(1000);
    expect(counted).toBeLessThanOrEqual(MAX_MARKS);
    const tail = await page.evaluate(marksInside, { selector: 'article p', tailChars: 500, enough: 1 });
    expect(tail.marks).toEqual([]);
    expect(await page.evaluate(domSnapshot)).toEqual(before.original);
    await setSettings(browser, { enabled: false });
    await page.bringToFront();
    await page.waitFor(() => !document.querySelector('sidenote-root[data-sidenote-marks]'), undefined, 30_000);
    expect(await page.evaluate(registeredNames)).toEqual([]);
    expect(await page.evaluate(domSnapshot)).toEqual(before.original);
    expect(await page.evaluate(() => document.querySelector('article p')!.childNodes.length)).toBe(1);
    await page.close();
  }, 180_000);
});
