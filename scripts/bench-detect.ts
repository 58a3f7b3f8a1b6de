/**
 * Benchmark: Sidenote's detector against compromise on the same corpus, in one process, and the
 * gzipped size of what detection adds to the content script.
 *   npm run bench:detect
 * Corpus: the seed page's article text, text generated here from templates, and, when they are
 * present beside the project, the development sets in ../shared/eval (read, never copied).
 * Figures are printed, never asserted: timing depends on the machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import nlp from 'compromise';
import { parseHTML } from 'linkedom';
import * as GAZETTEER from '../lib/detect/data/gazetteer.generated';
import { detect } from '../lib/detect/index';
import { CLAIM_MODEL } from '../lib/detect/models/claims.generated';
import { decodeWeights, loadClaimWeights } from '../lib/detect/models/codec';
import { ENTITY_WEIGHTS } from '../lib/detect/models/entities.generated';
import { articleBodyText } from '../lib/sites/article';
import { bundleCode } from './bench/bundle';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function seedText(): string {
  const { document } = parseHTML(readFileSync(path.join(ROOT, 'tests/fixtures/putin-assad-memo.html'), 'utf8'));
  return articleBodyText(document as unknown as Document);
}

interface Fill {
  p: string;
  q: string;
  o: string;
}

/** News-like paragraphs from templates, so the bench runs without any outside data. */
function generatedText(paragraphs: number): string {
  const people = ['Maria Lopez', 'John Hartley', 'Ahmed Karimi', 'Li Wen', 'Sofia Petrova', 'David Okafor'];
  const places = ['Brazil', 'Nairobi', 'Canada', 'Jakarta', 'Poland', 'Lima', 'Egypt', 'Osaka'];
  const orgs = [
    'Central Bank',
    'Ministry of Health',
    'National Grid Group',
    'Harbour University',
    'WHO',
    'Alpine Motors Inc',
  ];
  const templates = [
    (x: Fill) => `Finance Minister ${x.p} said on Tuesday that inflation in ${x.q} fell to 4.2 percent last month.`,
    (x: Fill) =>
      `The ${x.o} announced it would cut 1,200 jobs in ${x.q} by the end of next year, according to a company statement.`,
    (x: Fill) =>
      `"We will not accept these terms," ${x.p} told reporters in ${x.q}, adding that talks with the ${x.o} had stalled.`,
    (x: Fill) =>
      `Protesters gathered outside the offices of ${x.o} in ${x.q} on Friday, and police said 35 people were detained.`,
    (x: Fill) => `I think ${x.p} is the better candidate, and we should give the plan more time.`,
    (x: Fill) =>
      `The election in ${x.q} in March was described as fraudulent by observers, but ${x.o} denied any wrongdoing.`,
  ];
  let out = '';
  for (let i = 0; i < paragraphs; i++) {
    const sentences: string[] = [];
    for (let k = 0; k < 4; k++) {
      const t = templates[(i + k) % templates.length]!;
      sentences.push(
        t({
          p: people[(i * 3 + k) % people.length]!,
          q: places[(i * 5 + k) % places.length]!,
          o: orgs[(i + 2 * k) % orgs.length]!,
        }),
      );
    }
    out += `${sentences.join(' ')}\n\n`;
  }
  return out;
}

function evalTexts(): string[] {
  const out: string[] = [];
  const conll = path.resolve(ROOT, '../shared/eval/conll2003-dev/sentences.jsonl');
  const checkworthy = path.resolve(ROOT, '../shared/eval/checkworthy-dev/dev.jsonl');
  for (const file of [conll, checkworthy]) {
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    // Sentences in groups of 40 lines, like paragraphs of an article.
    for (let i = 0; i < lines.length; i += 40) {
      out.push(
        lines
          .slice(i, i + 40)
          .map((l) => (JSON.parse(l) as { text: string }).text)
          .join('\n'),
      );
    }
  }
  return out;
}

