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
import { setSettings, waitMarked } from './page-helpers';
import { startServer, type TestServer } from './server';

const SAVED = resolve('../shared/pages-dev/html');
/** The real article shot for the README: a wire-service market report of about 600 words. */
const SAVED_KEY = '57d46c9d751e';
const SCREENSHOTS = resolve('docs/screenshots');

/** Runs in the page: for each kind, how many marks there are and how many show their line now. */
function lineCounts(): Record<'entity' | 'claim', { marks: number; lined: number }> {
  const counts = { entity: { marks: 0, lined: 0 }, claim: { marks: 0, lined: 0 } };
  for (const mark of Array.from(document.querySelectorAll('sidenote-mark'))) {
    const kind = mark.getAttribute('data-sidenote-kind');
    if (kind !== 'entity' && kind !== 'claim') continue;
    const style = getComputedStyle(mark);
    counts[kind].marks += 1;
    if (kind === 'claim' ? style.backgroundImage !== 'none' : style.textDecorationLine.includes('underline'))
      counts[kind].lined += 1;
  }
  return counts;
}

/** Runs in the page: scrolls the article's first marked paragraph to the top of the window. */
function showArticle(): void {
  const first = document.querySelector('sidenote-mark')?.closest('p, h1, h2, li, div');
  first?.scrollIntoView({ block: 'start' });
  window.scrollBy(0, -40);
}

/** Runs in the page: the marks of one name, each with whether it shows its line and takes focus. */
function marksOf(text: string): { lined: boolean; focusable: boolean }[] {
  return Array.from(document.querySelectorAll('sidenote-mark[data-sidenote-kind="entity"]'))
    .filter((m) => m.textContent === text)
    .map((m) => ({
      lined: getComputedStyle(m).textDecorationLine.includes('underline'),
      focusable: m.getAttribute('tabindex') === '0',
    }));
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
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close().catch(() => {});
    await setSettings(browser, DEFAULT_SETTINGS);
  });

  test('a name shows its line at its first mention only; a later one shows it while pointed at, and opens its card', async () => {
    const p = await page('putin-assad-memo.html');
    const syria = await p.evaluate(marksOf, 'Syria');
    expect(syria.length).toBeGreaterThan(2);
    expect(syria.filter((m) => m.lined)).toHaveLength(1);
    expect(syria[0]!.lined).toBe(true);
    expect(syria.every((m) => m.focusable)).toBe(true);
    const counts = await p.evaluate(lineCounts);
    expect(counts.entity.lined).toBeLessThan(counts.entity.marks);
    // The last "Syria" has no line until the pointer is on it; then its line and its card show.
    await p.evaluate(() => {
      const all = Array.from(document.querySelectorAll('sidenote-mark[data-sidenote-kind="entity"]')).filter(
        (m) => m.textContent === 'Syria',
      );
      all[all.length - 1]!.setAttribute('data-test-last', '');
      all[all.length - 1]!.scrollIntoView({ block: 'center' });
    });
    await p.hover('sidenote-mark[data-test-last]');
    const hovered = await p.waitFor(() => {
      const mark = document.querySelector('sidenote-mark[data-test-last]')!;
      const card = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card');
      return getComputedStyle(mark).textDecorationLine.includes('underline') && card ? card.textContent : null;
    });
    expect(hovered).toContain('Syria');
  });

  test('only the key claims show a line; the rest are listed in the popup, and revealing one gives it its line', async () => {
    const p = await page('putin-assad-memo.html');
    const counts = await p.evaluate(lineCounts);
    expect(counts.claim.lined).toBeGreaterThan(0);
    expect(counts.claim.lined).toBeLessThan(counts.claim.marks);
    const strong = await p.evaluate(() =>
      Array.from(document.querySelectorAll('sidenote-mark[data-sidenote-kind="claim"]'))
        .filter((m) => m.textContent?.includes('90 per cent'))
        .some((m) => getComputedStyle(m).backgroundImage !== 'none'),
    );
    expect(strong).toBe(true);
    const quietId = await p.evaluate(
      () =>
        document
          .querySelector('sidenote-mark[data-sidenote-kind="claim"][data-sidenote-quiet][tabindex]')
          ?.getAttribute('data-sidenote-id') ?? '',
    );
    expect(quietId).not.toBe('');
    const popup = await popupFor(p, 'putin-assad-memo.html');
    await popup.waitForSelector(`button[data-mention-id="${quietId}"]`);
    await popup.click(`button[data-mention-id="${quietId}"]`);
    await p.bringToFront();
    // Revealed: its line stays after its card closes.
    await p.waitFor(
      (id) => !!document.querySelector(`sidenote-mark[data-sidenote-id="${id}"][data-sidenote-open]`),
      quietId,
    );
    await p.press('Escape');
    const lined = await p.waitFor((id) => {
      const mark = document.querySelector(`sidenote-mark[data-sidenote-id="${id}"]`)!;
      return !mark.hasAttribute('data-sidenote-open') && getComputedStyle(mark).backgroundImage !== 'none';
    }, quietId);
    expect(lined).toBe(true);
  });

  test('the popup switches names to every mention and claims to all, live, and back', async () => {
    const p = await page('putin-assad-memo.html');
    const before = await p.evaluate(lineCounts);
    const popup = await popupFor(p, 'putin-assad-memo.html');
    await choose(popup, 'lines-names', 'every');
    await p.waitFor(() => {
      const marks = Array.from(document.querySelectorAll('sidenote-mark[data-sidenote-kind="entity"]'));
      return marks.every((m) => getComputedStyle(m).textDecorationLine.includes('underline'));
    });
    await choose(popup, 'lines-claims', 'all');
    await p.waitFor(() => {
      const marks = Array.from(document.querySelectorAll('sidenote-mark[data-sidenote-kind="claim"]'));
      return marks.every((m) => getComputedStyle(m).backgroundImage !== 'none');
    });
    const all = await p.evaluate(lineCounts);
    expect(all.entity.lined).toBe(all.entity.marks);
    expect(all.claim.lined).toBe(all.claim.marks);
    await choose(popup, 'lines-names', 'first');
    await choose(popup, 'lines-claims', 'key');
    await p.waitFor((want) => {
      const marks = Array.from(document.querySelectorAll('sidenote-mark[data-sidenote-kind="claim"]'));
      return marks.filter((m) => getComputedStyle(m).backgroundImage !== 'none').length === want;
    }, before.claim.lined);
    expect(await p.evaluate(lineCounts)).toEqual(before);
  });

  test.each([
    ['lang-fr.html', 'French'],
    ['lang-cs.html', 'Czech'],
    ['lang-ja.html', 'Japanese'],
  ])('%s gets no marks; the popup names its language; the publisher card opens', async (path, language) => {
    const p = await page(path);
    expect(await p.evaluate(() => document.querySelectorAll('sidenote-mark').length)).toBe(0);
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
    expect(await p.evaluate(() => document.querySelectorAll('sidenote-mark').length)).toBe(0);
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
    await before.evaluate(showArticle);
    const beforeShot = await before.screenshot('lines-before');
    await before.close();
    await setSettings(browser, DEFAULT_SETTINGS);
    const after = await page('saved-article.html');
    const key = await after.evaluate(lineCounts);
    await after.evaluate(showArticle);
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
