/**
 * How much of a real article is underlined: over the saved pages in ../shared/pages-dev (English
 * ones, by the page's own language test), runs the page's annotator (the same article finder,
 * detection, chunking and line selection as the content script) in Node on linkedom, and prints
 * per page and as medians:
 *   - names: underlined entity stretches per 100 words of the article;
 *   - claims: the share of the article's sentences under a claim line;
 * before (every mention, all claims) and after (the defaults: first mention, key claims).
 *
 *   npm run -s bench:marks            # the table
 *   npm run -s bench:marks -- --pages # and one line per page
 *   npm run -s bench:marks -- --sweep # and the medians under other limits, beside the defaults
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Annotator } from '../lib/annotate/annotator';
import { MemoryHighlights } from '../lib/annotate/highlights';
import {
  DEFAULT_LINE_LIMITS,
  type LineChoice,
  type LineInput,
  type LineLimits,
  lineStats,
  selectLines,
} from '../lib/annotate/select-marks';
import { detect } from '../lib/detect/index';
import { articleBodyText } from '../lib/sites/article';
import { articleDate } from '../lib/sites/article-date';
import { pageLanguage, readsLanguage } from '../lib/sites/language';

const DIR = join(import.meta.dirname, '..', '..', 'shared', 'pages-dev', 'html');
const BEFORE: LineChoice = { claims: 'all', names: 'every' };
const AFTER: LineChoice = { claims: 'key', names: 'first' };
/** The targets for the median page. */
const TARGET_NAMES_PER_100 = 3;
const TARGET_CLAIM_SHARE = 0.25;

