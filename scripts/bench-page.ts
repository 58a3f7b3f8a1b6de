/**
 * What the content script costs a page, in headless Chromium with the built extension:
 * for the seed article and a generated 100,000-word page, the time from the page's load event
 * to all marks placed, the longest main-thread task once the page has parsed (from a CDP trace,
 * and the Long Tasks API as a cross-check); then, side by side in the same run, pages loaded
 * alternately with and without Sidenote (two pages that are not articles, and real saved
 * articles from ../shared/pages-dev): script time, main-thread task time and JS heap, and the
 * longest task that ran Sidenote's script; and the content script's size gzipped.
 *
 * The steps of the first pass come from User Timing marks that only a benchmark build writes
 * (lib/timeline.ts): build with `npm run build:bench` (`npm run bench` does), not `build:chrome`.
 *
 *     npm run build:bench && npm run bench:page
 *     BENCH_RUNS=3 BENCH_COST_RUNS=5 BENCH_REAL=12 npm run bench:page
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { startServer } from '../tests/e2e/server';
import { longArticleHtml } from '../tests/fixtures/long-article';
import { type CostRow, measureCosts, realArticles } from './bench/cost';
import { launchBench, servePages } from './bench/harness';
import { docsHtml, signInHtml } from './bench/plain-pages';
import { driverTasks, startTrace, type TraceEvent } from './bench/trace';

const EXT = resolve('.output/chrome-mv3');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Another build to compare on the seed article, alternating loads (for example main's .output/chrome-mv3). */
const COMPARE = process.env.BENCH_COMPARE;
const COMPARE_RUNS = Number(process.env.BENCH_COMPARE_RUNS ?? 8);
/** Loads with and without Sidenote, alternating, per page that is not an article. */
const COST_RUNS = Number(process.env.BENCH_COST_RUNS ?? 5);
/** Real saved articles sampled from ../shared/pages-dev (one pair of loads each). */
const REAL_PAGES = Number(process.env.BENCH_REAL ?? 12);

/** What the page logs when Sidenote's marks are all placed (the bench's init script, below). */
const DONE_MESSAGE = 'sidenote-bench: all marks placed';

/** Trace events in which script runs (a task's forced style and layout nest inside them). */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'AsyncTask Run',
  'BlinkScheduler_PerformMicrotaskCheckpoint',
]);

