/**
 * The annotator command: runs detection in Node on a file and prints JSON.
 *   npm run -s annotate -- page.html            → { title, publishedAt, publishedAtSource, publisher, text, entities, claims, attributions }
 *   npm run -s annotate -- page.html --url https://example.com/2015/03/18/story/   (the page's address, a date source too)
 *   npm run -s annotate -- notes.txt --date 2021-09-14
 * An .html page's date is the article's own (lib/sites/article-date.ts, as in the browser), and
 * `publishedAtSource` says where it was read ("byline “March 18, 2015”", "JSON-LD datePublished",
 * "address 2015-03-18", "--date", or "none"). Without a date, relative dates ("on Wednesday") are
 * left unresolved (`unresolvedDates` on a claim), never resolved against today.
 *   npm run -s annotate -- sentences.jsonl      → one line per input line: { id, entities, claims }
 * For .jsonl input, lines that share a "doc" field are detected together (as the sentences of
 * one article would be), so a later bare surname joins the full name given earlier; offsets stay
 * per line. A missing or unreadable file or an unknown extension: one line on stderr, exit code 2.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import { detect } from '../lib/detect/index';
import type { Detection } from '../lib/detect/types';
import { articleBodyText } from '../lib/sites/article';
import { articleDate } from '../lib/sites/article-date';
import { articleMetadata } from '../lib/sites/metadata';

function fail(message: string): never {
  process.stderr.write(`annotate: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { file: string; date?: string; url?: string } {
  let file: string | undefined;
  let date: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--date') {
      date = argv[++i];
      if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) fail('--date wants YYYY-MM-DD');
    } else if (a === '--url') {
      url = argv[++i];
      if (!url || !URL.canParse(url)) fail('--url wants an absolute address');
    } else if (a.startsWith('-')) fail(`unknown option ${a}`);
    else if (file) fail('one file at a time');
    else file = a;
  }
  if (!file) fail('usage: annotate <file.html|file.txt|file.jsonl> [--date YYYY-MM-DD] [--url ADDRESS]');
  return { file, ...(date ? { date } : {}), ...(url ? { url } : {}) };
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code ?? 'error'})`);
  }
}

const entityRows = (d: Detection, from: number, to: number) =>
  d.entities
    .filter((e) => e.start >= from && e.end <= to)
    .map((e) => ({ start: e.start - from, end: e.end - from, type: e.type, text: e.text }));
const claimRows = (d: Detection, from: number, to: number) =>
  d.claims
    .filter((c) => c.start >= from && c.end <= to)
    .map((c) => ({ start: c.start - from, end: c.end - from, kind: c.kind, score: c.score, text: c.text }));

function annotateJsonl(source: string, date?: string): void {
  const rows: Array<{ id: unknown; text: string; doc?: unknown }> = [];
  for (const [n, line] of source.split('\n').entries()) {
    if (!line.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      fail(`line ${n + 1}: not JSON`);
    }
    const r = row as { id?: unknown; text?: unknown; doc?: unknown };
    if (typeof r?.text !== 'string') fail(`line ${n + 1}: no "text" string`);
    rows.push({ id: r.id, text: r.text, doc: r.doc });
  }
  const out: string[] = [];
  let i = 0;
  while (i < rows.length) {
    // Consecutive lines of the same document go through detection together, one line per sentence.
    let j = i + 1;
    if (rows[i]!.doc !== undefined) while (j < rows.length && rows[j]!.doc === rows[i]!.doc) j++;
    const group = rows.slice(i, j);
    const starts: number[] = [];
    let text = '';
    for (const r of group) {
      starts.push(text.length);
      text += `${r.text.replace(/\n/g, ' ')}\n`;
    }
    const d = detect(text, date ? { referenceDate: date } : {});
    group.forEach((r, k) => {
      const from = starts[k]!;
      const to = from + r.text.length;
      out.push(JSON.stringify({ id: r.id, entities: entityRows(d, from, to), claims: claimRows(d, from, to) }));
    });
    i = j;
  }
  process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
}

function main(): void {
  const { file, date, url } = parseArgs(process.argv.slice(2));
  const ext = extname(file).toLowerCase();
  if (!['.html', '.htm', '.txt', '.jsonl'].includes(ext))
    fail(`unknown extension "${ext || '(none)'}" (want .html, .txt or .jsonl)`);
  const source = read(file);
  if (ext === '.jsonl') {
    annotateJsonl(source, date);
    return;
  }
  if (ext === '.txt') {
    const d = detect(source, date ? { referenceDate: date } : {});
    process.stdout.write(`${JSON.stringify({ text: source, ...d }, null, 2)}\n`);
    return;
  }
  const { document } = parseHTML(source);
  const doc = document as unknown as Document;
  const meta = articleMetadata(doc);
  const own = articleDate(doc, url);
  const published = date ?? own.date;
  const text = articleBodyText(doc);
  const d = detect(text, published ? { referenceDate: published } : {});
  const result = {
    title: meta.title ?? null,
    publishedAt: published ?? null,
    publishedAtSource: date ? '--date' : (own.detail ?? own.source),
    publisher: meta.publisher ?? null,
    text,
    ...d,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main();
