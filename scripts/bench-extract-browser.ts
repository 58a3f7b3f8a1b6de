/**
 * The article finder's one synchronous task, timed in headless Chromium: `findArticle` bundled on
 * its own, run once on a fresh page (cold, as the content script meets it) on the generated
 * 100,000-word page and on each page of `../shared/pages-dev` (scripts stripped, so the page's own
 * code neither runs nor competes). Prints the median and the worst beside the 16 ms budget.
 *
 *   npm run bench:extract:browser
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
    return page.evaluate(() => {
      const find = (globalThis as unknown as { __find: (d: Document) => unknown }).__find;
      const t0 = performance.now();
      find(document);
      return performance.now() - t0;
    });
  };
  const long = await time(longArticleHtml(100_000));
  const rows: { file: string; ms: number }[] = [];
  if (existsSync(DIR)) {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.html.gz')))
      rows.push({ file, ms: await time(gunzipSync(readFileSync(join(DIR, file))).toString('utf8')) });
  }
  await browser.close();
  console.log(`findArticle in headless Chromium, one cold run per page (budget ${TASK_BUDGET_MS} ms a task):`);
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