/** The first pass's steps, as the page marks them (lib/page/gate.ts, start.ts, lib/annotate/annotator.ts). */
const PHASES = ['gate', 'start', 'loaded', 'settings', 'found', 'read', 'detected', 'lines'] as const;
const PHASE_LABELS = [
  'first script ran',
  'gate decided',
  'page part loaded',
  'settings read',
  'article found',
  'blocks read',
  'all detected',
  'lines chosen',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Medians of each step over the loads, in ms from the load event, as one line. */
function timeline(loads: { phases: number[]; loadToMarks: number }[]): string {
  const steps = PHASE_LABELS.map((label, i) => `${label} ${median(loads.map((l) => l.phases[i]!)).toFixed(0)}`);
  return `${steps.join(', ')}, all marks ${median(loads.map((l) => l.loadToMarks)).toFixed(0)}`;
}

/** One page load, traced: what Sidenote and the page did on the page's main thread. */
async function measureLoad(context: BrowserContext, url: string, files: string[]) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Thread CPU time rather than wall time: other work on the machine does not count.
  const { events, stop } = await startTrace(cdp, SCRIPT_EVENTS);
  // The page says when the marks are all placed (a console message, see launchWith): polling for it
  // from here would have the driver install its script in the page while Sidenote starts.
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === DONE_MESSAGE, timeout: 120_000 });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await done;
  const { metrics } = await cdp.send('Performance.getMetrics');
  const taskCpu = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  await stop();
  const result = await page.evaluate((names) => {
    const b = (window as unknown as { __bench: { done: number; longTasks: [number, number][] } }).__bench;
    // Load event, or the end of parsing when the marks were done before the load event ended.
    const load = Math.min(
      performance.timing.loadEventEnd - performance.timeOrigin,
      performance.timing.domContentLoadedEventEnd - performance.timeOrigin,
    );
    // (No named helpers in here: tsx would wrap them in a function the page does not have.)
    const measures = performance.getEntriesByType('measure');
    // (sidenote-detect is now the round trip to the background, not main-thread time.)
    const detects = measures.filter((m) => m.name === 'sidenote-detect').map((m) => m.duration);
    const marks = measures.filter((m) => m.name === 'sidenote-mark').map((m) => m.duration);
    return {
      detect: Math.max(0, ...detects),
      mark: Math.max(0, ...marks),
      detectRuns: detects.length,
      loadToMarks: b.done - load,
      // Long tasks that ended after the content script began (its first file marks the moment).
      longestApi: Math.max(
        0,
        ...b.longTasks
          .filter(
            ([start, duration]) =>
              start + duration >= (performance.getEntriesByName('sidenote-start')[0]?.startTime ?? 0),
          )
          .map(([, duration]) => duration),
      ),
      // Every mark's range, drawn or not, in the page's highlight registry (Chromium lets the page read it).
      marks: ['entity', 'claim', 'disputed', 'source']
        .flatMap((k) => [`sidenote-${k}`, `sidenote-${k}-quiet`])
        .reduce(
          (n, name) =>
            n + ((CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get(name)?.size ?? 0),
          0,
        ),
      // The first pass's steps (performance marks of the gate, the page part and the annotator), from the load.
      phases: names.map(
        (name) => (performance.getEntriesByName(`sidenote-${name}`)[0]?.startTime ?? Number.NaN) - load,
      ),
    };
  }, PHASES);
  const renderers = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const evaluate = events.filter(
    (e) => e.name === 'EvaluateScript' && files.some((file) => e.args?.data?.url?.endsWith(`/${file}`)),
  );
  // From the content script's start: what the page's main thread did while Sidenote worked.
  const from = Math.min(...evaluate.map((e) => e.ts));
  // The driver's own tasks (the final evaluate, say) are neither the page's nor Sidenote's.
  const byDriver = driverTasks(events);
  const tasks = events.filter(
    (e) => e.name === 'RunTask' && renderers.has(`${e.pid}:${e.tid}`) && e.ts >= from - 1000 && !byDriver(e),
  );
  const longest = Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000));
  // Tasks that ran script for 1 ms or more: Sidenote's, as the bench pages run none of their own.
  const scripted = events.filter((e) => SCRIPT_EVENTS.has(e.name) && (e.dur ?? 0) >= 1000);
  const within = (e: TraceEvent, t: TraceEvent) =>
    e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0);
  const oursTasks = tasks.filter((t) => scripted.some((e) => within(e, t)));
  const ours = Math.max(0, ...oursTasks.map((t) => (t.dur ?? 0) / 1000));
  // The same tasks' CPU time: what a busy machine's waiting for a core does not inflate.
  const oursCpu = Math.max(0, ...oursTasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000));
  // The page's own work before Sidenote began (parsing, its first layout): the reference.
  const before = events.filter(
    (e) => e.name === 'RunTask' && renderers.has(`${e.pid}:${e.tid}`) && e.ts + (e.dur ?? 0) < from,
  );
  const pageOwn = Math.max(0, ...before.map((t) => (t.dur ?? 0) / 1000));
  await page.close();
  return {
    ...result,
    taskCpu,
    longest,
    ours,
    oursCpu,
    pageOwn,
    evaluation: Math.max(0, ...evaluate.map((e) => (e.dur ?? 0) / 1000)),
  };
}

