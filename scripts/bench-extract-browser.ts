/**
 * The article finder's tasks on the main thread, timed in headless Chromium, as the page runs it
 * (`findArticleSliced`: slices of FINDER_SLICE_MS, yielding between them) beside the synchronous
 * `findArticle` in one task. Each is bundled on its own and run on a fresh page (cold, as the
 * content script meets it) on the generated 100,000-word page and on each page of
 * `../shared/pages-dev` (scripts stripped, so the page's own code neither runs nor competes). A
 * task's time is its thread time from a CDP trace (what the main thread spent, steady on a machine
 * shared with other work); the figure per run is its longest task, and for the sliced finder also
 * the sum of its tasks. Prints the median and the worst beside the 16 ms budget.
 *
 *   npm run bench:extract:browser                 # the 100,000-word page and the corpus
 *   npm run bench:extract:browser -- --long-only   # the 100,000-word page alone, three runs
 *   npm run bench:extract:browser -- --page KEY    # the 100,000-word page and one corpus page
 *
 * It also reads the text: on our own pages (tests/fixtures/unseen, scripts left in: theirs only
 * queue ads) the body's F1 in the page, as the page part reads it (with its visibility check),
 * beside linkedom's (the command-line annotator's); on the corpus pages, how far the text read in
 * the page agrees with the annotator's on the saved page (F1 of one against the other).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { parseHTML } from 'linkedom';
import { chromium } from 'playwright-core';
import { findArticle } from '../lib/sites/article';
import { articleText } from '../lib/sites/block-offsets';
import { articleBlocks } from '../lib/sites/blocks';
import { longArticleHtml } from '../tests/fixtures/long-article';
import { OWN_PAGES } from '../tests/fixtures/unseen/index';
import { corpusScore, type PageScore, pageScore } from './extract-metric';

const DIR = join(import.meta.dirname, '..', '..', 'shared', 'pages-dev', 'html');
const TASK_BUDGET_MS = 16;
/** How long a page's load event is waited for before the finder is timed anyway, in ms. */
const LOAD_WAIT_MS = 3000;

const SCRIPT = /<script\b[\s\S]*?<\/script\s*>/gi;

