import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import { type HighlightMark, readHighlightMarks } from './in-page';
import type { ArticleHandle } from './react-article/client';
import { reactArticleRoute } from './react-article/serve';
import { NEW_NAMES, STEPS } from './react-article/story';
import { startServer, type TestServer } from './server';
import { closeAll, setSettings, waitMarked } from './steps';

/**
 * A page that fights back: a React 18 article (tests/e2e/react-article/) whose text changes the
 * ways live pages change it, rendered in the page (client) or on the server and hydrated late,
 * after Sidenote has marked it. Sidenote must never change what the page says nor break it, and
 * its marks must follow the text: placed before the changes, and again on the rewritten text.
 *
 * The checks after each step are soft, so one run shows every way a build breaks the page.
 */

type PageWindow = { __article: ArticleHandle; __problems: string[]; __serverArticle?: Element };

/** How long new text may take to be marked: the observer's maximum wait plus a pass, with room for a busy machine. */
const MARK_WAIT_MS = 4000;
/** After a change that brings no new name: long enough for Sidenote to have reacted (and a clock tick). */
const SETTLE_MS = 1500;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Runs in the page: every paragraph as the page shows it and as React's state says it must read. */
function pageVersusState() {
  const w = window as unknown as PageWindow;
  const root = document.getElementById('root')!;
  const shown = Array.from(root.querySelectorAll('[data-para]')).map((el) => ({
    key: el.getAttribute('data-para') ?? '',
    text: el.textContent ?? '',
  }));
  // Anything of Sidenote's inside the page's own elements (the old marks were elements and attributes).
  const foreign = Array.from(root.querySelectorAll('*'))
    .filter(
      (el) =>
        el.localName.startsWith('sidenote') || el.getAttributeNames().some((name) => name.startsWith('data-sidenote')),
    )
    .map((el) => el.localName);
  return {
    shown,
    expected: w.__article.expected(),
    foreign,
    // Taken, so each problem is reported once, at the check after it happened.
    problems: w.__problems.splice(0),
    articleText: root.textContent ?? '',
  };
}

async function marks(page: TestPage): Promise<HighlightMark[]> {
  return page.evaluate(readHighlightMarks);
}

const isEntity = (m: HighlightMark) => m.name === 'sidenote-entity' || m.name === 'sidenote-entity-quiet';

/** Waits until an entity mark holds `name`; false when none does within `timeoutMs`. */
async function waitEntityMark(page: TestPage, name: string, timeoutMs = MARK_WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await marks(page)).some((m) => isEntity(m) && m.text.includes(name))) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

/** The checks that hold at every moment: the page reads what React says, nothing foreign, no errors, no stale marks. */
async function checkPage(page: TestPage, when: string): Promise<void> {
  const seen = await page.evaluate(pageVersusState);
  // Only the paragraphs that differ, side by side, so a failure shows the wrong text itself.
  const wrong: { key: string; shown?: string; react?: string }[] = [];
  for (let i = 0; i < Math.max(seen.shown.length, seen.expected.length); i++) {
    const shown = seen.shown[i];
    const react = seen.expected[i];
    if (shown?.key !== react?.key || shown?.text !== react?.text)
      wrong.push({
        key: `${shown?.key ?? '(none)'} / ${react?.key ?? '(none)'}`,
        shown: shown?.text,
        react: react?.text,
      });
  }
  expect.soft(wrong, `${when}: every paragraph reads what React's state says`).toEqual([]);
  expect.soft(seen.foreign, `${when}: no element or attribute of Sidenote's in the page's elements`).toEqual([]);
  expect.soft(seen.problems, `${when}: no page error, React error or warning`).toEqual([]);
  // A live range over text the page rewrote collapses (and is left out); one that still reads text no longer there is stale.
  const stale = (await marks(page)).filter((m) => !seen.articleText.includes(m.text));
  expect.soft(stale, `${when}: every mark's text is on the page`).toEqual([]);
}

describe.each(ENGINES)('a React 18 article that rewrites its text, in %s', (engine) => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startServer();
    server.addRoute(reactArticleRoute());
    browser = await launch(engine);
    await setSettings(browser, {});
  });
  afterAll(() => closeAll(browser, server));

  test.each(['client', 'server'] as const)('%s-rendered: text stays React’s, marks follow it', async (mode) => {
    const page = await browser.newPage();
    // The server page hydrates when told: after Sidenote has marked, however slow the machine.
    await page.goto(`${server.origin}/react-article.html?mode=${mode}&hydrate=manual`);
    await waitMarked(page);

    if (mode === 'server') {
      expect.soft(await waitEntityMark(page, 'Bashar al-Assad'), 'server markup marked before hydration').toBe(true);
      await page.evaluate(() => {
        const w = window as unknown as PageWindow;
        w.__serverArticle = document.querySelector('#root article') ?? undefined;
        w.__article.hydrate();
      });
    }
    await page.waitFor(() => (window as unknown as PageWindow).__article.phase === 'live');
    if (mode === 'server') {
      const kept = await page.evaluate(() => {
        const w = window as unknown as PageWindow;
        return w.__serverArticle !== undefined && w.__serverArticle === document.querySelector('#root article');
      });
      expect.soft(kept, 'hydration kept the server’s elements (no client re-render)').toBe(true);
    }
    await checkPage(page, 'first render');
    for (const name of ['Bashar al-Assad', 'Sergei Lavrov', NEW_NAMES.leadOnly, NEW_NAMES.afterBadge])
      expect.soft(await waitEntityMark(page, name), `"${name}" marked before the changes`).toBe(true);

    for (const [index, what] of STEPS.entries()) {
      const n = index + 1;
      const when = `step ${n} (${what})`;
      // A step React cannot commit (the page's nodes moved under it) throws: say so, and go on.
      const thrown = await page.evaluate((step) => {
        try {
          (window as unknown as PageWindow).__article.step(step);
          return '';
        } catch (error) {
          return String(error);
        }
      }, n);
      expect.soft(thrown, `${when}: React committed it`).toBe('');
      await checkPage(page, `${when}, at once`);
      switch (n) {
        case 1:
          expect.soft(await waitEntityMark(page, NEW_NAMES.revised), `${when}: the new name marked`).toBe(true);
          break;
        case 2:
          await page.waitFor(
            () => (window as unknown as PageWindow).__article.state().rolling === 0,
            undefined,
            10_000,
          );
          await checkPage(page, `${when}, rolled to its last sentence`);
          expect.soft(await waitEntityMark(page, NEW_NAMES.live), `${when}: the new name marked`).toBe(true);
          break;
        case 3:
          await sleep(SETTLE_MS);
          expect
            .soft(
              (await marks(page)).filter((m) => m.text.includes(NEW_NAMES.leadOnly)),
              `${when}: no mark left on the removed text`,
            )
            .toEqual([]);
          break;
        case 4:
          expect.soft(await waitEntityMark(page, NEW_NAMES.added), `${when}: the added paragraph marked`).toBe(true);
          break;
        case 5:
          await sleep(SETTLE_MS);
          expect.soft(await waitEntityMark(page, NEW_NAMES.afterBadge), `${when}: the name stays marked`).toBe(true);
          break;
      }
      await checkPage(page, `${when}, after Sidenote reacted`);
      // React unmounted the article (an error in a commit): the later steps have nothing to change.
      if (!(await page.evaluate(() => document.querySelector('#root [data-para]') !== null))) {
        expect.fail(`${when}: the article is gone (React unmounted it)`);
      }
    }
    await page.screenshot(`react-${mode}`);
    await page.close();
  });
});
