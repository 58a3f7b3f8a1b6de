/**
 * L2-regularised logistic regression over a few dense named features and many hashed sparse
 * binary ones, fitted by full-batch Adam (deterministic: no sampling). Each group has its own
 * regularisation strength, so word features can be held back harder than the general ones.
 */

/** Training rows in a compact layout: `dims` dense values per row, and each row's sparse indices. */
export interface Dataset {
  rows: number;
  dims: number;
  /** rows × dims dense values. */
  dense: Float32Array;
  /** Sparse indices of row i: `sparse[offsets[i] .. offsets[i + 1])`. */
  sparse: Uint32Array;
  offsets: Uint32Array;
  /** Size of the sparse feature space. */
  buckets: number;
  labels: Uint8Array;
}

export interface Fit {
  dense: Float32Array;
  sparse: Float32Array;
}

export interface FitOptions {
  /** L2 strength on the dense features (the first, the bias, is never penalised). */
  l2Dense: number;
  /** L2 strength on the sparse (word) features. */
  l2Sparse: number;
  /** Full passes over the data. */
  iterations?: number;
  learningRate?: number;
}

/** Full-batch passes: enough that the loss on these data stops moving in the 4th digit. */
const ITERATIONS = 300;
const LEARNING_RATE = 0.05;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** The log-odds of row `i` under `w`. */
export function rowLogOdds(d: Dataset, w: Fit, i: number): number {
  let z = 0;
  const base = i * d.dims;
  for (let j = 0; j < d.dims; j++) z += w.dense[j]! * d.dense[base + j]!;
  for (let k = d.offsets[i]!; k < d.offsets[i + 1]!; k++) z += w.sparse[d.sparse[k]!]!;
  return z;
}

/** Fits the rows whose `use[i]` is set (all rows when `use` is omitted). */
export function fitLogistic(d: Dataset, options: FitOptions, use?: Uint8Array): Fit {
  const iterations = options.iterations ?? ITERATIONS;
  const lr = options.learningRate ?? LEARNING_RATE;
  const w: Fit = { dense: new Float32Array(d.dims), sparse: new Float32Array(d.buckets) };
  const n = d.dims + d.buckets;
  const grad = new Float64Array(n);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < d.rows; i++) if (!use || use[i]) count++;
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    for (let i = 0; i < d.rows; i++) {
      if (use && !use[i]) continue;
      const p = 1 / (1 + Math.exp(-rowLogOdds(d, w, i)));
      const g = (p - d.labels[i]!) / count;
      const base = i * d.dims;
      for (let j = 0; j < d.dims; j++) grad[j]! += g * d.dense[base + j]!;
      for (let k = d.offsets[i]!; k < d.offsets[i + 1]!; k++) grad[d.dims + d.sparse[k]!]! += g;
    }
    for (let j = 1; j < d.dims; j++) grad[j]! += options.l2Dense * w.dense[j]!;
    for (let j = 0; j < d.buckets; j++) grad[d.dims + j]! += options.l2Sparse * w.sparse[j]!;
    const c1 = 1 - BETA1 ** t;
    const c2 = 1 - BETA2 ** t;
    for (let j = 0; j < n; j++) {
      const g = grad[j]!;
      m[j] = BETA1 * m[j]! + (1 - BETA1) * g;
      v[j] = BETA2 * v[j]! + (1 - BETA2) * g * g;
      const step = (lr * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + EPSILON);
      if (j < d.dims) w.dense[j]! -= step;
      else w.sparse[j - d.dims]! -= step;
    }
  }
  return w;
}
