/**
 * What the page budgets (lib/page/budgets.ts) are sized from: over the real saved pages of
 * `../shared/pages-dev/html`, each article's characters read (every block, as the page reads them),
 * its mentions (the marks drawn: entities, claims, attributions) and its distinct entity names
 * (what the load batch looks up), with the largest pages.
 *   npm run -s bench:budgets
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { detect } from '../../lib/detect/index';
import { MAX_ARTICLE_CHARS, MAX_LOOKUPS, MAX_MARKS } from '../../lib/page/budgets';
import { extractArticle } from '../../lib/sites/article';
import { articleText } from '../../lib/sites/block-offsets';
import { articleMetadata } from '../../lib/sites/metadata';

const DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'pages-dev', 'html');

interface Row {
  file: string;
  chars: number;
  marks: number;
  names: number;
}

const rows: Row[] = [];
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.html.gz'))) {
  const { document } = parseHTML(gunzipSync(readFileSync(join(DIR, file))).toString('utf8'));
  const doc = document as unknown as Document;
  const found = extractArticle(doc);
  if (!found?.isArticle) continue;
  const { text } = articleText(found.blocks);
  const d = detect(text, { referenceDate: articleMetadata(doc).publishedAt });
  rows.push({
    file: file.slice(0, 12),
    chars: text.length,
    marks: d.entities.length + d.claims.length + d.attributions.length,
    names: new Set(d.entities.map((e) => e.name)).size,
  });
}

const largest = (key: keyof Omit<Row, 'file'>, cap: number) => {
  const sorted = [...rows].sort((a, b) => b[key] - a[key]);
  const values = sorted.map((r) => r[key]);
  const median = values[Math.floor(values.length / 2)] ?? 0;
  console.log(
    `${key.padEnd(6)} largest ${sorted
      .slice(0, 5)
      .map((r) => `${r[key]} (${r.file})`)
      .join(', ')}; median ${median}; cap ${cap} (${(cap / (values[0] ?? 1)).toFixed(1)}× the largest)`,
  );
};
console.log(`${rows.length} articles of ${DIR}`);
largest('chars', MAX_ARTICLE_CHARS);
largest('marks', MAX_MARKS);
largest('names', MAX_LOOKUPS);
