/**
 * Trains the entity tagger (an averaged perceptron over `lib/detect/pipeline/features.ts`) on the
 * CoNLL-2003 training split beside the project, and writes `lib/detect/models/entities.generated.ts`.
 *   npx tsx scripts/train/entities.ts            cross-validation picks epochs and pruning, then trains on all
 *   npx tsx scripts/train/entities.ts --quick    no cross-validation: the defaults below
 * Deterministic: documents are shuffled by a seeded generator, folds are split by document, and the
 * dev split is never read here. Prints cross-validation figures (exact micro F1 over PER+LOC+ORG).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decodeWeights, encodeWeights, type TrainedWeights } from '../../lib/detect/models/codec';
import { createDoc, type Doc, type TaggedSpan } from '../../lib/detect/pipeline/doc';
import { DYNAMIC_COUNT, type FeatureTable, staticFeatures, TAG_COUNT, TAGS } from '../../lib/detect/pipeline/features';
import { tagLexicon } from '../../lib/detect/pipeline/lexicon-tags';
import { decode, spansFromTags, type Weights } from '../../lib/detect/pipeline/tagger';
import { readJsonl, seededRandom, shuffle } from './common';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(ROOT, '../shared/eval/conll2003-train');
const OUT = path.join(ROOT, 'lib/detect/models/entities.generated.ts');

/** Seed of every shuffle: change it and the weights change, not the method. */
const SEED = 20261130;
/** Folds of cross-validation; `--folds k` for leaner runs while exploring. */
const FOLDS = numberArg('--folds', 5);
/** Epochs tried in cross-validation; the best average wins (`--epochs n`). */
const MAX_EPOCHS = numberArg('--epochs', 16);
/** `--only k`: score one held-out fold of the k (exploring features quickly); nothing is written. */
const ONLY_FOLD = numberArg('--only', 0);

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
/** Pruning thresholds tried (weights smaller than this are dropped). */
const MIN_Q_CHOICES = [0, 0.5, 1, 1.25, 1.5, 2];
/**
 * Static features seen fewer times than this in training get no weight: one-off word pairs are
 * noise to the model and most of the file's size.
 */
const MIN_COUNT = 2;
/** The gzipped weights must fit here (with the word lists, detection's data stays under 300 KiB). */
const WEIGHTS_BUDGET_GZ = 240 * 1024;
/** Used by --quick. */
const DEFAULT_EPOCHS = 10;
const DEFAULT_MIN_Q = 1;

interface GoldEntity {
  start: number;
  end: number;
  type: string;
}

interface Example {
  doc: Doc;
  table: FeatureTable;
  gold: Uint8Array;
  /** Gold spans in doc offsets, PER/LOC/ORG/MISC. */
  spans: GoldEntity[];
}

/** Reads a CoNLL split as documents: sentences of one doc joined by line breaks, as the annotator does. */
export function loadSplit(dir: string): { docs: Example[]; misaligned: number } {
  const sentences = readJsonl(path.join(dir, 'sentences.jsonl')) as Array<{ id: number; doc: number; text: string }>;
  const gold = new Map<number, GoldEntity[]>();
  for (const row of readJsonl(path.join(dir, 'gold.jsonl')) as Array<{ id: number; entities: GoldEntity[] }>)
    gold.set(row.id, row.entities);
  const docs: Example[] = [];
  let misaligned = 0;
  for (let i = 0; i < sentences.length; ) {
    let j = i + 1;
    while (j < sentences.length && sentences[j]!.doc === sentences[i]!.doc) j++;
    let text = '';
    const spans: GoldEntity[] = [];
    for (const s of sentences.slice(i, j)) {
      for (const e of gold.get(s.id) ?? [])
        spans.push({ start: e.start + text.length, end: e.end + text.length, type: e.type });
      text += `${s.text.replace(/\n/g, ' ')}\n`;
    }
    const doc = tagLexicon(createDoc(text));
    const tags = new Uint8Array(doc.tokens.length);
    for (const e of spans) {
      let first = true;
      for (let k = 0; k < doc.tokens.length; k++) {
        const t = doc.tokens[k]!;
        if (t.end <= e.start || t.start >= e.end) continue;
        if (t.start < e.start || t.end > e.end) misaligned++;
        const b = TAGS.indexOf(`B-${e.type}` as (typeof TAGS)[number]);
        tags[k] = first ? b : b + 1;
        first = false;
      }
    }
    docs.push({ doc, table: staticFeatures(doc), gold: tags, spans });
    i = j;
  }
  return { docs, misaligned };
}

