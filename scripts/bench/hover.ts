/**
 * What pointing costs on a page with thousands of marks: the generated 100,000-word page in headless
 * Chromium with the built extension (a build with the timeline on, see lib/timeline.ts), the
 * pointer swept over its text, and for each frame's hit test the time Sidenote's own index took
 * (the `sidenote-hit` measures), side by side with the browser's `highlightsFromPoint` at the
 * same points, from the page, over the same registry.
 *
 *     SIDENOTE_TIMING=1 npm run build:chrome && npm run -s bench:hover
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../tests/e2e/server';
import { longArticleHtml } from '../../tests/fixtures/long-article';
import { launchBench, servePages } from './harness';

const EXT = resolve(process.env.BENCH_EXT ?? '.output/chrome-mv3');
/** Pointer positions per screen, and screens swept down the page. */
const MOVES = Number(process.env.BENCH_MOVES ?? 60);
const SCREENS = Number(process.env.BENCH_SCREENS ?? 8);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
};

async function main(): Promise<void> {
  const server = await startServer();
  const html = longArticleHtml(100_000);
  servePages(server, new Map([['/long.html', html]]));
  const profile = await mkdtemp(join(tmpdir(), 'sidenote-hover-'));
  const context = await launchBench(profile, { ext: EXT });
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/long.html`);
    await page.waitForFunction(
      () => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') === 'done',
      undefined,
      { timeout: 180_000 },
    );
    await sleep(1000);
    const ranges = await page.evaluate(() => {
      let n = 0;
      (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.forEach((h, name) => {
        if (name.startsWith('sidenote-')) n += h.size;
      });
      return n;
    });
    const own: number[] = [];
    const browser: number[] = [];
    for (let screen = 0; screen < SCREENS; screen++) {
      await page.evaluate((y) => window.scrollTo(0, y), screen * 3000);
      await sleep(200);
      await page.evaluate(() => performance.clearMeasures('sidenote-hit'));
      const points: [number, number][] = [];
      for (let i = 0; i < MOVES; i++) points.push([120 + ((i * 37) % 600), 60 + ((i * 53) % 780)]);
      for (const [x, y] of points) {
        await page.mouse.move(x, y);
        // One frame each: the hit test runs in the frame after the move.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
      }
      own.push(...(await page.evaluate(() => performance.getEntriesByName('sidenote-hit').map((m) => m.duration))));
      browser.push(
        ...(await page.evaluate((pts) => {
          const registry = (CSS as unknown as { highlights: { highlightsFromPoint(x: number, y: number): unknown[] } })
            .highlights;
          const out: number[] = [];
          for (const [x, y] of pts) {
            const began = performance.now();
            registry.highlightsFromPoint(x, y);
            out.push(performance.now() - began);
          }
          return out;
        }, points)),
      );
    }
    if (!own.length) throw new Error('No sidenote-hit measures: build with SIDENOTE_TIMING=1');
    const row = (label: string, xs: number[]) =>
      `| ${label.padEnd(40)} | ${pct(xs, 0.5).toFixed(3)} ms | ${pct(xs, 0.95).toFixed(3)} ms | ${Math.max(...xs).toFixed(3)} ms | ${xs.length} |`;
    console.log(`100,000-word page, ${ranges} ranges in Sidenote's highlights, pointer moved ${own.length} times`);
    console.log('| hit test per frame                        | median | p95 | worst | tests |');
    console.log('| ---------------------------------------- | ------ | --- | ----- | ----- |');
    console.log(row("Sidenote's index (the block's marks)", own));
    console.log(row('highlightsFromPoint (reference)', browser));
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await server.close();
  }
}

await main();
