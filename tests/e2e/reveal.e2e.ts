import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import { marksInside, phraseMarks } from './in-page';
import { startServer, type TestServer } from './server';
import { closeAll, countedMarks, readMentions, type SeenMention, setSettings, waitMarked } from './steps';

/**
 * Pages that show their article late: anti-flicker snippets keep the body hidden until a script
 * sets a class or takes a `<style>` out, and "read more" containers stay hidden until opened.
 * Sidenote reads the article while it is hidden; it must mark it once the page shows it.
 *
 * Each variant is the seed article with a hiding rule and a `window.snReveal()` the test calls
 * once Sidenote has finished its first pass (and a moment more): a reveal that comes late, by
 * the page's own script, at a time the test controls.
 */
const SEED = readFileSync('tests/fixtures/putin-assad-memo.html', 'utf8');

interface Variant {
  name: string;
  /** Goes at the end of `<head>`. */
  head: string;
  /** The `<body>` start tag. */
  body?: string;
  /** The page's script: defines `window.snReveal`. */
  script: string;
  /** Rewrites the article's markup (to hide part of it). */
  article?: (html: string) => string;
  /** An entity only the hidden part names: marked after the reveal, not before. */
  late: string;
  /** Whether the text was hidden when read, so nothing of `late` was marked before the reveal. */
  hiddenWhenRead: boolean;
  /** The whole article was hidden: once shown, it gets exactly the marks of the plain page. */
  wholeArticle: boolean;
}

/** The paragraphs from "Both men condemned" to the end go into a container of `open` … `</div>`. */
const hideTail =
  (open: string) =>
  (html: string): string =>
    html.replace('<p>Both men condemned', `${open}<p>Both men condemned`).replace('</article>', '</div></article>');

/**
 * The story is not in the HTML the page was served with: a loading line stands in its place, and
 * the page's script renders it later (from data it holds) into a plain `<div>`, not an `<article>`.
 */
const renderLate = (html: string): string => {
  const start = html.indexOf('<article>');
  const end = html.indexOf('</article>') + '</article>'.length;
  const story = html.slice(start + '<article>'.length, end - '</article>'.length);
  // No cookie banner here: the footer's line is then the finder's only (thin) guess at load.
  const rest = html.slice(end).replace(/<div class="cookie"[\s\S]*?<\/div>/, '');
  return (
    html.slice(0, start) +
    '<div class="story-loading">Loading…</div>' +
    rest +
    `<script>window.snStory = ${JSON.stringify(story)};</script>`
  );
};

const VARIANTS: Variant[] = [
  {
    name: 'a class on <body> ends visibility: hidden',
    head: '<style>body.sn-wait { visibility: hidden }</style>',
    body: '<body class="sn-wait">',
    script: 'window.snReveal = () => document.body.classList.remove("sn-wait");',
    late: 'Idlib',
    hiddenWhenRead: true,
    wholeArticle: true,
  },
  {
    name: 'a class on <html> ends display: none',
    head: '<style>html.sn-loading body { display: none }</style><script>document.documentElement.className = "sn-loading";</script>',
    script: 'window.snReveal = () => document.documentElement.classList.remove("sn-loading");',
    late: 'Idlib',
    hiddenWhenRead: true,
    wholeArticle: true,
  },
  {
    name: 'an anti-flicker <style> is taken out',
    head: '<style id="sn-anti-flicker">body { visibility: hidden !important }</style>',
    script: 'window.snReveal = () => document.getElementById("sn-anti-flicker").remove();',
    late: 'Idlib',
    hiddenWhenRead: true,
    wholeArticle: true,
  },
  {
    name: 'opacity: 0 on <html> until a class goes (Optimize style)',
    head: '<style>.async-hide { opacity: 0 !important }</style><script>document.documentElement.className += " async-hide";</script>',
    script: 'window.snReveal = () => document.documentElement.classList.remove("async-hide");',
    late: 'Idlib',
    // Transparent text is laid out and read: it is marked while the page fades in.
    hiddenWhenRead: false,
    wholeArticle: true,
  },
  {
    name: 'a "read more" container loses its hidden attribute',
    head: '',
    article: hideTail('<div class="more" hidden>'),
    script: 'window.snReveal = () => document.querySelector(".more").removeAttribute("hidden");',
    late: 'Daraa',
    hiddenWhenRead: true,
    wholeArticle: false,
  },
  {
    name: 'a collapsed container is opened by a class',
    head: '<style>.more.collapsed { display: none }</style>',
    article: hideTail('<div class="more collapsed">'),
    script: 'window.snReveal = () => document.querySelector(".more").classList.remove("collapsed");',
    late: 'Daraa',
    hiddenWhenRead: true,
    wholeArticle: false,
  },
  {
    name: 'the story is rendered by a script after load, into a plain <div>',
    head: '',
    article: renderLate,
    script:
      'window.snReveal = () => { const d = document.createElement("div"); d.className = "story"; d.innerHTML = window.snStory; document.querySelector(".story-loading").replaceWith(d); };',
    late: 'Idlib',
    hiddenWhenRead: true,
    wholeArticle: true,
  },
];

