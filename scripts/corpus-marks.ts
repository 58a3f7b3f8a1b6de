/**
 * The corpus check in the browser: every real page of `../shared/pages-dev/` that the article
 * finder (in Node, on the saved HTML, as the command-line annotator reads it) calls an article
 * with 500 words or more of article text must end with marks when Chromium shows it with the
 * built extension. Prints the pages that do not, and why.
 *
 *     npm run build:chrome && npm run -s bench:corpus
 *     npm run -s bench:corpus -- --strip-scripts   (the pages without their own scripts)
 *     npm run -s bench:corpus -- --only <key>[,<key>]  (those pages, with their diagnosis; key prefixes do)
 *     npm run -s bench:corpus -- --verbose         (also the pages where the page and Node disagree on the root)
 *
 * Each page is shown at its own address (https, its own origin), its HTML answered from the
 * corpus by request interception; every other request fails at once, so the page's own inline
 * scripts run but its remote scripts, styles and fonts do not load: the page as a reader whose
 * network drops after the HTML came. (Served from a local http server instead, pages' scripts
 * that move http to https, or check their host, navigate away: not what readers see.) By default the pages keep
 * their scripts (what sites serve and what hides or rewrites the article); `--strip-scripts` takes
 * out all but JSON-LD, for the page as its markup and inline styles alone make it.
 *
 * Reads the corpus from `../shared/pages-dev/` (never copied into the project); skips with a
 * message where it is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { chromium, type Page } from 'playwright-core';
import { detect } from '../lib/detect/index';
import { extractArticle } from '../lib/sites/article';
import { articleDate } from '../lib/sites/article-date';
import { articleText } from '../lib/sites/block-offsets';
import { pageLanguage, readsLanguage } from '../lib/sites/language';
import { CHROMIUM_ARGS } from '../tests/e2e/browsers';
import { bundleCode } from './bench/bundle';
import { describeElement, type PageFinding } from './corpus-page';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '../shared/pages-dev/html');
/** The built extension; `SIDENOTE_EXT` points at another build (an older one, to compare). */
const EXT = path.resolve(process.env.SIDENOTE_EXT ?? path.join(ROOT, '.output/chrome-mv3'));
/** Pages whose article text holds at least this many words must end with marks. */
const MIN_WORDS = 500;
/** How long a page may take to be read and marked, in ms. */
const PAGE_TIMEOUT_MS = 30_000;
/** A page's address without its scheme and fragment: pages that move http to https find theirs. */
const addressKey = (url: string) => {
  const u = new URL(url);
  u.hash = '';
  return u.href.replace(/^https?:/, '');
};
/** After the first pass, a moment for what comes after it (a reveal, late text). */
const SETTLE_MS = 1500;
/** Pages showing less than this share of their article text when read are listed. */
const HIDDEN_SHARE = 0.5;

interface NodeView {
  key: string;
  /** The page's own address (from the corpus's ground truth). */
  url: string;
  isArticle: boolean;
  words: number;
  mentions: number;
  root: string;
  /** The page's language by the page's own test, when detection does not read it (no marks by design). */
  foreign?: string;
}

interface BrowserView {
  /** What the content script says: `data-sidenote-*` on its host. */
  state: string;
  article: string;
  marks: number;
  /** The same finder, run in the page (main world) after Sidenote finished. */
  found: PageFinding | null;
  error?: string;
  /** The page's scripts tried to navigate away (cancelled here). */
  left?: boolean;
}

const args = process.argv.slice(2);
const stripScripts = args.includes('--strip-scripts');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const verbose = args.includes('--verbose');

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function readNode(key: string, url: string, html: string): NodeView {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const found = extractArticle(doc);
  const text = found ? articleText(found.blocks).text : '';
  let mentions = 0;
  if (found?.isArticle && words(text) >= MIN_WORDS) {
    const d = detect(text, { referenceDate: articleDate(doc).date });
    mentions = d.entities.length + d.claims.length;
  }
  const language = pageLanguage(doc);
  return {
    key,
    url,
    isArticle: found?.isArticle ?? false,
    words: words(text),
    mentions,
    root: describeElement(found?.root),
    ...(readsLanguage(language.code) ? {} : { foreign: language.name }),
  };
}

/** Takes out every script but JSON-LD (which says whether the page is an article). */
function withoutScripts(html: string): string {
  return html.replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (whole, attrs: string) =>
    /application\/ld\+json/i.test(attrs) ? whole : '',
  );
}