async function main(): Promise<void> {
  const bundle = await build({
    stdin: {
      contents:
        "import { articleBlocks } from './lib/sites/blocks'; import { articleText } from './lib/sites/block-offsets'; import { findArticle, findArticleSliced } from './lib/sites/article'; Object.assign(globalThis as any, { __find: findArticle, __findSliced: findArticleSliced, __blocks: articleBlocks, __text: articleText });",
      resolveDir: join(import.meta.dirname, '..'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
  });
  const code = bundle.outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage();
  // No network: a saved page's images, fonts and styles would only add noise.
  await page.route('**/*', (route) => route.abort());
  /** Runs the finder (sync or sliced) on a fresh copy of the page; its longest task and all its tasks' time, in ms. */
  const time = async (html: string, sliced: boolean, keepScripts = false): Promise<Timing> => {
    await page.setContent(keepScripts ? html : html.replace(SCRIPT, ''), { waitUntil: 'domcontentloaded' });
    // (A page whose load never ends, with a frame or a request that hangs, is timed after a while.)
    await page.waitForLoadState('load', { timeout: LOAD_WAIT_MS }).catch(() => undefined);
    await page.addScriptTag({ content: code });
    // The page's own first style, layout and paint happen before the finder runs, not inside the
    // window timed: two frames, and a moment for what they scheduled.
    await page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))),
    );
    await browser.startTracing(page, {
      categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    await page.evaluate(
      (slices) =>
        new Promise<void>((done) =>
          setTimeout(() => {
            const g = globalThis as unknown as {
              __find: (d: Document) => unknown;
              __findSliced: (d: Document) => Promise<unknown>;
            };
            if (!slices) {
              g.__find(document);
              done();
            } else void g.__findSliced(document).then(() => done());
          }, 0),
        ),
      sliced,
    );
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    // The renderer's main thread, and every task it ran while the finder ran: thread time, in µs.
    const main = new Set(
      trace.traceEvents
        .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const tasks = trace.traceEvents
      .filter((e) => e.name === 'RunTask' && e.tdur !== undefined && main.has(`${e.pid}:${e.tid}`))
      .map((e) => (e.tdur ?? 0) / 1000);
    return { longest: Math.max(0, ...tasks), total: tasks.reduce((a, b) => a + b, 0) };
  };
  // Sync and sliced run on each page, which first alternating, so both meet the same load on a
  // shared machine and neither always gets the code the other compiled. The very first run of all
  // (the 100,000-word page, sliced) is the coldest.
  /** The body text the finder reads in the page loaded last, with the page part's visibility check. */
  const readInPage = async (): Promise<string> =>
    (await page.evaluate(`(() => {
      const g = globalThis;
      const found = g.__find(document);
      if (!found) return '';
      const blocks = Array.from(g.__blocks(found.root, { isVisible: (el) => el.checkVisibility({ visibilityProperty: true }) }));
      return g.__text(blocks.filter((b) => b.role === 'body')).text;
    })()`)) as string;
  let runs = 0;
  const pair = async (html: string, keepScripts = false): Promise<Row> => {
    if (runs++ % 2 === 0) {
      const sliced = await time(html, true, keepScripts);
      return { sliced, sync: await time(html, false, keepScripts), text: await readInPage() };
    }
    const sync = await time(html, false, keepScripts);
    return { sync, sliced: await time(html, true, keepScripts), text: await readInPage() };
  };
  const longOnly = process.argv.includes('--long-only');
  const longRuns = [await pair(longArticleHtml(100_000))];
  if (longOnly) longRuns.push(await pair(longArticleHtml(100_000)), await pair(longArticleHtml(100_000)));
  const own: (Row & { name: string; kind: string; inPage: PageScore; annotator: PageScore; agree: number })[] = [];
  if (!longOnly)
    for (const p of OWN_PAGES) {
      const html = p.html();
      const row = await pair(html, true);
      const annotatorText = linkedomBody(html);
      own.push({
        ...row,
        name: p.name,
        kind: p.kind,
        inPage: pageScore(p.truth, row.text),
        annotator: pageScore(p.truth, annotatorText),
        agree: agreement(annotatorText, row.text),
      });
    }
  const rows: (Row & { file: string; agree: number })[] = [];
  if (!longOnly && existsSync(DIR)) {
    const only = process.argv[process.argv.indexOf('--page') + 1];
    const chosen = process.argv.includes('--page') ? (f: string) => f.startsWith(only ?? '') : () => true;
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.html.gz') && chosen(f))) {
      const html = gunzipSync(readFileSync(join(DIR, file))).toString('utf8');
      const row = await pair(html);
      rows.push({ file, ...row, agree: agreement(linkedomBody(html), row.text) });
    }
  }
  await browser.close();
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `The finder in headless Chromium, cold, main-thread (thread) time of its longest task; budget ${TASK_BUDGET_MS} ms.`,
  );
  console.log('  sliced = findArticleSliced, as the page runs it; one task = findArticle, the synchronous version.');
  for (const r of longRuns)
    console.log(
      `  100,000-word page: sliced longest ${ms(r.sliced.longest)} (all tasks ${ms(r.sliced.total)}); one task ${ms(r.sync.longest)}`,
    );
  if (longOnly) return;
  console.log(
    '  our own pages (tests/fixtures/unseen): body F1 in the page / in the annotator (linkedom), their agreement, sliced longest task',
  );
  for (const r of own)
    console.log(
      `    ${f1(r.inPage).toFixed(3)} / ${f1(r.annotator).toFixed(3)}  agree ${r.agree.toFixed(3)}  ${ms(r.sliced.longest).padStart(8)}  ${r.name}`,
    );
  for (const kind of new Set(own.map((r) => r.kind))) {
    const of = own.filter((r) => r.kind === kind);
    console.log(
      `    class ${kind}: F1 in the page ${corpusScore(of.map((r) => r.inPage)).f1.toFixed(3)}, in the annotator ${corpusScore(of.map((r) => r.annotator)).f1.toFixed(3)}`,
    );
  }
  if (!rows.length) {
    console.log(`  corpus pages skipped: ${DIR} is not there`);
    return;
  }
  const summary = (label: string, pick: (r: Row) => number) => {
    const sorted = rows.map(pick).sort((a, b) => b - a);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const over = sorted.filter((x) => x > TASK_BUDGET_MS).length;
    console.log(
      `  ${rows.length} corpus pages, ${label}: median ${ms(median)}, worst ${ms(sorted[0]!)}, over budget ${over}`,
    );
  };
  summary('sliced, longest task', (r) => r.sliced.longest);
  summary('sliced, all tasks', (r) => r.sliced.total);
  summary('one task', (r) => r.sync.longest);
  const agreeing = rows.filter((r) => r.agree >= 0.99).length;
  const meanAgree = rows.reduce((a, r) => a + r.agree, 0) / rows.length;
  console.log(
    `  text read in the page vs the annotator on the saved page: mean agreement F1 ${meanAgree.toFixed(3)}, ${agreeing} of ${rows.length} pages at 0.99 or more`,
  );
  for (const r of [...rows].sort((a, b) => a.agree - b.agree).slice(0, 3))
    console.log(`    least: ${r.agree.toFixed(3)}  ${r.file.slice(0, 12)}`);
  console.log('  slowest pages (sliced longest / one task):');
  for (const r of [...rows].sort((a, b) => b.sliced.longest - a.sliced.longest).slice(0, 5))
    console.log(`    ${ms(r.sliced.longest)} / ${ms(r.sync.longest)}  ${r.file.slice(0, 12)}`);
}

interface Timing {
  longest: number;
  total: number;
}
interface Row {
  sync: Timing;
  sliced: Timing;
  /** The body text read in the page. */
  text: string;
}

const f1 = (s: PageScore) => (s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0);

/** The body text the command-line annotator's finder reads (linkedom, the page as saved). */
function linkedomBody(html: string): string {
  const found = findArticle(parseHTML(html).document as unknown as Document);
  if (!found) return '';
  return articleText(Array.from(articleBlocks(found.root)).filter((b) => b.role === 'body')).text;
}

/** How far two readings of a page agree: F1 of one against the other (1 when both are empty). */
const agreement = (a: string, b: string) => (!a && !b ? 1 : f1(pageScore(a, b)));
interface TraceEvent {
  name: string;
  pid?: number;
  tid?: number;
  tdur?: number;
  args?: { name?: string; data?: { timerId?: number } };
}

await main();
