/**
 * Scores entity detection on a CoNLL-2003 split beside the project, the way the README reports it:
 * the annotator's pipeline (lines of one document detected together), types mapped person → PER,
 * place → LOC, organization → ORG and everything else → MISC, then the split's own scorer.
 *   npm run -s eval:ner                  the dev split
 *   npm run -s eval:ner -- <split dir>   another split in the same format
 * Predictions go to a temporary file; nothing of the data is kept.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detect } from '../lib/detect/index';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EVAL = path.resolve(ROOT, '../shared/eval');
const TYPE_MAP: Record<string, string> = { person: 'PER', place: 'LOC', organization: 'ORG' };

const dir = path.resolve(process.argv[2] ?? path.join(EVAL, 'conll2003-dev'));
const sentencesFile = path.join(dir, 'sentences.jsonl');
if (!existsSync(sentencesFile)) {
  console.error(`eval:ner: no ${sentencesFile}`);
  process.exit(2);
}
const rows = readFileSync(sentencesFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: number; doc?: number; text: string });
const out: string[] = [];
const started = performance.now();
for (let i = 0; i < rows.length; ) {
  let j = i + 1;
  while (j < rows.length && rows[i]!.doc !== undefined && rows[j]!.doc === rows[i]!.doc) j++;
  const starts: number[] = [];
  let text = '';
  for (const r of rows.slice(i, j)) {
    starts.push(text.length);
    text += `${r.text.replace(/\n/g, ' ')}\n`;
  }
  const d = detect(text);
  rows.slice(i, j).forEach((r, k) => {
    const from = starts[k]!;
    const to = from + r.text.length;
    const entities = d.entities
      .filter((e) => e.start >= from && e.end <= to)
      .map((e) => ({ start: e.start - from, end: e.end - from, type: TYPE_MAP[e.type] ?? 'MISC' }));
    out.push(JSON.stringify({ id: r.id, entities }));
  });
  i = j;
}
const ms = performance.now() - started;
const file = path.join(mkdtempSync(path.join(tmpdir(), 'sidenote-ner-')), 'predictions.jsonl');
writeFileSync(file, `${out.join('\n')}\n`);
console.log(`${rows.length} sentences detected in ${ms.toFixed(0)} ms`);
const args = [
  path.join(EVAL, 'eval-ner.mjs'),
  file,
  '--gold',
  path.join(dir, 'gold.jsonl'),
  '--sentences',
  sentencesFile,
];
process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