/** The finder and the page's diagnosis as one script: `globalThis.SidenoteCorpus`. */
async function finderBundle(): Promise<string> {
  return bundleCode(
    { entry: path.join(ROOT, 'scripts/corpus-page.ts'), formats: ['iife'], name: 'SidenoteCorpus' },
    false,
  );
}

async function readBrowser(page: Page, url: string, bundle: string): Promise<BrowserView> {
  const view: BrowserView = { state: 'none', article: '', marks: 0, found: null };
  try {
    // A slow parse on a busy machine is not a failure: what counts is whether Sidenote ends its pass.
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS }).catch((error) => {
      view.error = String(error).split('\n')[0]!.slice(0, 160);
    });
    await page
      .waitForFunction(
        () => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') === 'done',
        null,
        {
          timeout: PAGE_TIMEOUT_MS,
          polling: 200,
        },
      )
      .catch(() => undefined);
    await page.waitForTimeout(SETTLE_MS);
    const host = await page.evaluate(() => {
      const h = document.querySelector('sidenote-root');
      return {
        state: h?.getAttribute('data-sidenote-state') ?? (h ? 'started' : 'none'),
        article: h?.getAttribute('data-sidenote-article') ?? '',
        // Every mark's range, drawn or not, in the page's highlight registry (Chromium lets the page read it).
        marks: ['entity', 'claim', 'disputed', 'source']
          .flatMap((k) => [`sidenote-${k}`, `sidenote-${k}-quiet`])
          .reduce(
            (n, name) =>
              n + ((CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get(name)?.size ?? 0),
            0,
          ),
      };
    });
    Object.assign(view, host);
    // Runs in the page's main world through the debugger, so the page's CSP does not apply.
    await page.evaluate(bundle);
    view.found = (await page.evaluate('SidenoteCorpus.diagnose()')) as PageFinding | null;
  } catch (error) {
    view.error = String(error).split('\n')[0]!.slice(0, 160);
  }
  return view;
}