/** Averaged perceptron weights during training: w, and u = Σ c·Δw, so the average is w − u/c. */
export class Trainer {
  index = new Map<number, number>();
  /** Static features seen fewer than `minCount` times in the training documents get no weight. */
  private frequent: Set<number> | null = null;

  constructor(examples: Example[] = [], minCount = 1) {
    if (minCount <= 1) return;
    const counts = new Map<number, number>();
    for (const ex of examples) {
      const end = ex.table.offsets[ex.doc.tokens.length]!;
      for (let f = 0; f < end; f++) counts.set(ex.table.feats[f]!, (counts.get(ex.table.feats[f]!) ?? 0) + 1);
    }
    this.frequent = new Set();
    for (const [f, n] of counts) if (n >= minCount) this.frequent.add(f);
  }

  w = new Float64Array(1 << 20);
  u = new Float64Array(1 << 20);
  c = 1;
  private used = 0;

  private slot(f: number): number {
    let at = this.index.get(f);
    if (at === undefined) {
      at = this.used;
      this.used += TAG_COUNT;
      if (this.used > this.w.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.w = grow(this.w);
        this.u = grow(this.u);
      }
      this.index.set(f, at);
    }
    return at;
  }

  update(f: number, tag: number, delta: number): void {
    const at = this.slot(f) + tag;
    this.w[at]! += delta;
    this.u[at]! += this.c * delta;
  }

  /** Live weights, for decoding while training. */
  live(): Weights {
    return { index: this.index, values: this.w };
  }

  /** Averaged weights: what ships. */
  averaged(): TrainedWeights {
    const values = new Float64Array(this.used);
    for (let k = 0; k < this.used; k++) values[k] = this.w[k]! - this.u[k]! / this.c;
    return { index: this.index, values };
  }

  epoch(examples: Example[]): void {
    for (const ex of examples) {
      decode(ex.doc, ex.table, this.live(), (table, i, dynamic, predicted) => {
        const gold = ex.gold[i]!;
        if (predicted !== gold) {
          for (let f = table.offsets[i]!; f < table.offsets[i + 1]!; f++) {
            const feat = table.feats[f]!;
            if (this.frequent && !this.frequent.has(feat)) continue;
            this.update(feat, gold, 1);
            this.update(feat, predicted, -1);
          }
          for (let f = 0; f < DYNAMIC_COUNT; f++) {
            this.update(dynamic[f]!, gold, 1);
            this.update(dynamic[f]!, predicted, -1);
          }
        }
        this.c++;
        return predicted;
      });
    }
  }
}

/** Counts for exact micro F1 over PER+LOC+ORG. */
interface Counts {
  tp: number;
  fp: number;
  fn: number;
  /** The same by type, PER / LOC / ORG. */
  byType?: Record<string, { tp: number; fp: number; fn: number }>;
}

const newCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0, byType: {} });

const PLO = new Set(['PER', 'LOC', 'ORG']);

