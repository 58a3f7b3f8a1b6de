/**
 * Where Sidenote's long tasks go: loads pages in headless Chromium with the built extension,
 * traces the page's main thread and samples its JavaScript (CDP Profiler), and for every task
 * over the budget that ran script prints its duration and the functions that took it (inclusive
 * time of the samples inside the task). A build without minification names the functions:
 *
 *     npm run -s build:bench && npm run -s bench:profile          # the 100,000-word pages, the 10 MB page and the seed (a build with its timeline: lib/timeline.ts)
 *     PROFILE_ONLY=huge npm run -s bench:profile                   # the 10 MB page alone
 *     PROFILE_EXT=/tmp/unminified/.output/chrome-mv3 BENCH_REAL=12 npm run -s bench:profile
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../tests/e2e/server';
import { hugeArticleHtml } from '../../tests/fixtures/huge-article';
import { longArticleHtml } from '../../tests/fixtures/long-article';
import { realArticles } from './cost';
import { countMarks, launchBench, servePages } from './harness';
import { driverTasks, startTrace, type TraceEvent } from './trace';

const EXT = resolve(process.env.PROFILE_EXT ?? '.output/chrome-mv3');
const REAL_PAGES = Number(process.env.BENCH_REAL ?? 0);
/** Tasks longer than this are listed (the budget for a task running Sidenote's script). */
const LONG_TASK_MS = Number(process.env.PROFILE_OVER_MS ?? 50);
/** Functions listed per long task. */
const TOP = Number(process.env.PROFILE_TOP ?? 12);
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'AsyncTask Run',
  'v8.evaluateModule',
  'BlinkScheduler_PerformMicrotaskCheckpoint',
]);
/** The browser's own work inside a task, summed per kind beside the script's functions. */
const RENDER_EVENTS = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'ParseHTML',
  'MajorGC',
  'MinorGC',
]);
/** What the trace keeps besides tasks (startTrace): script, and the browser's own work inside tasks. */
const TRACED_EVENTS = new Set([...SCRIPT_EVENTS, ...RENDER_EVENTS]);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const frameName = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').pop() || '(native)';
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
};

/** Inclusive time per function over the samples in [from, to] (µs on the trace clock). */
function functionsIn(profile: Profile, from: number, to: number): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) continue;
    const step = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      const name = frameName(node);
      if (seen.has(name) || name.startsWith('(root)')) continue;
      seen.add(name);
      totals.set(name, (totals.get(name) ?? 0) + step);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** A task's wall and CPU time, and the browser's own work inside it (style, layout, paint, GC). */
function taskLine(events: readonly TraceEvent[], task: TraceEvent): string {
  const inside = (e: TraceEvent) =>
    e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0);
  const rendering = new Map<string, number>();
  for (const e of events)
    if (RENDER_EVENTS.has(e.name) && e.ph === 'X' && inside(e))
      rendering.set(e.name, (rendering.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  const browserWork = [...rendering].map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ');
  return `task ${((task.dur ?? 0) / 1000).toFixed(1)} ms, CPU ${((task.tdur ?? 0) / 1000).toFixed(1)} ms (browser: ${browserWork || 'none traced'})`;
}

async function main(): Promise<void> {
  const server = await startServer();
  const pages = new Map<string, string>([
    ['/long.html', longArticleHtml(100_000)],
    ['/wall.html', longArticleHtml(100_000, { oneParagraph: true })],
    // The 10 MB page of the budgets' end-to-end test, far past every page budget.
    ['/huge.html', hugeArticleHtml()],
  ]);
  for (const [path, html] of realArticles(REAL_PAGES)) pages.set(path, html);
  servePages(server, pages);
  const profileDir = await mkdtemp(join(tmpdir(), 'sidenote-profile-'));
  const context = await launchBench(profileDir, { ext: EXT, quiet: false, offline: true });
  const only = process.env.PROFILE_ONLY;
  const runs = Number(process.env.PROFILE_RUNS ?? 1);
  const paths = ['/putin-assad-memo.html', ...pages.keys()]
    .filter((p) => !only || p.includes(only))
    .flatMap((p) => Array<string>(runs).fill(p));
  // A first load warms the worker and the browser, as a reader's second page would.
  const warm = await context.newPage();
  await warm.goto(`${server.origin}/putin-assad-memo.html`);
  await warm.waitForSelector('sidenote-root[data-sidenote-state="done"]', { state: 'attached', timeout: 60_000 });
  await warm.close();
  for (const path of paths) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const { events, stop } = await startTrace(cdp, TRACED_EVENTS);
    await page.goto(`${server.origin}${path}`, { waitUntil: 'domcontentloaded' });
    const done = await page
      .waitForSelector('sidenote-root[data-sidenote-state="done"]', { state: 'attached', timeout: 120_000 })
      .then(() => true)
      .catch(() => false);
    await page.waitForTimeout(1500);
    await stop();
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const marks = await countMarks(page);
    const main = new Set(
      events
        .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const scripted = events.filter((e) => SCRIPT_EVENTS.has(e.name) && (e.dur ?? 0) >= 1000);
    // (The driver's tasks, its polling and evaluates, are left out: see driverTasks.)
    const byDriver = driverTasks(events);
    const tasks = events.filter(
      (e) =>
        e.name === 'RunTask' &&
        main.has(`${e.pid}:${e.tid}`) &&
        !byDriver(e) &&
        scripted.some((s) => s.pid === e.pid && s.tid === e.tid && s.ts >= e.ts && s.ts <= e.ts + (e.dur ?? 0)),
    );
    // Sidenote's tasks: those whose samples show its files (the test driver's own script runs too).
    const ours = (t: TraceEvent) =>
      functionsIn(profile, t.ts, t.ts + (t.dur ?? 0)).some(([name, ms]) => /sidenote-/.test(name) && ms > 0);
    const long = tasks.filter((t) => (t.dur ?? 0) / 1000 > LONG_TASK_MS && ours(t));
    const longest = Math.max(0, ...tasks.filter(ours).map((t) => (t.dur ?? 0) / 1000));
    console.log(
      `\n${path}: ${marks} marks${done ? '' : ' (not done)'}; longest task running Sidenote ${longest.toFixed(1)} ms; ${long.length} over ${LONG_TASK_MS} ms`,
    );
    for (const task of long) {
      console.log(`  ${taskLine(events, task)}`);
      for (const [name, ms] of functionsIn(profile, task.ts, task.ts + (task.dur ?? 0)).slice(0, TOP))
        console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${name}`);
    }
    // The browser's own long tasks once Sidenote has started (its style, layout and paint, such as
    // the frame after the marks' rules arrive), which run none of Sidenote's script.
    const start = Math.min(...tasks.filter(ours).map((t) => t.ts));
    const browserLong = events.filter(
      (e) =>
        e.name === 'RunTask' &&
        main.has(`${e.pid}:${e.tid}`) &&
        e.ts >= start &&
        (e.dur ?? 0) / 1000 > LONG_TASK_MS &&
        !byDriver(e) &&
        !tasks.some((t) => t === e && ours(t)),
    );
    if (browserLong.length) console.log(`  the browser's own tasks over ${LONG_TASK_MS} ms after Sidenote started:`);
    for (const task of browserLong) console.log(`    ${taskLine(events, task)}`);
    await page.close();
  }
  await context.close();
  await rm(profileDir, { recursive: true, force: true });
  await server.close();
}

await main();
