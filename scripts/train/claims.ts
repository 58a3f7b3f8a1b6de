/**
 * Trains the check-worthiness model (`lib/detect/claim-score.ts`) on the CheckThat! 2024 task 1
 * training split (`../shared/eval/checkworthy-train`), and writes `lib/detect/models/claims.generated.ts`.
 *
 * Each line is read through detection itself (`analyse` then `readSentences`), so the model
 * learns from exactly the features detection computes. A line can hold several sentences; it is
 * check-worthy when any of them is (how the benchmark reads the annotator), so each sentence
 * learns from its line's label and a line's score is its best sentence's.
 *
 * Regularisation (words and named features separately) and the decision threshold are chosen
 * by k-fold cross-validation inside the training split. The folds are contiguous runs of
 * sentence ids: neighbouring ids come from the same debate, so each fold is mostly debates the
 * model did not train on, as unseen text will be. The dev split is not read here.
 */
import { NAMED_FEATURES } from '../../lib/detect/claim-features';
import { logOdds, sigmoid } from '../../lib/detect/claim-score';
import { isCheckWorthy, readSentences } from '../../lib/detect/claims';
import { analyse } from '../../lib/detect/index';
import type { ClaimModel } from '../../lib/detect/models/claim-model';
import { encodeSignedBytes, loadClaimWeights } from '../../lib/detect/models/codec';
import { bestThreshold, blockFolds, f1At, pct, quantiseInt8, randomFolds, round, SEED, writeGenerated } from './common';
import { type Dataset, type Fit, fitLogistic, rowLogOdds } from './logistic';

const OUTPUT = 'lib/detect/models/claims.generated.ts';
/** Word features hash into 2^14 buckets: room for the common words and pairs, small once gzipped. */
const HASH_BITS = 14;
const FOLDS = 5;
/** Candidate L2 strengths for the word features: from light to heavy (`--l2-words a,b` for a leaner search). */
const L2_WORDS = listArg('--l2-words') ?? [3e-4, 1e-3, 3e-3];
/** Candidate L2 strengths for the named features (`--l2-named a,b`). */
const L2_NAMED = listArg('--l2-named') ?? [1e-3];

function listArg(name: string): number[] | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1]!.split(',').map(Number) : undefined;
}
/**
 * Relative dates ("last year") need a reference date; the training sentences carry none, so a
 * fixed one keeps the features, and the weights, the same from run to run.
 */
const REFERENCE_DATE = '2020-01-01';

interface Line {
  id: number;
  text: string;
  label: 'Yes' | 'No';
}

interface Corpus {
  data: Dataset;
  /** Rows detection never calls check-worthy whatever their score (forecasts). */
  vetoed: Uint8Array;
  /** The line each row (sentence) comes from. */
  lineOf: Uint32Array;
  lineLabels: boolean[];
}

function readCorpus(lines: Line[]): Corpus {
  const dense: number[] = [];
  const sparse: number[] = [];
  const offsets = [0];
  const labels: number[] = [];
  const lineOf: number[] = [];
  const vetoed: number[] = [];
  lines.forEach((line, li) => {
    const a = analyse(line.text, { referenceDate: REFERENCE_DATE });
    const readings = readSentences(a, HASH_BITS);
    for (const r of readings) {
      for (const x of r.features.named) dense.push(x);
      for (const b of r.features.words) sparse.push(b);
      offsets.push(sparse.length);
      labels.push(line.label === 'Yes' ? 1 : 0);
      lineOf.push(li);
      vetoed.push(isCheckWorthy(r, 1, 0) ? 0 : 1);
    }
  });
  return {
    data: {
      rows: labels.length,
      dims: NAMED_FEATURES.length,
      dense: Float32Array.from(dense),
      sparse: Uint32Array.from(sparse),
      offsets: Uint32Array.from(offsets),
      buckets: 1 << HASH_BITS,
      labels: Uint8Array.from(labels),
    },
    lineOf: Uint32Array.from(lineOf),
    vetoed: Uint8Array.from(vetoed),
    lineLabels: lines.map((l) => l.label === 'Yes'),
  };
}

/**
 * Each line's score: its best sentence's probability, as `isCheckWorthy` decides (0 for a
 * forecast, and for a line detection reads no sentence in).
 */
function lineScores(c: Corpus, rowScore: (row: number) => number): Float64Array {
  const out = new Float64Array(c.lineLabels.length);
  for (let r = 0; r < c.data.rows; r++) if (!c.vetoed[r]) out[c.lineOf[r]!] = Math.max(out[c.lineOf[r]!]!, rowScore(r));
  return out;
}

/** Out-of-fold line scores: each fold scored by a model fitted on the other folds. */
function outOfFold(c: Corpus, lineFold: Uint8Array, l2Sparse: number, l2Dense: number): Float64Array {
  const rowFold = Uint8Array.from(c.lineOf, (l) => lineFold[l]!);
  const rowScores = new Float64Array(c.data.rows);
  for (let k = 0; k < FOLDS; k++) {
    const fit = fitLogistic(
      c.data,
      { l2Sparse, l2Dense },
      Uint8Array.from(rowFold, (f) => (f === k ? 0 : 1)),
    );
    for (let r = 0; r < c.data.rows; r++) if (rowFold[r] === k) rowScores[r] = sigmoid(rowLogOdds(c.data, fit, r));
  }
  return lineScores(c, (r) => rowScores[r]!);
}