export function score(examples: Example[], weights: Weights, counts: Counts = { tp: 0, fp: 0, fn: 0 }): Counts {
  for (const ex of examples) {
    const spans = spansFromTags(ex.doc, decode(ex.doc, ex.table, weights));
    const key = (s: TaggedSpan) => `${ex.doc.tokens[s.first]!.start}:${ex.doc.tokens[s.last - 1]!.end}:${s.type}`;
    const gold = new Set(ex.spans.filter((e) => PLO.has(e.type)).map((e) => `${e.start}:${e.end}:${e.type}`));
    const predicted = spans.filter((s) => PLO.has(s.type)).map(key);
    const typed = (k: string) => {
      counts.byType ??= {};
      const type = k.slice(k.lastIndexOf(':') + 1);
      counts.byType[type] ??= { tp: 0, fp: 0, fn: 0 };
      return counts.byType[type];
    };
    for (const p of predicted) {
      if (gold.delete(p)) {
        counts.tp++;
        typed(p).tp++;
      } else {
        counts.fp++;
        typed(p).fp++;
      }
    }
    counts.fn += gold.size;
    for (const g of gold) typed(g).fn++;
  }
  return counts;
}

const f1 = (c: Counts) => (c.tp ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0);
const pct = (x: number) => (100 * x).toFixed(1);
/** F1, P / R, and F1 by type, for printing. */
const describe = (c: Counts) =>
  `F1 ${pct(f1(c))} (P ${pct(c.tp / (c.tp + c.fp))} / R ${pct(c.tp / (c.tp + c.fn))}; ` +
  ['PER', 'LOC', 'ORG'].map((t) => `${t} ${c.byType?.[t] ? pct(f1(c.byType[t])) : '-'}`).join(' / ') +
  ')';
/** A pruning that costs less than this (a tenth of a point of F1) costs nothing measurable. */
const NOTHING_MEASURABLE = 0.001;

function quantised(weights: TrainedWeights, minQ: number): Weights {
  return decodeWeights(encodeWeights(weights, minQ).data);
}

function crossValidate(examples: Example[]): { epochs: number; minQ: number; byMinQ: Map<number, Counts> } {
  const folds: Example[][] = Array.from({ length: FOLDS }, () => []);
  const order = shuffle(examples, seededRandom(SEED));
  for (let i = 0; i < order.length; i++) folds[i % FOLDS]!.push(order[i]!);
  const byEpoch: Counts[] = Array.from({ length: MAX_EPOCHS }, newCounts);
  const byMinQ = new Map<number, Counts>(MIN_Q_CHOICES.map((q) => [q, newCounts()]));
  const finals: TrainedWeights[] = [];
  const scored = ONLY_FOLD ? [ONLY_FOLD - 1] : folds.map((_, k) => k);
  for (const k of scored) {
    const train = folds.filter((_, i) => i !== k).flat();
    const held = folds[k]!;
    const trainer = new Trainer(train, MIN_COUNT);
    const random = seededRandom(SEED + k + 1);
    for (let e = 0; e < MAX_EPOCHS; e++) {
      trainer.epoch(shuffle(train, random));
      score(held, trainer.averaged(), byEpoch[e]);
    }
    finals.push(trainer.averaged());
    const line = byEpoch.map((c) => pct(f1(c))).join(' ');
    console.log(`fold ${k + 1}/${FOLDS}: running F1 by epoch ${line}`);
  }
  let epochs = 1;
  for (let e = 0; e < MAX_EPOCHS; e++) if (f1(byEpoch[e]!) > f1(byEpoch[epochs - 1]!)) epochs = e + 1;
  // Pruning is judged on weights of the maximum epoch count; the choice is the strongest pruning that
  // costs no more than a tenth of a point.
  scored.forEach((k, i) => {
    for (const q of MIN_Q_CHOICES) score(folds[k]!, quantised(finals[i]!, q), byMinQ.get(q));
  });
  const bestQ = Math.max(...MIN_Q_CHOICES.map((q) => f1(byMinQ.get(q)!)));
  const minQ = Math.max(...MIN_Q_CHOICES.filter((q) => f1(byMinQ.get(q)!) >= bestQ - NOTHING_MEASURABLE));
  const c = byEpoch[epochs - 1]!;
  console.log(`F1 by epoch, all folds: ${byEpoch.map((c) => pct(f1(c))).join(' ')}`);
  const which = ONLY_FOLD ? `fold ${ONLY_FOLD} of ${FOLDS} held out` : `${FOLDS} folds by document`;
  console.log(`cross-validation (${which}): best ${epochs} epochs, ${describe(c)}`);
  console.log(
    `pruning: ${MIN_Q_CHOICES.map((q) => `minQ ${q} → ${pct(f1(byMinQ.get(q)!))}`).join(', ')}; chosen ${minQ}`,
  );
  return { epochs, minQ, byMinQ };
}

