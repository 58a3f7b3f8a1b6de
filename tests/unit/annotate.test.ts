/** The annotator command, spawned as a user runs it: output shapes, offsets, and clear failures. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = path.join(ROOT, 'scripts/annotate.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'sidenote-annotate-'));

function run(...args: string[]) {
  const r = spawnSync(TSX, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Span {
  start: number;
  end: number;
  text: string;
}

describe('annotate command', { timeout: 60_000 }, () => {
  it('extracts an .html article with its metadata, and offsets index into its text', () => {
    const r = run(path.join(ROOT, 'tests/fixtures/putin-assad-memo.html'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      title: string;
      publishedAt: string;
      publisher: { name: string };
      text: string;
      entities: Array<Span & { type: string }>;
      claims: Array<Span & { kind: string }>;
    };
    expect(out.title).toBe('Putin and Assad condemn foreign military presence in Syria');
    expect(out.publishedAt).toBe('2021-09-14');
    expect(out.publisher.name).toBe('Middle East Monitor');
    expect(out.text).toContain('controls 90 per cent of the territory');
    expect(out.text).not.toContain('<');
    expect(out.entities.length).toBeGreaterThan(10);
    for (const e of [...out.entities, ...out.claims]) expect(out.text.slice(e.start, e.end)).toBe(e.text);
  });

  it('dates an .html page from its byline or address, says where, and resolves nothing from today without one', () => {
    const story = (byline: string) =>
      `<!doctype html><html lang="en"><head><title>Gunmen attack museum</title></head><body><article>
       <h1>Gunmen attack museum</h1>${byline}
       <p>Gunmen opened fire on visitors at the Bardo museum in Tunis on Wednesday, killing 19 people, officials said. The attack was the deadliest in the country in years, and the government closed the museum.</p>
       <p>Security forces killed two attackers and the prime minister said the search for others went on through the night, according to a statement.</p>
       </article></body></html>`;
    const dated = path.join(dir, 'dated.html');
    writeFileSync(dated, story('<p class="byline">By Jane Roe, March 18, 2015</p>'));
    const withByline = JSON.parse(run(dated).out) as {
      publishedAt: string;
      publishedAtSource: string;
      claims: Array<{ text: string; dates: Array<{ value: string }>; unresolvedDates?: Array<{ text: string }> }>;
    };
    expect(withByline.publishedAt).toBe('2015-03-18');
    expect(withByline.publishedAtSource).toMatch(/^byline “By Jane Roe, March 18, 2015/);
    const fire = (c: { text: string }) => c.text.includes('opened fire');
    expect(withByline.claims.find(fire)?.dates.map((d) => d.value)).toEqual(['2015-03-18']);

    const undated = path.join(dir, 'undated.html');
    writeFileSync(undated, story('<p class="byline">By Jane Roe</p>'));
    const fromAddress = JSON.parse(run(undated, '--url', 'https://news.example/world/2015/03/18/museum/').out) as {
      publishedAt: string;
      publishedAtSource: string;
    };
    expect(fromAddress).toMatchObject({ publishedAt: '2015-03-18', publishedAtSource: 'address 2015-03-18' });

    const none = JSON.parse(run(undated).out) as typeof withByline;
    expect(none.publishedAt).toBeNull();
    expect(none.publishedAtSource).toBe('none');
    expect(none.claims.find(fire)?.dates).toEqual([]);
    expect(none.claims.find(fire)?.unresolvedDates?.map((d) => d.text)).toEqual(['on Wednesday']);
  });

  it('takes a .txt file as it is, with --date as the reference date', () => {
    const file = path.join(dir, 'note.txt');
    writeFileSync(file, 'The Ministry of Finance said exports rose 12 percent last year.');
    const out = JSON.parse(run(file, '--date', '2019-03-01').out) as {
      claims: Array<{ dates: Array<{ value: string }> }>;
    };
    expect(out.claims[0]!.dates.map((d) => d.value)).toEqual(['2018']);
  });

  it('answers a .jsonl file line for line, in the evaluation shape', () => {
    const file = path.join(dir, 'lines.jsonl');
    writeFileSync(
      file,
      [
        { id: 7, doc: 1, text: 'Maria Lopez won the race in Lima .' },
        { id: 8, doc: 1, text: 'Lopez finished in 2 hours 3 minutes .' },
        { id: 9, text: 'Thank you .' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const r = run(file);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual([7, 8, 9]);
    for (const l of lines) expect(Object.keys(l)).toEqual(['id', 'entities', 'claims']);
    expect(lines[0].entities).toContainEqual({ start: 0, end: 11, type: 'person', text: 'Maria Lopez' });
    expect(lines[0].entities).toContainEqual({ start: 28, end: 32, type: 'place', text: 'Lima' });
    // The second line's bare surname joins the first line's full name: same document.
    expect(lines[1].entities).toContainEqual({ start: 0, end: 5, type: 'person', text: 'Lopez' });
    expect(lines[2]).toEqual({ id: 9, entities: [], claims: [] });
  });

  it('fails with one line and exit code 2 on a missing file, an unreadable file, or an unknown extension', () => {
    const unreadable = path.join(dir, 'folder.txt');
    mkdirSync(unreadable, { recursive: true });
    const other = path.join(dir, 'data.csv');
    writeFileSync(other, 'a,b');
    for (const args of [[path.join(dir, 'missing.html')], [unreadable], [other], []]) {
      const r = run(...args);
      expect(r.code, `args ${args}`).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^annotate: /);
    }
  });

  it('rejects a malformed .jsonl line with a clear message', () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":1,"text":"ok"}\nnot json\n');
    const r = run(file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 2');
  });
});
