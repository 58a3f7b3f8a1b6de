/**
 * Marks a reader can live with, in both browsers: names underlined at their first mention (the
 * later ones show their line when pointed at), key claims only (the rest listed in the popup and
 * lined when revealed), the popup's choices applied live, and pages in languages Sidenote does not
 * read left unmarked, with the popup naming the language and the publisher card still working.
 * With ../shared/pages-dev beside the project, a real saved article is shot before and after.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import { openPopupFor } from './extension';
import { type LineCounts, lineCounts, openCard, paintsAt, phraseMarks, registeredNames } from './in-page';
import { startServer, type TestServer } from './server';
import { closeAll, readMentions, setSettings, waitMarked } from './steps';

const SAVED = resolve('../shared/pages-dev/html');
/** The real article shot for the README: a wire-service market report of about 600 words. */
const SAVED_KEY = '57d46c9d751e';
const SCREENSHOTS = resolve('docs/screenshots');

/** Runs in the page: scrolls the phrase (the article's first mark) to the top of the window. */
function showArticle(phrase: string): void {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node as Text).data.includes(phrase)) continue;
    node.parentElement?.closest('p, h1, h2, li, div')?.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -40);
    return;
  }
}

describe.each(ENGINES)('lines a reader can live with, in %s', (engine) => {
  let server: TestServer;
  let browser: TestBrowser;
  const open: TestPage[] = [];

  const page = async (path: string) => {
    const p = await browser.newPage();
    open.push(p);
    await p.setViewport(1000, 900);
    await p.goto(`${server.origin}/${path}`);
    await waitMarked(p);
    return p;
  };
  /** The marks of one name, in reading order: whether each draws its line, and where it is. */
  const marksOf = async (p: TestPage, text: string) =>
    (await p.evaluate(phraseMarks, text))
      .filter((m) => m.names.some((n) => n.startsWith('sidenote-entity')))
      .map((m) => ({ lined: m.names.includes('sidenote-entity'), index: m.index }));
  const noMarks = (c: LineCounts) => c.entity.marks + c.claim.marks + c.source.marks === 0;
  const popupFor = async (p: TestPage, path: string) => {
    const popup = await openPopupFor(browser, p, `${server.origin}/${path}`);
    open.push(popup);
    return popup;
  };
  /** Chooses a radio of the popup's line choices and waits until it is stored and shown. */
  const choose = async (popup: TestPage, name: string, value: string) => {
    await popup.click(`input[name="${name}"][value="${value}"]`);
    await popup.waitFor(
      ([n, v]) => (document.querySelector(`input[name="${n}"][value="${v}"]`) as HTMLInputElement | null)?.checked,
      [name, value] as const,
    );
  };

  beforeAll(async () => {
    server = await startServer();
    // A real saved article (scripts left out: the test machine is offline), when the corpus is there.
    server.addRoute((_req, res, url) => {
      if (url.pathname !== '/saved-article.html') return false;
      const file = readdirSync(SAVED).find((f) => f.startsWith(SAVED_KEY));
      const html = gunzipSync(readFileSync(resolve(SAVED, file!))).toString('utf8');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html.replace(/<script\b[\s\S]*?<\/script>/gi, ''));
      return true;
    });
    browser = await launch(engine);
    await setSettings(browser, DEFAULT_SETTINGS);
  });
  afterAll(() => closeAll(browser, server));
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close().catch(() => {});
    await setSettings(browser, DEFAULT_SETTINGS);
  });

  test('a name shows its line at its first mention only; a later one shows it while pointed at, and opens its card', async () => {
    const p = await page('putin-assad-memo.html');
    const syria = await marksOf(p, 'Syria');
    expect(syria.length).toBeGreaterThan(2);
    expect(syria.filter((m) => m.lined)).toHaveLength(1);
    expect(syria[0]!.lined).toBe(true);
    // Each is a stop of the keyboard's (which moves through the marks the page part lists).
    const listed = (await readMentions(browser, p, `${server.origin}/putin-assad-memo.html`)).filter(
      (m) => m.kind === 'entity' && m.text === 'Syria',
    );
    expect(listed).toHaveLength(syria.length);
    const counts = await p.evaluate(lineCounts);
    expect(counts.entity.lined).toBeLessThan(counts.entity.marks);
    // The last "Syria" has no line until the pointer is on it; then its line and its card show.
    const [last] = await p.evaluate(phraseMarks, { phrase: 'Syria', only: syria[syria.length - 1]!.index });
    if (!last) throw new Error('The last "Syria" is gone');
    await p.bringToFront();
    await p.mouseMove(last.x - 1, last.y);
    await p.mouseMove(last.x, last.y);
    await p.waitFor(paintsAt, { x: last.x, y: last.y, name: 'sidenote-entity', text: 'Syria' });
    const hovered = await p.waitFor(
      () => document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card')?.textContent || null,
    );
    expect(hovered).toContain('Syria');
    // Pointed away, it goes quiet again.
    await p.mouseMove(5, 5);
    await p.waitFor(paintsAt, { x: last.x, y: last.y, name: 'sidenote-entity-quiet', text: 'Syria' });
  });

  test('only the key claims show a line; the rest are listed in the popup, and revealing one gives it its line', async () => {
    const p = await page('putin-assad-memo.html');
    const counts = await p.evaluate(lineCounts);
    expect(counts.claim.lined).toBeGreaterThan(0);
    expect(counts.claim.lined).toBeLessThan(counts.claim.marks);
    const claimNames = async (text: string) =>
      (await p.evaluate(phraseMarks, { phrase: text.slice(0, 24).trimEnd(), mark: text })).flatMap((m) => m.names);
    const claims = (await readMentions(browser, p, `${server.origin}/putin-assad-memo.html`)).filter(
      (m) => m.kind === 'claim',
    );
    const strong = claims.find((m) => m.text.includes('90 per cent'))!;
    expect(await claimNames(strong.text)).toContain('sidenote-claim');
    let quiet: (typeof claims)[number] | undefined;
    for (const claim of claims) {
      if ((await claimNames(claim.text)).includes('sidenote-claim-quiet')) {
        quiet = claim;
        break;
      }
    }
    expect(quiet, 'a claim without its line').toBeDefined();
    const popup = await popupFor(p, 'putin-assad-memo.html');
    await popup.waitForSelector(`button[data-mention-id="${quiet!.id}"]`);
    await popup.click(`button[data-mention-id="${quiet!.id}"]`);
    await p.bringToFront();
    // Revealed: open, with its line, and its line stays after its card closes.
    await p.waitFor(openCard);
    expect(await claimNames(quiet!.text)).toEqual(expect.arrayContaining(['sidenote-claim', 'sidenote-open']));
    await p.press('Escape');
    await p.waitFor(
      () => (document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-float') as HTMLElement)?.hidden,
    );
    const after = await claimNames(quiet!.text);
    expect(after).toContain('sidenote-claim');
    expect(after).not.toContain('sidenote-claim-quiet');
    expect(after).not.toContain('sidenote-open');
  });

  test('the popup switches names to every mention and claims to all, live, and back', async () => {
    const p = await page('putin-assad-memo.html');
    const before = await p.evaluate(lineCounts);
    const popup = await popupFor(p, 'putin-assad-memo.html');
    await choose(popup, 'lines-names', 'every');
    await p.waitFor(() => {
      const registry = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
      return !registry.get('sidenote-entity-quiet')?.size;
    });
    await choose(popup, 'lines-claims', 'all');
    await p.waitFor(() => {
      const registry = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
      return !registry.get('sidenote-claim-quiet')?.size && !registry.get('sidenote-disputed-quiet')?.size;
    });
    const all = await p.evaluate(lineCounts);
    expect(all.entity.lined).toBe(all.entity.marks);
    expect(all.claim.lined).toBe(all.claim.marks);
    await choose(popup, 'lines-names', 'first');
    await choose(popup, 'lines-claims', 'key');
    await p.waitFor((want) => {
      const registry = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
      return (registry.get('sidenote-claim')?.size ?? 0) + (registry.get('sidenote-disputed')?.size ?? 0) === want;
    }, before.claim.lined);
    expect(await p.evaluate(lineCounts)).toEqual(before);
  });

  test.each([
    ['lang-fr.html', 'French'],
    ['lang-cs.html', 'Czech'],
    ['lang-ja.html', 'Japanese'],
  ])('%s gets no marks; the popup names its language; the publisher card opens', async (path, language) => {
    const p = await page(path);
    expect(noMarks(await p.evaluate(lineCounts))).toBe(true);
    expect(await p.evaluate(registeredNames)).toEqual([]);
    const popup = await popupFor(p, path);
    const message = await popup.waitFor(() => document.querySelector('[data-page="language"]')?.textContent ?? null);
    expect(message).toBe(`Sidenote reads English articles; this page is in ${language}.`);
    await popup.click('button[name="publisher"]');
    await p.bringToFront();
    const panelOpen = await p.waitFor(
      () =>
        (
          document
            .querySelector('sidenote-root')
            ?.shadowRoot?.querySelector('.sn-publisher-panel') as HTMLElement | null
        )?.hidden === false,
    );
    expect(panelOpen).toBe(true);
    expect(noMarks(await p.evaluate(lineCounts))).toBe(true);
  });

  test('an English page marked lang="fr" by mistake is read as English and marked', async () => {
    const p = await page('lang-en-marked-fr.html');
    const counts = await p.evaluate(lineCounts);
    expect(counts.entity.marks).toBeGreaterThan(0);
    expect(counts.claim.marks).toBeGreaterThan(0);
    expect(
      await p.evaluate(() => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-language')),
    ).toBe('en');
  });

  test.skipIf(!existsSync(SAVED))('a real saved article, before (every mention, all claims) and after', async () => {
    await setSettings(browser, { ...DEFAULT_SETTINGS, lines: { claims: 'all', names: 'every' } });
    const before = await page('saved-article.html');
    const all = await before.evaluate(lineCounts);
    const first = (await readMentions(browser, before, `${server.origin}/saved-article.html`))[0]!.text;
    await before.evaluate(showArticle, first);
    const beforeShot = await before.screenshot('lines-before');
    await before.close();
    await setSettings(browser, DEFAULT_SETTINGS);
    const after = await page('saved-article.html');
    const key = await after.evaluate(lineCounts);
    await after.evaluate(showArticle, first);
    const afterShot = await after.screenshot('lines-after');
    expect(key.entity.marks).toBe(all.entity.marks);
    expect(key.entity.lined).toBeLessThan(all.entity.lined);
    expect(key.claim.lined).toBeLessThan(all.claim.lined);
    if (engine === 'chromium') {
      mkdirSync(SCREENSHOTS, { recursive: true });
      copyFileSync(beforeShot, resolve(SCREENSHOTS, 'lines-before.png'));
      copyFileSync(afterShot, resolve(SCREENSHOTS, 'lines-after.png'));
    }
  });
});