async function bundleSize(): Promise<{ raw: number; gzip: number }> {
  const code = await bundleCode(
    { entry: path.join(ROOT, 'lib/detect/index.ts'), formats: ['es'], fileName: 'detect' },
    true,
  );
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

async function main(): Promise<void> {
  const docs = [seedText(), generatedText(60), ...evalTexts()];
  const words = docs.reduce((n, d) => n + d.split(/\s+/).filter(Boolean).length, 0);
  const chars = docs.reduce((n, d) => n + d.length, 0);
  console.log(
    `corpus: ${docs.length} texts, ${words} words, ${(chars / 1024).toFixed(0)} KiB${evalTexts().length ? ' (includes ../shared/eval)' : ''}`,
  );

  const ours = (d: string) => detect(d, { referenceDate: '2021-09-14' });
  const theirs = (d: string) => {
    const doc = nlp(d);
    doc.people().json();
    doc.places().json();
    doc.organizations().json();
    doc.numbers().json();
  };
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  // Warm both up. Then, text by text, time one and the other right after it, so a machine that
  // other jobs make busy slows both alike: the two timings are never more than a text apart.
  for (const d of docs) {
    ours(d);
    theirs(d);
  }
  const oursTime = { wall: 0, cpu: 0 };
  const theirsTime = { wall: 0, cpu: 0 };
  const ROUNDS = 3;
  // Detection is fast: it runs each text this many times per turn, so its turns are not too short to time.
  const REPEAT = 5;
  for (let r = 0; r < ROUNDS; r++) {
    for (const d of docs) {
      const w0 = performance.now();
      const c0 = cpuMs();
      for (let k = 0; k < REPEAT; k++) ours(d);
      const w1 = performance.now();
      const c1 = cpuMs();
      theirs(d);
      oursTime.wall += w1 - w0;
      oursTime.cpu += c1 - c0;
      theirsTime.wall += performance.now() - w1;
      theirsTime.cpu += cpuMs() - c1;
    }
  }
  const rate = (ms: number, runs: number) => (words * runs) / (ms / 1000);
  const a = rate(oursTime.wall, ROUNDS * REPEAT);
  const b = rate(theirsTime.wall, ROUNDS);
  const cpuRatio = rate(oursTime.cpu, ROUNDS * REPEAT) / rate(theirsTime.cpu, ROUNDS);
  console.log(`sidenote detect: ${Math.round(a).toLocaleString('en')} words/s`);
  console.log(`compromise 14:   ${Math.round(b).toLocaleString('en')} words/s`);
  console.log(`ratio:           ${(a / b).toFixed(1)}x compromise (wall clock; ${cpuRatio.toFixed(1)}x in CPU time)`);
  // The learned weights decode once per page, on first use: how long that takes, and their share of the bundle.
  const loads: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    loadClaimWeights(CLAIM_MODEL);
    loads.push(performance.now() - t0);
  }
  loads.sort((x, y) => x - y);
  const modelGzip = gzipSync(readFileSync(path.join(ROOT, 'lib/detect/models/claims.generated.ts')), {
    level: 9,
  }).length;
  console.log(
    `claim model:     ${(modelGzip / 1024).toFixed(1)} KiB gzipped, loads in ${loads[10]!.toFixed(2)} ms (median; worst ${loads[20]!.toFixed(2)} ms)`,
  );
  const size = await bundleSize();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  // The budget counts what detection knows rather than its code: the learned weights and the word
  // lists, as they sit in the bundle (string literals), gzipped together and one by one.
  const parts: Array<[string, string]> = [
    ['entity weights', ENTITY_WEIGHTS],
    ['claim model', JSON.stringify(CLAIM_MODEL)],
    ['place and name lists', Object.values(GAZETTEER).join('\n')],
    ['word lists', readFileSync(path.join(ROOT, 'lib/detect/lexicon.ts'), 'utf8')],
  ];
  const gz = (s: string) => gzipSync(s, { level: 9 }).length;
  const dataGz = gz(parts.map(([, text]) => text).join('\n'));
  console.log(
    `weights + lists:  ${kib(dataGz)} gzipped (budget 300 KiB): ${parts.map(([name, text]) => `${name} ${kib(gz(text))}`).join(', ')}`,
  );
  console.log(
    `detection bundle: ${kib(size.raw)} minified, ${kib(size.gzip)} gzipped with its code (about ${kib(Math.max(0, size.gzip - dataGz))} of code)`,
  );
  // Decoding the weights is what loading detection adds: time it cold, in a fresh decode.
  const t0 = performance.now();
  decodeWeights(ENTITY_WEIGHTS);
  const loadMs = performance.now() - t0;
  console.log(`entity weights:   decoded in ${loadMs.toFixed(0)} ms (budget 100 ms, once per worker start)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