function variantHtml(v: Variant): string {
  let html = SEED.replace('</head>', `${v.head}</head>`);
  if (v.body) html = html.replace('<body>', v.body);
  if (v.article) html = v.article(html);
  return html.replace('</body>', `<script>${v.script}</script></body>`);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Whether a name is painted as one on the page (a range of exactly it, in a name's highlight). */
const paintedName = async (page: TestPage, text: string) =>
  (await page.evaluate(phraseMarks, text)).some((m) => m.names.some((n) => n.startsWith('sidenote-entity')));

describe.each(ENGINES)('an article the page shows late, in %s', (engine) => {
  let server: TestServer;
  let browser: TestBrowser;
  let seedMentions: SeenMention[] = [];
  let seedMarks = 0;

  beforeAll(async () => {
    server = await startServer();
    server.addRoute((_req, res, url) => {
      const match = /^\/reveal-(\d+)\.html$/.exec(url.pathname);
      const variant = match ? VARIANTS[Number(match[1])] : undefined;
      if (!variant) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(variantHtml(variant));
      return true;
    });
    browser = await launch(engine);
    await setSettings(browser, {});
    // What the plain seed page gets, shown at once: the reference.
    const page = await browser.newPage();
    await page.goto(`${server.origin}/putin-assad-memo.html`);
    await waitMarked(page);
    seedMentions = await readMentions(browser, page, `${server.origin}/putin-assad-memo.html`);
    seedMarks = await countedMarks(page);
    await page.close();
  });
  afterAll(() => closeAll(browser, server));

  test.each(VARIANTS.map((v, i) => [v.name, i] as const))('%s: marked once shown', async (_name, index) => {
    const variant = VARIANTS[index]!;
    const page: TestPage = await browser.newPage();
    const url = `${server.origin}/reveal-${index}.html`;
    await page.goto(url);
    await waitMarked(page);
    const entityTexts = async () =>
      (await readMentions(browser, page, url)).filter((m) => m.kind === 'entity').map((m) => m.text);
    // Still hidden, and (when hidden from layout) nothing of it marked: the case the fix is for.
    expect(await page.evaluate(() => typeof (window as unknown as { snReveal?: unknown }).snReveal)).toBe('function');
    if (variant.hiddenWhenRead) expect(await entityTexts()).not.toContain(variant.late);
    // The reveal comes late: well after Sidenote's first pass, past its first re-checks.
    await sleep(1500);
    await page.evaluate(() => (window as unknown as { snReveal: () => void }).snReveal());
    for (const deadline = Date.now() + 15_000; !(await paintedName(page, variant.late)); await sleep(250))
      if (Date.now() > deadline) throw new Error(`"${variant.late}" was never marked`);
    const mentions = await readMentions(browser, page, url);
    for (const text of ['Vladimir Putin', 'Damascus', variant.late])
      expect(
        mentions.some((m) => m.kind === 'entity' && m.text === text),
        `entity "${text}"`,
      ).toBe(true);
    // Nothing outside the article: not the footer or the sidebar a thin first guess may have been.
    expect((await page.evaluate(marksInside, { selector: 'footer, aside, header' })).marks).toEqual([]);
    if (variant.wholeArticle) {
      // The whole article read once shown: the same marks as the page shown at once, none twice.
      const summary = (list: SeenMention[]) => list.map((m) => `${m.kind} ${m.type} ${m.text}`).sort();
      await page.waitFor(
        (n) => Number(document.querySelector('sidenote-root')?.getAttribute('data-sidenote-marks')) >= n,
        seedMarks,
        15_000,
      );
      await sleep(500);
      expect(summary(await readMentions(browser, page, url))).toEqual(summary(seedMentions));
      expect((await page.evaluate(marksInside, { selector: 'article' })).doubled).toBe(0);
    }
    await page.close();
  });
});