/** Trains the entity tagger on the CoNLL-2003 training split and writes its weights. */
export function trainEntities(): void {
  if (!existsSync(DATA)) {
    console.error(`train:entities: no training data at ${DATA}`);
    process.exit(2);
  }
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  const { docs, misaligned } = loadSplit(DATA);
  const tokens = docs.reduce((n, d) => n + d.doc.tokens.length, 0);
  console.log(`${docs.length} documents, ${tokens} tokens, ${misaligned} tokens cross a gold boundary`);
  const cv = quick ? null : crossValidate(docs);
  // `--dry`: cross-validation only, nothing written.
  if (ONLY_FOLD || process.argv.includes('--dry')) return;
  const epochs = cv?.epochs ?? DEFAULT_EPOCHS;
  let minQ = cv?.minQ ?? DEFAULT_MIN_Q;
  const trainer = new Trainer(docs, MIN_COUNT);
  const random = seededRandom(SEED);
  for (let e = 0; e < epochs; e++) trainer.epoch(shuffle(docs, random));
  const avg = trainer.averaged();
  // Over budget: prune harder, and say what that costs in cross-validation.
  for (const q of MIN_Q_CHOICES) {
    if (q < minQ) continue;
    minQ = q;
    const size = gzipSync(encodeWeights(avg, q).data).length;
    if (size <= WEIGHTS_BUDGET_GZ) break;
    console.log(
      `pruning at ${q}: ${(size / 1024).toFixed(0)} KiB gzipped, over the ${WEIGHTS_BUDGET_GZ / 1024} KiB budget`,
    );
  }
  if (cv) console.log(`shipped pruning ${minQ}: cross-validation ${describe(cv.byMinQ.get(minQ)!)}`);
  if (process.argv.includes('--stats')) {
    const abs = Array.from(avg.values as Float64Array, Math.abs)
      .filter((x) => x > 0)
      .sort((a, b) => a - b);
    const at = (p: number) => abs[Math.floor(p * (abs.length - 1))]!.toFixed(2);
    console.log(
      `weights: ${abs.length} nonzero; |w| p50 ${at(0.5)} p90 ${at(0.9)} p99 ${at(0.99)} p99.9 ${at(0.999)} max ${at(1)}`,
    );
    console.log(`float training-set F1 ${pct(f1(score(docs, avg)))}`);
  }
  const { data, features } = encodeWeights(avg, minQ);
  const gz = gzipSync(data).length;
  const trainF1 = f1(score(docs, decodeWeights(data)));
  writeFileSync(
    OUT,
    `// Generated by scripts/train/entities.ts from the CoNLL-2003 training split (${docs.length} documents):\n` +
      `// ${epochs} epochs, weights below ${minQ} pruned. Retrain with \`npm run train:entities\`; do not edit.\n` +
      `/** Averaged-perceptron weights of the entity tagger, ${features} features, encoded by models/codec.ts. */\n` +
      `export const ENTITY_WEIGHTS =\n  '${data}';\n`,
  );
  console.log(
    `wrote ${path.relative(ROOT, OUT)}: ${features} features, ${(data.length / 1024).toFixed(0)} KiB base64, ${(gz / 1024).toFixed(0)} KiB gzipped; training-set F1 ${pct(trainF1)}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

if (process.argv[1]?.endsWith('entities.ts')) trainEntities();
