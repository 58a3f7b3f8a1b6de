/**
 * The article finder's one synchronous task, timed in headless Chromium: `findArticle` bundled on
 * its own, run once in a task of its own on a fresh page (cold, as the content script meets it) on
 * the generated 100,000-word page and on each page of `../shared/pages-dev` (scripts stripped, so
 * the page's own code neither runs nor competes). The time is the task's thread time from a CDP
 * trace (what the main thread spent, steady on a machine shared with other work), beside the wall
 * clock. Prints the median and the worst beside the 16 ms budget.
 *
 *   npm run bench:extract:browser                 # the 100,000-word page and the corpus
 *   npm run bench:extract:browser -- --long-only   # the 100,000-word page alone, three runs
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { longArticleHtml } from '../tests/fixtures/long-article';

const DIR = join(import.meta.dirname, '..', '..', 'shared', 'pages-dev', 'html');
const TASK_BUDGET_MS = 16;

const SCRIPT = /<script\b[\s\S]*?<\/script\s*>/gi;

async function main(): Promise<void> {
  const bundle = await build({
    stdin: {
      contents: "import { findArticle } from './lib/sites/article'; (globalThis as any).__find = findArticle;",
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
  const time = async (html: string): Promise<number> => {
    await page.setContent(html.replace(SCRIPT, ''), { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: code });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.evaluate(
      () =>
        new Promise<void>((done) =>
          setTimeout(() => {
            (globalThis as unknown as { __find: (d: Document) => unknown }).__find(document);
            done();
          }, 0),
        ),
    );
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
      traceEvents: { name: string; tdur?: number; args?: { data?: { timerId?: number } } }[];
    };
    // The timer's task is the finder's: its thread time, in µs.
    const fired = trace.traceEvents.filter((e) => e.name === 'TimerFire' && e.tdur !== undefined);
    return Math.max(0, ...fired.map((e) => (e.tdur ?? 0) / 1000));
  };
  const longOnly = process.argv.includes('--long-only');
  const long = await time(longArticleHtml(100_000));
  if (longOnly) {
    const more = [await time(longArticleHtml(100_000)), await time(longArticleHtml(100_000))];
    await browser.close();
    console.log(
      `findArticle on the 100,000-word page, main-thread time: ${[long, ...more].map((ms) => ms.toFixed(1)).join(', ')} ms`,
    );
    return;
  }
  const rows: { file: string; ms: number }[] = [];
  if (existsSync(DIR)) {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.html.gz')))
      rows.push({ file, ms: await time(gunzipSync(readFileSync(join(DIR, file))).toString('utf8')) });
  }
  await browser.close();
  console.log(
    `findArticle in headless Chromium, one cold run per page, main-thread time of its task (budget ${TASK_BUDGET_MS} ms):`,
  );
  console.log(`  100,000-word page: ${long.toFixed(1)} ms`);
  if (!rows.length) {
    console.log(`  corpus pages skipped: ${DIR} is not there`);
    return;
  }
  rows.sort((a, b) => b.ms - a.ms);
  const median = rows[Math.floor(rows.length / 2)]!.ms;
  console.log(`  ${rows.length} corpus pages: median ${median.toFixed(1)} ms, worst ${rows[0]!.ms.toFixed(1)} ms`);
  console.log(`  over budget: ${rows.filter((r) => r.ms > TASK_BUDGET_MS).length}`);
  for (const r of rows.slice(0, 5)) console.log(`    ${r.ms.toFixed(1)} ms  ${r.file.slice(0, 12)}`);
}

await main();
