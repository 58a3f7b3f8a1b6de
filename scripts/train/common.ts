/**
 * What every trainer under `scripts/train/` shares: reading the training splits beside the
 * project, a seeded random generator, k-fold splits, F1 and threshold search, weight
 * quantisation and writing generated model files. Training must be deterministic: same data,
 * same seed, same weights.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The training splits live beside the project, never in it. */
export const EVAL_DIR = path.resolve(ROOT, '../shared/eval');

/** The seed every trainer uses, so `npm run train` always writes the same weights. */
export const SEED = 20241;

/** Reads a JSON-lines file (a path under `../shared/eval`, or an absolute one); stops with a clear message when the data is not beside the project. */
export function readJsonl<T>(relative: string): T[] {
  const file = path.resolve(EVAL_DIR, relative);
  if (!existsSync(file)) throw new Error(`training data missing: ${file} (see ../shared/eval/README.md)`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** mulberry32: a small, fast, seeded generator; returns numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher-Yates, drawing from `random`), so a seeded run repeats. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Fold of each of `n` items, drawn at random (seeded) in `k` nearly equal folds. */
export function randomFolds(n: number, k: number, seed = SEED): Uint8Array {
  const order = shuffle(
    Array.from({ length: n }, (_, i) => i),
    seededRandom(seed),
  );
  const fold = new Uint8Array(n);
  order.forEach((item, rank) => {
    fold[item] = rank % k;
  });
  return fold;
}

/**
 * Fold of each of `n` items taken in order, in `k` contiguous blocks. When neighbouring items
 * come from the same source (sentences of one debate, one article), each fold then holds sources
 * the others never saw, which is what text from elsewhere looks like to a model.
 */
export function blockFolds(n: number, k: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => Math.floor((i * k) / n));
}

/** Precision, recall and F1 of the positive class. */
export function prf(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** F1 of deciding "positive" at `score >= threshold`. */
export function f1At(scores: ArrayLike<number>, labels: ArrayLike<boolean>, threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const yes = scores[i]! >= threshold;
    if (yes && labels[i]) tp++;
    else if (yes) fp++;
    else if (labels[i]) fn++;
  }
  return prf(tp, fp, fn);
}

/** The threshold (among the scores themselves) that gives the highest F1, and that F1. */
export function bestThreshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
): { threshold: number; f1: number } {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  let tp = 0;
  let best = { threshold: 1, f1: 0 };
  // Walk down the ranking: everything so far is called positive.
  for (let r = 0; r < order.length; r++) {
    if (labels[order[r]!]) tp++;
    const next = order[r + 1];
    if (next !== undefined && scores[next] === scores[order[r]!]) continue;
    const { f1 } = prf(tp, r + 1 - tp, positives - tp);
    if (f1 > best.f1) best = { threshold: scores[order[r]!]!, f1 };
  }
  return best;
}

/** Signed bytes and the scale that turns them back into weights (weight ≈ byte × scale). */
export function quantiseInt8(weights: ArrayLike<number>): { bytes: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!));
  const scale = max / 127 || 1;
  const bytes = Int8Array.from({ length: weights.length }, (_, i) => Math.round(weights[i]! / scale));
  return { bytes, scale };
}

/** Rounds for a generated file: enough digits that rounding changes no decision. */
export const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/** Writes a generated source file under the project, with the header that says how it was made. */
export function writeGenerated(relative: string, trainer: string, body: string): void {
  const header = `// Generated by \`npm run train\` (${trainer}). Do not edit by hand: change the trainer and retrain.\n`;
  const file = path.join(ROOT, relative);
  writeFileSync(file, header + body);
  // Formatted as the project's formatter would, so a retrain with the same result changes nothing.
  spawnSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', file], { stdio: 'ignore' });
}

/** Percent with one decimal, for printed figures. */
export const pct = (x: number): string => (100 * x).toFixed(1);