/** A browser with the extension built at `ext`, noting on each page when the marks were all placed. */
async function launchWith(ext: string, profile: string): Promise<BrowserContext> {
  const context = await launchBench(profile, { ext, offline: true });
  // Before any page script: note when the page parsed, when marks were all placed, and long tasks.
  await context.addInitScript((doneMessage) => {
    const w = window as unknown as { __bench: { done?: number; longTasks: [number, number][] } };
    w.__bench = { longTasks: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      const host = document.querySelector('sidenote-root');
      if (host?.getAttribute('data-sidenote-state') === 'done' && w.__bench.done === undefined) {
        w.__bench.done = performance.now();
        console.debug(doneMessage);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-sidenote-state'] });
  }, DONE_MESSAGE);
  return context;
}

/**
 * The seed article loaded alternately with this build and the one at BENCH_COMPARE (for example
 * main's), in the same run: load to all marks, the page's main-thread CPU time, and the steps.
 */
async function compareSeed(context: BrowserContext, origin: string, files: string[]): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'sidenote-bench-other-'));
  const other = await launchWith(resolve(COMPARE!), profile);
  const url = `${origin}/putin-assad-memo.html`;
  // A first load in each warms the browser and its worker.
  await measureLoad(context, url, files);
  await measureLoad(other, url, files);
  const loads: Record<'this' | 'other', Awaited<ReturnType<typeof measureLoad>>[]> = { this: [], other: [] };
  for (let run = 0; run < COMPARE_RUNS; run++) {
    const order = run % 2 ? (['other', 'this'] as const) : (['this', 'other'] as const);
    for (const which of order) loads[which].push(await measureLoad(which === 'this' ? context : other, url, files));
  }
  await other.close();
  await rm(profile, { recursive: true, force: true });
  console.log(`The seed article, ${COMPARE_RUNS} loads each, alternating; medians, ms from the load event:`);
  for (const [which, label] of [
    ['this', EXT],
    ['other', resolve(COMPARE!)],
  ] as const) {
    const list = loads[which];
    console.log(
      `${label}: load→all marks ${median(list.map((l) => l.loadToMarks)).toFixed(0)} ms` +
        ` | page main thread CPU ${median(list.map((l) => l.taskCpu)).toFixed(1)} ms` +
        ` | longest task running Sidenote ${median(list.map((l) => l.ours)).toFixed(1)} ms (CPU ${median(list.map((l) => l.oursCpu)).toFixed(1)} ms)` +
        ` | marks ${list[list.length - 1]!.marks}\n  ${timeline(list)}`,
    );
  }
}