function describe(scores: Float64Array, labels: boolean[], threshold: number): string {
  const { precision, recall, f1 } = f1At(scores, labels, threshold);
  return `F1 ${pct(f1)} (P ${pct(precision)} / R ${pct(recall)})`;
}

/** The stored model: named weights readable by name, word weights as signed bytes. */
function toModel(fit: Fit, threshold: number): ClaimModel {
  const { bytes, scale } = quantiseInt8(fit.sparse);
  const named: Record<string, number> = {};
  NAMED_FEATURES.forEach((n, i) => {
    named[n] = round(fit.dense[i]!);
  });
  return { hashBits: HASH_BITS, threshold: round(threshold), named, wordScale: scale, words: encodeSignedBytes(bytes) };
}

export function trainClaims(lines: Line[]): void {
  // Stable order: by sentence id, so folds and results do not depend on the file's order.
  lines.sort((a, b) => a.id - b.id);
  let t0 = performance.now();
  const c = readCorpus(lines);
  const positives = c.lineLabels.filter(Boolean).length;
  console.log(
    `claims: ${lines.length} lines (${positives} Yes), ${c.data.rows} sentences, read in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const folds = blockFolds(lines.length, FOLDS);
  let best: { l2Sparse: number; l2Dense: number; threshold: number; f1: number; scores: Float64Array } | undefined;
  t0 = performance.now();
  for (const l2Sparse of L2_WORDS) {
    for (const l2Dense of L2_NAMED) {
      const scores = outOfFold(c, folds, l2Sparse, l2Dense);
      const { threshold, f1 } = bestThreshold(scores, c.lineLabels);
      console.log(
        `  l2 words ${l2Sparse}, named ${l2Dense}: CV ${describe(scores, c.lineLabels, threshold)} at ${threshold.toFixed(3)}`,
      );
      if (!best || f1 > best.f1) best = { l2Sparse, l2Dense, threshold, f1, scores };
    }
  }
  if (!best) throw new Error('no configuration to try');
  console.log(`  (${FOLDS}-fold search in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const perFold = Array.from({ length: FOLDS }, (_, k) => {
    const idx = [...folds.keys()].filter((i) => folds[i] === k);
    return f1At(
      idx.map((i) => best.scores[i]!),
      idx.map((i) => c.lineLabels[i]!),
      best.threshold,
    ).f1;
  });
  console.log(
    `claims: chose l2 words ${best.l2Sparse}, named ${best.l2Dense}, threshold ${best.threshold.toFixed(3)}; ` +
      `${FOLDS}-fold CV by debate blocks ${describe(best.scores, c.lineLabels, best.threshold)}, folds ${perFold.map(pct).join(' / ')}`,
  );
  // `--dry`: the search only, nothing written.
  if (process.argv.includes('--dry')) return;
  const shuffled = outOfFold(c, randomFolds(lines.length, FOLDS, SEED), best.l2Sparse, best.l2Dense);
  console.log(
    `claims: same settings, ${FOLDS}-fold CV over random sentences ${describe(shuffled, c.lineLabels, best.threshold)}`,
  );

  const fit = fitLogistic(c.data, { l2Sparse: best.l2Sparse, l2Dense: best.l2Dense });
  const model = toModel(fit, best.threshold);
  // Quantising the word weights must not change decisions measurably: compare on the training lines.
  const exact = lineScores(c, (r) => sigmoid(rowLogOdds(c.data, fit, r)));
  const stored = loadClaimWeights(model);
  const quantised = lineScores(c, (r) =>
    sigmoid(
      logOdds(stored, {
        named: c.data.dense.subarray(r * c.data.dims, (r + 1) * c.data.dims),
        words: c.data.sparse.subarray(c.data.offsets[r]!, c.data.offsets[r + 1]!),
      }),
    ),
  );
  let changed = 0;
  for (let i = 0; i < exact.length; i++) if (exact[i]! >= best.threshold !== quantised[i]! >= best.threshold) changed++;
  console.log(
    `claims: fitted on all lines ${describe(exact, c.lineLabels, best.threshold)}; ` +
      `quantised ${describe(quantised, c.lineLabels, best.threshold)}, ${changed} of ${exact.length} decisions changed`,
  );
  const body = `import type { ClaimModel } from './claim-model';

/**
 * Check-worthiness model: logistic regression over named features and ${1 << HASH_BITS} hashed word buckets.
 * Trained on CheckThat! 2024 task 1 (train split); l2 words ${best.l2Sparse}, named ${best.l2Dense};
 * ${FOLDS}-fold CV (debate blocks): ${describe(best.scores, c.lineLabels, best.threshold)}.
 */
export const CLAIM_MODEL: ClaimModel = ${JSON.stringify(model, null, 2)};
`;
  writeGenerated(OUTPUT, 'scripts/train/claims.ts', body);
  console.log(`claims: wrote ${OUTPUT}`);
}
