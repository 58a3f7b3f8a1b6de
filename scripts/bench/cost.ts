/**
 * What Sidenote adds to a page, measured side by side: the same page loaded alternately in a
 * browser with the extension and in one without, in the same bench run. Per load: script time
 * and main-thread task time (CDP Performance metrics), the JS heap after a forced garbage
 * collection (the page's and the content script's worlds share one heap), and the longest
 * main-thread task that ran script (the bench serves pages without their own scripts, so with
 * Sidenote that task is Sidenote's).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { countMarks } from './harness';
import { driverTasks, startTrace, type TraceEvent } from './trace';

const PAGES_DEV = '../shared/pages-dev/html';
/** After the load (and Sidenote's marks, where it marks), how long the page is left before reading its metrics. */
const SETTLE_MS = 500;
/** How long to wait for Sidenote to decide on a page before concluding it does nothing there. */
const DECIDE_MS = 1000;
/** Trace events in which script runs. */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'AsyncTask Run',
  'v8.evaluateModule',
  'RunMicrotasks',
]);

/** One page's metrics for one load. */
interface Load {
  scriptMs: number;
  taskMs: number;
  heapMb: number;
  /** The longest main-thread task in which script ran for 1 ms or more (CPU time), and its wall time. */
  scriptedTaskMs: number;
  scriptedTaskWallMs: number;
  /** Of those tasks, the most time script ran in one (wall clock; the page's own parsing and rendering left out). */
  scriptWallMs: number;
  marks: number;
}

export interface CostGroup {
  label: string;
  paths: string[];
  /** Pairs of loads (with, without) per path, in alternating order. */
  runs: number;
}

export interface CostRow {
  label: string;
  text: string;
}

/**
 * Real saved articles from ../shared/pages-dev, sampled evenly by name, served without their
 * scripts, inline event handlers or embedded frames (JSON-LD data kept: it is how many pages say
 * they are articles). Empty, with a note, when the data is absent.
 */
export function realArticles(count: number): Map<string, string> {
  const pages = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(PAGES_DEV)
      .filter((n) => n.endsWith('.html.gz'))
      .sort();
  } catch {
    console.warn(`(${PAGES_DEV} is absent: no real-article rows)`);
    return pages;
  }
  const step = Math.max(1, Math.floor(names.length / Math.max(1, count)));
  for (let i = 0; i < names.length && pages.size < count; i += step) {
    const html = gunzipSync(readFileSync(join(PAGES_DEV, names[i]!))).toString('utf8');
    let withoutScripts = html.replace(/<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>/gi, '');
    // Embedded frames (ads, players) cannot load offline: each would show the browser's error
    // page, which runs script of its own in the page's process.
    withoutScripts = withoutScripts.replace(/<(iframe|frame|object|embed)\b[^>]*>([\s\S]*?<\/\1\s*>)?/gi, '');
    // Inline handlers (`<img onload=…>`, `<link onload=…>`) are the page's script too: one per
    // tag per pass, until none is left.
    for (let before = ''; before !== withoutScripts; ) {
      before = withoutScripts;
      withoutScripts = withoutScripts.replace(/(<[a-z][^>]*?)\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '$1');
    }
    pages.set(`/real/${names[i]!.slice(0, 12)}.html`, withoutScripts);
  }
  return pages;
}

async function load(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Thread CPU time rather than wall time: other work on the machine does not count.
  const { events, stop } = await startTrace(cdp, SCRIPT_EVENTS);
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  // Sidenote's host appears only where it works: wait for its marks there, or a moment elsewhere.
  const began = Date.now();
  for (;;) {
    const state = await page.evaluate(
      () => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') ?? null,
    );
    if (state === 'done' || (state === null && Date.now() - began > DECIDE_MS)) break;
    if (Date.now() - began > 120_000) break;
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(SETTLE_MS);
  await stop();
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const marks = await countMarks(page);
  const renderers = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter((e) => e.name === 'RunTask' && renderers.has(`${e.pid}:${e.tid}`));
  const scripted = events.filter((e) => SCRIPT_EVENTS.has(e.name) && (e.dur ?? 0) >= 1000);
  const within = (e: TraceEvent, t: TraceEvent) =>
    e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0);
  // (The driver's own tasks, such as the polling evaluate above, ran script too: left out.)
  const byDriver = driverTasks(events);
  const ours = tasks.filter((t) => !byDriver(t) && scripted.some((e) => within(e, t)));
  // CPU time where the trace has it (the machine's other load inflates wall time), else wall time.
  const scriptedTaskMs = Math.max(0, ...ours.map((t) => (t.tdur ?? t.dur ?? 0) / 1000));
  const scriptedTaskWallMs = Math.max(0, ...ours.map((t) => (t.dur ?? 0) / 1000));
  // Within those tasks, how long script ran (layout it forced included; the page's own parsing or
  // rendering in the same task not), by the wall clock: overlapping script events counted once.
  const scriptWallMs = Math.max(
    0,
    ...ours.map((t) => {
      const spans = scripted
        .filter((e) => within(e, t))
        .map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const)
        .sort((a, b) => a[0] - b[0]);
      let total = 0;
      let end = -Infinity;
      for (const [from, to] of spans) {
        if (to <= end) continue;
        total += to - Math.max(from, end);
        end = to;
      }
      return total / 1000;
    }),
  );
  await page.close();
  return {
    scriptMs: metric('ScriptDuration') * 1000,
    taskMs: metric('TaskDuration') * 1000,
    heapMb: metric('JSHeapUsedSize') / (1024 * 1024),
    scriptedTaskMs,
    scriptedTaskWallMs,
    scriptWallMs,
    marks,
  };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const signed = (n: number, digits: number) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;

