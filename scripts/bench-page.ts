/**
 * What the content script costs a page, in headless Chromium with the built extension:
 * for the seed article and a generated 100,000-word page, the time from the page's load event
 * to all marks placed, the longest main-thread task once the page has parsed (from a CDP trace,
 * and the Long Tasks API as a cross-check), and the content script's size gzipped.
 *
 *     npm run build:chrome && npm run bench:page
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/server';
import { longArticleHtml } from '../tests/fixtures/long-article';

const EXT = resolve('.output/chrome-mv3');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

async function main(): Promise<void> {
  const script = readFileSync(join(EXT, 'content-scripts/content.js'));
  const server = await startServer();
  const long = longArticleHtml(100_000);
  server.addRoute((_req, res, url) => {
    if (url.pathname !== '/long.html') return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(long);
    return true;
  });
  const profile = await mkdtemp(join(tmpdir(), 'sidenote-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      `--disable-extensions-except=${EXT}`,
      `--load-extension=${EXT}`,
    ],
  });
  if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker', { timeout: 15_000 });
  // Before any page script: note when the page parsed, when marks were all placed, and long tasks.
  await context.addInitScript(() => {
    const w = window as unknown as { __bench: { done?: number; longest: number; longTasks: number } };
    w.__bench = { longest: 0, longTasks: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.startTime < performance.timing.domContentLoadedEventEnd - performance.timeOrigin) continue;
        w.__bench.longTasks += 1;
        w.__bench.longest = Math.max(w.__bench.longest, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      const host = document.querySelector('sidenote-root');
      if (host?.getAttribute('data-sidenote-state') === 'done' && w.__bench.done === undefined)
        w.__bench.done = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-sidenote-state'] });
  });

  const rows: string[] = [];
  for (const [label, path] of [
    ['seed article', '/putin-assad-memo.html'],
    ['100,000-word page', '/long.html'],
  ] as const) {
    const loadToMarks: number[] = [];
    const longest: number[] = [];
    const longestApi: number[] = [];
    const evaluation: number[] = [];
    const detects: number[] = [];
    const markSlices: number[] = [];
    let runs = 0;
    let marks = 0;
    for (let run = 0; run < RUNS; run++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => {
        for (const ev of e.value as unknown as TraceEvent[])
          if ((ev.name === 'RunTask' && ev.ph === 'X') || ev.name === 'thread_name' || ev.name === 'EvaluateScript')
            events.push(ev);
      });
      await cdp.send('Tracing.start', {
        categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline',
        transferMode: 'ReportEvents',
      });
      await page.goto(`${server.origin}${path}`, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => (window as unknown as { __bench: { done?: number } }).__bench.done, null, {
        timeout: 120_000,
        polling: 100,
      });
      const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
      await cdp.send('Tracing.end');
      await complete;
      const result = await page.evaluate(() => {
        const b = (window as unknown as { __bench: { done: number; longest: number } }).__bench;
        // Load event, or the end of parsing when the marks were done before the load event ended.
        const load = Math.min(
          performance.timing.loadEventEnd - performance.timeOrigin,
          performance.timing.domContentLoadedEventEnd - performance.timeOrigin,
        );
        // (No named helpers in here: tsx would wrap them in a function the page does not have.)
        const measures = performance.getEntriesByType('measure');
        const detects = measures.filter((m) => m.name === 'sidenote-detect').map((m) => m.duration);
        const marks = measures.filter((m) => m.name === 'sidenote-mark').map((m) => m.duration);
        return {
          detect: Math.max(0, ...detects),
          mark: Math.max(0, ...marks),
          detectRuns: detects.length,
          loadToMarks: b.done - load,
          longestApi: b.longest,
          marks: document.querySelectorAll('sidenote-mark').length,
        };
      });
      const renderers = new Set(
        events
          .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
          .map((e) => `${e.pid}:${e.tid}`),
      );
      const evaluate = events.filter((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.includes('content.js'));
      // From the content script's start: what the page's main thread did while Sidenote worked.
      const from = Math.min(...evaluate.map((e) => e.ts));
      const tasks = events.filter(
        (e) => e.name === 'RunTask' && renderers.has(`${e.pid}:${e.tid}`) && e.ts >= from - 1000,
      );
      longest.push(Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)));
      evaluation.push(Math.max(0, ...evaluate.map((e) => (e.dur ?? 0) / 1000)));
      detects.push(result.detect);
      markSlices.push(result.mark);
      runs = result.detectRuns;
      loadToMarks.push(result.loadToMarks);
      longestApi.push(result.longestApi);
      marks = result.marks;
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const worst = (xs: number[]) =>
      Math.max(...xs)
        .toFixed(1)
        .padStart(6);
    rows.push(
      `${label.padEnd(18)} marks ${String(marks).padStart(6)} | load→all marks ${median(loadToMarks).toFixed(0).padStart(5)} ms` +
        ` | longest detection run ${worst(detects)} ms (${runs} runs), marking slice ${worst(markSlices)} ms` +
        ` | script evaluation ${worst(evaluation)} ms | longest main-thread task from then on ${worst(longest)} ms` +
        ` (any cause; Long Tasks API ${Math.max(...longestApi).toFixed(0)} ms)`,
    );
  }
  await context.close();
  await rm(profile, { recursive: true, force: true });
  await server.close();
  console.log(`Sidenote content script, headless Chromium, median of ${RUNS} runs (longest task: worst run)`);
  for (const row of rows) console.log(row);
  console.log(
    `content script: ${(script.length / 1024).toFixed(1)} kB, ${(gzipSync(script, { level: 9 }).length / 1024).toFixed(1)} kB gzipped`,
  );
}

await main();