async function main(): Promise<void> {
  // What Sidenote puts on pages: the first script the manifest lists (every page), and the parts
  // it imports on articles (web-accessible modules); the browser evaluates each in a task.
  const manifest = JSON.parse(readFileSync(join(EXT, 'manifest.json'), 'utf8')) as {
    content_scripts: { js: string[] }[];
    web_accessible_resources?: { resources: string[] }[];
  };
  const first = manifest.content_scripts.flatMap((entry) => entry.js);
  const files = [...first, ...(manifest.web_accessible_resources ?? []).flatMap((entry) => entry.resources)];
  const scripts = files.map((file) => ({ file, bytes: readFileSync(join(EXT, file)) }));
  const server = await startServer();
  const long = longArticleHtml(100_000);
  // The same words as one wall of text: a single paragraph, laid out whole by the browser.
  const wall = longArticleHtml(100_000, { oneParagraph: true });
  const plain: Record<string, string> = { '/sign-in.html': signInHtml(), '/docs.html': docsHtml() };
  const real = realArticles(REAL_PAGES);
  servePages(server, new Map([['/long.html', long], ['/wall.html', wall], ...Object.entries(plain), ...real]));
  const profile = await mkdtemp(join(tmpdir(), 'sidenote-bench-'));
  const context = await launchWith(EXT, profile);
  if (COMPARE) {
    await compareSeed(context, server.origin, files);
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await server.close();
    return;
  }

  // The first page after the browser started: nothing compiled or warm yet, and the browser
  // itself still starting. Reported on its own line; the runs below come after it.
  const cold = await measureLoad(context, `${server.origin}/putin-assad-memo.html`, files);
  const rows: string[] = [];
  for (const [label, path] of [
    ['seed article', '/putin-assad-memo.html'],
    ['100,000-word page', '/long.html'],
    ['100,000 words, 1 <p>', '/wall.html'],
  ] as const) {
    const loads: Awaited<ReturnType<typeof measureLoad>>[] = [];
    for (let run = 0; run < RUNS; run++) loads.push(await measureLoad(context, `${server.origin}${path}`, files));
    const of = (
      key: 'loadToMarks' | 'longest' | 'ours' | 'oursCpu' | 'pageOwn' | 'longestApi' | 'evaluation' | 'detect' | 'mark',
    ) => loads.map((l) => l[key]);
    const { detectRuns: runs, marks } = loads[loads.length - 1]!;
    /** "median / worst" over the runs: one busy moment of the machine shows, but does not decide. */
    const worst = (xs: number[]) => `${median(xs).toFixed(1)} / ${Math.max(...xs).toFixed(1)}`;
    rows.push(
      `${label.padEnd(20)} marks ${String(marks).padStart(6)} | load→all marks ${median(of('loadToMarks')).toFixed(0).padStart(5)} ms` +
        ` | LONGEST TASK RUNNING SIDENOTE ${worst(of('ours'))} ms (CPU ${worst(of('oursCpu'))} ms)` +
        ` (detection round trip ${worst(of('detect'))} ms × ${runs}, marking slice ${worst(of('mark'))} ms, file evaluation ${worst(of('evaluation'))} ms)` +
        ` | longest task of any cause after Sidenote began ${worst(of('longest'))} ms, the page's own before it ${worst(of('pageOwn'))} ms` +
        ` (rendering included; Long Tasks API ≥50 ms after Sidenote began: ${worst(of('longestApi'))} ms)` +
        `\n  steps (ms from the load event, medians): ${timeline(loads)}`,
    );
  }
  // The same pages with and without Sidenote, alternating, in a second browser with no extension.
  const bareProfile = await mkdtemp(join(tmpdir(), 'sidenote-bench-bare-'));
  const bare = await launchBench(bareProfile, { offline: true });
  // (BENCH_COST_RUNS=0 skips the side-by-side rows but for the real articles, BENCH_REAL=0 those too.)
  const costs: CostRow[] = await measureCosts({ with: context, without: bare }, server.origin, [
    { label: 'sign-in form (not an article)', paths: COST_RUNS ? ['/sign-in.html'] : [], runs: COST_RUNS },
    { label: 'docs page (not an article)', paths: COST_RUNS ? ['/docs.html'] : [], runs: COST_RUNS },
    { label: 'seed article', paths: COST_RUNS ? ['/putin-assad-memo.html'] : [], runs: COST_RUNS },
    { label: `${real.size} real saved articles`, paths: [...real.keys()], runs: 1 },
  ]);
  await bare.close();
  await rm(bareProfile, { recursive: true, force: true });
  await context.close();
  await rm(profile, { recursive: true, force: true });
  await server.close();
  console.log(
    `Sidenote content script, headless Chromium, ${RUNS} runs: load→marks is the median; durations are median / worst run.` +
      ` The budget is 50 ms for any task running Sidenote's script; the page's own longest task is the reference.`,
  );
  for (const row of rows) console.log(row);
  console.log(
    `cold start (the seed article as the first page after the browser started, one load): longest task running Sidenote ${cold.ours.toFixed(1)} ms` +
      ` (file evaluation ${cold.evaluation.toFixed(1)} ms, detection round trip ${cold.detect.toFixed(1)} ms), the page's own ${cold.pageOwn.toFixed(1)} ms`,
  );
  console.log(
    'With and without Sidenote, alternating loads in one run (medians; Δ = with − without; main-thread CPU time; heap after a forced GC;' +
      " the pages run none of their own script, so tasks that ran script are Sidenote's). Targets on pages that are" +
      ' not articles: Δ script ≤ 5 ms, Δ heap ≤ 0.5 MB; on articles: no Sidenote task over 50 ms.',
  );
  for (const row of costs) console.log(row.text);
  const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
  const sized = (list: typeof scripts) =>
    list.map((s) => `${s.file} ${kB(s.bytes.length)} (${kB(gz(s.bytes))} gz)`).join(', ');
  const everyPage = scripts.filter((s) => first.includes(s.file));
  const articles = scripts.filter((s) => !first.includes(s.file));
  console.log(
    `content script on every page: ${sized(everyPage)}; loaded on articles only: ${sized(articles)};` +
      ' detection runs in the background worker.',
  );
}

await main();