interface Row {
  key: string;
  words: number;
  sentences: number;
  namesBefore: number;
  namesAfter: number;
  claimsBefore: number;
  claimsAfter: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Page {
  key: string;
  words: number;
  inputs: LineInput[];
}

/** A page's figures under `limits`: before (every mention, all claims) and after (the defaults). */
function rowOf(page: Page, limits: LineLimits): Row {
  const row: Row = {
    key: page.key,
    words: page.words,
    sentences: 0,
    namesBefore: 0,
    namesAfter: 0,
    claimsBefore: 0,
    claimsAfter: 0,
  };
  for (const input of page.inputs) {
    const before = lineStats(input, selectLines({ ...input, choice: BEFORE }, limits));
    const after = lineStats(input, selectLines({ ...input, choice: AFTER }, limits));
    row.sentences += input.sentences;
    row.namesBefore += before.entityLines;
    row.namesAfter += after.entityLines;
    row.claimsBefore += before.claimSentences;
    row.claimsAfter += after.claimSentences;
  }
  return row;
}

async function measure(key: string, html: string): Promise<Page | { key: string; skipped: string }> {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const language = pageLanguage(doc);
  if (!readsLanguage(language.code)) return { key, skipped: `${language.name} (${language.source})` };
  const highlights = new MemoryHighlights();
  const annotator = new Annotator(doc, {
    highlights,
    detect,
    referenceDate: articleDate(doc).date,
    kinds: { entities: true, claims: true, source: true },
    lines: AFTER,
  });
  await annotator.start();
  const words = articleBodyText(doc).match(/\S+/g)?.length ?? 0;
  if (!annotator.root || words < 50) return { key, skipped: 'no article text' };
  const page: Page = { key, words, inputs: annotator.lineInputs() };
  const totals = rowOf(page, DEFAULT_LINE_LIMITS);
  // What the page shows agrees with the selection: names drawn with a line are those in `sidenote-entity`.
  const shown = highlights.registered.get('sidenote-entity')?.size ?? 0;
  if (shown !== totals.namesAfter)
    throw new Error(`${key}: ${shown} entity marks show a line, the selection says ${totals.namesAfter}`);
  annotator.stop();
  return page;
}

async function main(): Promise<void> {
  if (!existsSync(DIR)) {
    console.log(`bench:marks: skipped, no saved pages at ${DIR} (../shared/pages-dev is kept beside the project)`);
    return;
  }
  const perPage = process.argv.includes('--pages');
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.html.gz'))
    .sort();
  const pages: Page[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const key = file.replace(/\.html\.gz$/, '');
    const result = await measure(key, gunzipSync(readFileSync(join(DIR, file))).toString('utf8'));
    if ('skipped' in result) {
      skipped.push(`${key.slice(0, 12)} ${result.skipped}`);
      continue;
    }
    pages.push(result);
  }
  const rows = pages.map((page) => rowOf(page, DEFAULT_LINE_LIMITS));
  const per100 = (n: number, r: Row) => (100 * n) / r.words;
  const share = (n: number, r: Row) => n / Math.max(1, r.sentences);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  if (perPage) {
    console.log('page          words  sentences  names/100w before→after  claim lines before→after');
    for (const r of rows)
      console.log(
        `${r.key.slice(0, 12)}  ${String(r.words).padStart(5)}  ${String(r.sentences).padStart(9)}  ` +
          `${per100(r.namesBefore, r).toFixed(2).padStart(6)} → ${per100(r.namesAfter, r).toFixed(2).padEnd(13)}` +
          `${pct(share(r.claimsBefore, r)).padStart(5)} → ${pct(share(r.claimsAfter, r))}`,
      );
    console.log('');
  }
  const m = (f: (r: Row) => number, of = rows) => median(of.map(f));
  const over = (f: (r: Row) => number, limit: number) => rows.filter((r) => f(r) > limit).length;
  const namesAfter = (r: Row) => per100(r.namesAfter, r);
  const claimsAfter = (r: Row) => share(r.claimsAfter, r);
  console.log(`${rows.length} English article pages (${skipped.length} skipped: ${skipped.join('; ') || 'none'})`);
  console.log('');
  console.log(
    '| median over the pages                      | before (every mention, all claims) | after (defaults) | target |',
  );
  console.log(
    '| ------------------------------------------ | ---------------------------------- | ---------------- | ------ |',
  );
  console.log(
    `| underlined entity stretches per 100 words  | ${m((r) => per100(r.namesBefore, r))
      .toFixed(2)
      .padEnd(34)} | ${m(namesAfter).toFixed(2).padEnd(16)} | ≤ ${TARGET_NAMES_PER_100}    |`,
  );
  console.log(
    `| sentences under a claim line               | ${pct(m((r) => share(r.claimsBefore, r))).padEnd(34)} | ${pct(m(claimsAfter)).padEnd(16)} | ≤ ${pct(TARGET_CLAIM_SHARE)}  |`,
  );
  console.log('');
  console.log(
    `pages above target after: names ${over(namesAfter, TARGET_NAMES_PER_100)} of ${rows.length}, claims ${over(claimsAfter, TARGET_CLAIM_SHARE)} of ${rows.length}`,
  );
  if (!process.argv.includes('--sweep')) return;
  console.log('');
  console.log('medians after, under other limits (defaults first):');
  const variants: [string, Partial<LineLimits>][] = [
    ['defaults', {}],
    ['no name budget', { namesPer100Words: Number.POSITIVE_INFINITY }],
    ['names 3 / 100 words', { namesPer100Words: 3 }],
    ['min names 12', { minNames: 12 }],
    ['min names 28', { minNames: 28 }],
    ['no section repeat', { sectionChars: Number.POSITIVE_INFINITY }],
    ['key claim score 0.5', { keyClaimScore: 0.5 }],
    ['key claim score 0.7', { keyClaimScore: 0.7 }],
    ['no lower cut for dated', { keyDatedClaimScore: 1 }],
    ['dated claim score 0.5', { keyDatedClaimScore: 0.5 }],
    ['min claim sentences 6', { minClaimSentences: 6 }],
    ['min claim sentences 14', { minClaimSentences: 14 }],
  ];
  for (const [name, change] of variants) {
    const of = pages.map((page) => rowOf(page, { ...DEFAULT_LINE_LIMITS, ...change }));
    console.log(
      `  ${name.padEnd(24)} names/100w ${m(namesAfter, of).toFixed(2)}  claim lines ${pct(m(claimsAfter, of))}`,
    );
  }
}

await main();
