/**
 * The article's own date on real pages: over the saved pages in ../shared/pages-dev (English
 * articles, by the page's own language test and article finder), reads each page's date with
 * `articleDate` (lib/sites/article-date.ts) and with the first version's metadata reader
 * (`articleMetadata(doc).publishedAt`), and compares both with the day each page was published,
 * as labelled by hand (scripts/bench/article-dates.json: one day, or null when the page gives
 * none, per page key; the labels are ours, the pages stay where they are).
 *
 *   npm run -s bench:dates            # the counts
 *   npm run -s bench:dates -- --claims # and the claim dates in the reader's year, before and now (detects every page)
 *   npm run -s bench:dates -- --pages # and one line per page: label, found, source, candidates
 *
 * Right means within a day of the label (time zones move a day across midnight). It also counts
 * claim dates in the reader's own year (these pages are from 2014 to 2019, so such a date was
 * computed from today), detecting each page as the page and the annotator do: before with the
 * metadata reader's date (and today without one), now with `articleDate`'s.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { detect } from '../lib/detect/index';
import { articleBodyText } from '../lib/sites/article';
import { articleDate, articleDateCandidates } from '../lib/sites/article-date';
import { pageLanguage, readsLanguage } from '../lib/sites/language';
import { articleMetadata } from '../lib/sites/metadata';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'pages-dev');
const LABELS = join(import.meta.dirname, 'bench', 'article-dates.json');

const dayNumber = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / 86_400_000;
const near = (a: string | undefined, b: string) => a !== undefined && Math.abs(dayNumber(a) - dayNumber(b)) <= 1;

/**
 * What the first version did without a date: every relative date in a claim resolved against
 * today. Detection now leaves exactly those unresolved without a reference date, so they are counted.
 */
function relativeResolvedFromToday(text: string): number {
  return detect(text).claims.reduce((n, c) => n + (c.unresolvedDates?.length ?? 0), 0);
}

function main(): void {
  const dir = join(CORPUS, 'html');
  if (!existsSync(dir)) {
    console.log(`bench:dates: skipped, no saved pages at ${dir} (../shared/pages-dev is kept beside the project)`);
    return;
  }
  const truth = JSON.parse(readFileSync(join(CORPUS, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
  const labels: Record<string, string | null> = existsSync(LABELS) ? JSON.parse(readFileSync(LABELS, 'utf8')) : {};
  const perPage = process.argv.includes('--pages');
  const counts = { pages: 0, labelled: 0, dated: 0, right: 0, wrong: 0, missed: 0, oldRight: 0, invented: 0 };
  const fromToday = { before: 0, beforePages: 0, now: 0, nowPages: 0 };
  const thisYear = String(new Date().getUTCFullYear());
  const inThisYear = (d: ReturnType<typeof detect>) =>
    d.claims.reduce((n, c) => n + c.dates.filter((x) => x.value.startsWith(thisYear)).length, 0);
  const bySource = new Map<string, number>();
  const problems: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.html.gz')) continue;
    const key = file.replace(/\.html\.gz$/, '');
    const { document } = parseHTML(gunzipSync(readFileSync(join(dir, file))).toString('utf8'));
    const doc = document as unknown as Document;
    if (!readsLanguage(pageLanguage(doc).code)) continue;
    if ((articleBodyText(doc).match(/\S+/g)?.length ?? 0) < 50) continue;
    counts.pages++;
    const url = truth[key]?.url;
    const found = articleDate(doc, url);
    const old = articleMetadata(doc).publishedAt;
    bySource.set(found.source, (bySource.get(found.source) ?? 0) + 1);
    if (perPage || process.argv.includes('--claims')) {
      const text = articleBodyText(doc);
      const before = old ? inThisYear(detect(text, { referenceDate: old })) : relativeResolvedFromToday(text);
      const now = inThisYear(detect(text, found.date ? { referenceDate: found.date } : {}));
      fromToday.before += before;
      fromToday.beforePages += before ? 1 : 0;
      fromToday.now += now;
      fromToday.nowPages += now ? 1 : 0;
    }
    const label = labels[key];
    let verdict = 'unlabelled';
    if (label !== undefined) {
      counts.labelled++;
      if (label === null) {
        verdict = found.date ? 'dated, page has none' : 'right (none)';
        if (found.date) counts.invented++;
      } else {
        counts.dated++;
        if (near(old, label)) counts.oldRight++;
        if (near(found.date, label)) {
          counts.right++;
          verdict = 'right';
        } else if (found.date) {
          counts.wrong++;
          verdict = 'WRONG';
        } else {
          counts.missed++;
          verdict = 'MISSED';
        }
      }
    }
    const line = `${key.slice(0, 12)} ${verdict.padEnd(12)} label ${label ?? '-'} found ${found.date ?? '-'} (${found.detail ?? found.source}) old ${old ?? '-'} ${url ?? ''}`;
    if (verdict === 'WRONG' || verdict === 'MISSED' || verdict.startsWith('dated,')) problems.push(line);
    if (perPage) {
      console.log(line);
      for (const c of articleDateCandidates(doc, url))
        console.log(`    ${c.modified ? 'modified ' : ''}${c.day} ${c.family}/${c.weight} ${c.detail}`);
    }
  }
  console.log(`English article pages: ${counts.pages}, labelled ${counts.labelled} (${counts.dated} with a date)`);
  console.log(
    `article date within a day of the label: ${counts.right}/${counts.dated} (first version's metadata reader: ${counts.oldRight}/${counts.dated}); wrong ${counts.wrong}, none found ${counts.missed}; a date given to a page without one: ${counts.invented}`,
  );
  console.log(`sources: ${[...bySource].map(([s, n]) => `${s} ${n}`).join(', ')}`);
  if (perPage || process.argv.includes('--claims'))
    console.log(
      `claim dates in the reader's year (${thisYear}): first version ${fromToday.before} on ${fromToday.beforePages} pages, now ${fromToday.now} on ${fromToday.nowPages}`,
    );
  if (problems.length) console.log(`\n${problems.join('\n')}`);
}

main();
