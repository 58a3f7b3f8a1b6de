/**
 * The article-extraction-benchmark's score of an extracted text against the text a person marked
 * as the article: `\w+` tokens, multisets of 4-token shingles, per page the true positives, false
 * positives and false negatives as shingle-count overlaps normalised to sum to 1; precision and
 * recall averaged over pages, F1 taken of the two averages.
 */

/** Shingle length of the benchmark. */
const SHINGLE = 4;

/** Python's `\w` is Unicode-aware: letters, marks, digits and the underscore. */
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

function shingles(text: string): Map<string, number> {
  const tokens = text.match(WORD) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i + SHINGLE <= tokens.length; i++) {
    const key = tokens.slice(i, i + SHINGLE).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** One page's overlap, normalised so that tp + fp + fn = 1 (all 0 when both texts are empty). */
export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export function pageScore(truth: string, predicted: string): PageScore {
  const want = shingles(truth);
  const got = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of want) {
    const other = got.get(key) ?? 0;
    tp += Math.min(count, other);
    fn += Math.max(0, count - other);
  }
  for (const [key, count] of got) fp += Math.max(0, count - (want.get(key) ?? 0));
  const sum = tp + fp + fn;
  if (sum > 0) {
    tp /= sum;
    fp /= sum;
    fn /= sum;
  }
  // A page with nothing predicted (or nothing true) scores 0 there, as in the benchmark.
  return { tp, fp, fn, precision: tp + fp > 0 ? tp / (tp + fp) : 0, recall: tp + fn > 0 ? tp / (tp + fn) : 0 };
}

/** Averages over pages and the F1 of the averages. */
export function corpusScore(pages: readonly PageScore[]): { precision: number; recall: number; f1: number } {
  const n = pages.length || 1;
  const precision = pages.reduce((s, p) => s + p.precision, 0) / n;
  const recall = pages.reduce((s, p) => s + p.recall, 0) / n;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