/** Loads each group's pages alternately with and without Sidenote and prints one row per group. */
export async function measureCosts(
  browsers: { with: BrowserContext; without: BrowserContext },
  origin: string,
  groups: CostGroup[],
): Promise<CostRow[]> {
  const rows: CostRow[] = [];
  for (const group of groups) {
    if (!group.paths.length) continue;
    const withLoads: Load[] = [];
    const withoutLoads: Load[] = [];
    /** Per page: Δ of each metric (with − without), medians over its runs. */
    const deltas: {
      script: number;
      task: number;
      heap: number;
      path: string;
      longest: number;
      wall: number;
      scriptWall: number;
    }[] = [];
    let turn = 0;
    for (const path of group.paths) {
      const mine: Load[] = [];
      const theirs: Load[] = [];
      for (let run = 0; run < group.runs; run++) {
        // Alternate which goes first, so neither always gets the warmer machine.
        const order = turn++ % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
        for (const which of order) {
          const result = await load(browsers[which], `${origin}${path}`);
          (which === 'with' ? mine : theirs).push(result);
        }
      }
      withLoads.push(...mine);
      withoutLoads.push(...theirs);
      deltas.push({
        path,
        script: median(mine.map((l) => l.scriptMs)) - median(theirs.map((l) => l.scriptMs)),
        task: median(mine.map((l) => l.taskMs)) - median(theirs.map((l) => l.taskMs)),
        heap: median(mine.map((l) => l.heapMb)) - median(theirs.map((l) => l.heapMb)),
        longest: Math.max(...mine.map((l) => l.scriptedTaskMs)),
        wall: Math.max(...mine.map((l) => l.scriptedTaskWallMs)),
        scriptWall: Math.max(...mine.map((l) => l.scriptWallMs)),
      });
    }
    const w = (key: keyof Load) => median(withLoads.map((l) => l[key]));
    const wo = (key: keyof Load) => median(withoutLoads.map((l) => l[key]));
    const worst = deltas.reduce((a, b) => (b.longest > a.longest ? b : a));
    const marks = median(withLoads.map((l) => l.marks));
    const perPage = group.paths.length > 1 ? ' (medians over pages of each page’s Δ)' : '';
    const d = (key: 'script' | 'task' | 'heap') => median(deltas.map((x) => x[key]));
    rows.push({
      label: group.label,
      text:
        `${group.label.padEnd(32)} ${group.paths.length > 1 ? `${group.paths.length} pages × ${group.runs}` : `${group.runs}`} pairs | ` +
        `script ${w('scriptMs').toFixed(1)} vs ${wo('scriptMs').toFixed(1)} ms (Δ ${signed(d('script'), 1)})` +
        ` | tasks ${w('taskMs').toFixed(0)} vs ${wo('taskMs').toFixed(0)} ms (Δ ${signed(d('task'), 0)})` +
        ` | JS heap ${w('heapMb').toFixed(2)} vs ${wo('heapMb').toFixed(2)} MB (Δ ${signed(d('heap'), 2)})${perPage}` +
        ` | marks ${marks.toFixed(0)} | longest task running Sidenote ${worst.longest.toFixed(1)} ms CPU` +
        ` (${Math.max(...deltas.map((x) => x.wall)).toFixed(1)} ms wall at most;` +
        ` script in one task ${Math.max(...deltas.map((x) => x.scriptWall)).toFixed(1)} ms wall at most)` +
        (group.paths.length > 1 ? ` (${worst.path})` : ''),
    });
  }
  return rows;
}