/** Why a page that should have marks has none, from what the two sides saw. */
function why(node: NodeView, b: BrowserView): string {
  if (b.left && b.state === 'none')
    return 'its scripts navigated away while it was parsing (here, where nothing loads, an ad-block check fires); the document never finished loading, so no content script ran';
  if (b.error && b.state === 'none') return `page failed: ${b.error}`;
  if (b.state === 'none') return 'no Sidenote host on the page (content script did not run, or the page removed it)';
  if (b.state !== 'done') return `not finished in ${PAGE_TIMEOUT_MS / 1000} s (state ${b.state})`;
  if (b.article !== 'true') return 'the browser page is not called an article (its scripts changed the markup?)';
  const f = b.found;
  if (!f) return 'the finder finds no article root in the browser page';
  if (f.root !== node.root) return `another root in the browser: ${f.root} (node: ${node.root})`;
  if (!f.bodyShown) return 'the page body is not shown';
  if (!f.rootShown) return 'the article root is not shown';
  if (f.shownChars < f.chars / 2)
    return `most of the article's text is hidden (${f.shownChars} of ${f.chars} characters shown)`;
  return `article text shown (${f.shownBlocks} blocks, ${f.shownChars} chars) and still no marks`;
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} is absent (the development corpus lives beside the project, never in it)`);
    return;
  }
  if (!existsSync(path.join(EXT, 'manifest.json'))) {
    console.log('no build: run `npm run build:chrome` first');
    process.exitCode = 1;
    return;
  }
  const keys = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => f.replace(/\.html\.gz$/, ''))
    .filter((k) => !only || only.split(',').some((prefix) => k.startsWith(prefix)))
    .sort();
  const truth = JSON.parse(readFileSync(path.join(CORPUS, '../ground-truth.json'), 'utf8')) as Record<
    string,
    { url?: string }
  >;
  const pages = new Map<string, string>();
  const nodeViews: NodeView[] = [];
  for (const key of keys) {
    const html = gunzipSync(readFileSync(path.join(CORPUS, `${key}.html.gz`))).toString('utf8');
    pages.set(key, stripScripts ? withoutScripts(html) : html);
    nodeViews.push(readNode(key, truth[key]?.url ?? `https://corpus.invalid/${key}`, html));
  }
  const due = nodeViews.filter((v) => (v.isArticle && v.words >= MIN_WORDS) || only);
  console.log(
    `${keys.length} pages; the finder (Node) calls ${nodeViews.filter((v) => v.isArticle).length} articles, ` +
      `${due.length} with ${MIN_WORDS}+ words of article text (${due.filter((v) => v.mentions === 0).length} of them with nothing detected in Node)`,
  );

  const bundle = await finderBundle();
  const profile = await mkdtemp(path.join(tmpdir(), 'sidenote-corpus-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1280, height: 900 },
    args: [
      ...CHROMIUM_ARGS,
      // No host resolves: what the interception below does not answer cannot reach any site.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--disable-extensions-except=${EXT}`,
      `--load-extension=${EXT}`,
    ],
  });
  if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const documents = new Map<string, string>();
  for (const node of due) documents.set(addressKey(node.url), pages.get(node.key)!);
  let leaving = 0;
  await context.route('**/*', (route) => {
    const request = route.request();
    // The extension's own files (the page part, imported by the first script) load as usual.
    if (!/^https?:/.test(request.url())) return route.continue();
    const isDocument = request.resourceType() === 'document';
    const html = isDocument ? documents.get(addressKey(request.url())) : undefined;
    if (html !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    // A page whose scripts go elsewhere when their ads or consent scripts did not load (only
    // here, with no network) stays: a cancelled navigation leaves the page as it was.
    if (isDocument && request.frame() === request.frame().page()?.mainFrame()) {
      leaving += 1;
      return route.abort('aborted');
    }
    return route.abort('namenotresolved');
  });
  const failures: { node: NodeView; browser: BrowserView; reason: string }[] = [];
  /** Articles in a language detection does not read: no marks, by design (the publisher badge only). */
  const foreign: string[] = [];
  const otherRoot: string[] = [];
  const mostlyHidden: string[] = [];
  const started = Date.now();
  /** Pages whose scripts tried to navigate away (kept in place). */
  let left = 0;
  for (const node of due) {
    const page = await context.newPage();
    // A page that opens dialogs or navigates away must not hold the run.
    page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
    const before = leaving;
    const b = await readBrowser(page, node.url, bundle);
    if (leaving > before) {
      left += 1;
      b.left = true;
    }
    await page.close().catch(() => undefined);
    if (b.marks === 0 && node.foreign) foreign.push(`${node.key.slice(0, 12)} (${node.foreign})`);
    else if (b.marks === 0) failures.push({ node, browser: b, reason: why(node, b) });
    // The same finder on the live page: another root than Node's, or much of its text hidden.
    if (b.found && b.found.root !== node.root)
      otherRoot.push(`${node.key.slice(0, 12)}: ${b.found.root} (node: ${node.root})`);
    if (b.found && b.found.shownChars < b.found.chars * HIDDEN_SHARE)
      mostlyHidden.push(
        `${node.key.slice(0, 12)}: ${b.found.shownChars} of ${b.found.chars} characters shown, ${b.marks} marks`,
      );
    if (only) console.log(JSON.stringify({ node, browser: b }, null, 2));
  }
  await context.close();
  await rm(profile, { recursive: true, force: true });

  console.log(
    `\nin Chromium with the built extension (${stripScripts ? 'page scripts stripped' : 'page scripts kept'}, each at its own address, no network), ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s:`,
  );
  for (const f of failures)
    console.log(`NO MARKS ${f.node.key.slice(0, 12)} ${String(f.node.words).padStart(5)} words: ${f.reason}`);
  if (left) console.log(`(${left} pages tried to navigate away once their scripts failed to load; kept in place)`);
  console.log(
    `the finder in the page chose another root than in Node on ${otherRoot.length} pages${verbose ? ':' : ' (--verbose lists them)'}`,
  );
  if (verbose) for (const line of otherRoot) console.log(`  ${line}`);
  console.log(
    `most of the article's text was hidden when read on ${mostlyHidden.length} pages${mostlyHidden.length ? ':' : ''}`,
  );
  for (const line of mostlyHidden) console.log(`  ${line}`);
  if (foreign.length)
    console.log(`${foreign.length} in a language detection does not read, unmarked by design: ${foreign.join(', ')}`);
  console.log(
    `${due.length} pages called articles with ${MIN_WORDS}+ words; ${failures.length} ended with no marks (besides those in other languages)`,
  );
  if (failures.length) process.exitCode = 1;
}

await main();
