/**
 * The one codec of detection's models. The claim model's word weights are signed bytes of one
 * scale (`encodeSignedBytes`, `loadClaimWeights`). The compact form of the tagger's weights, written by the training script into a generated file
 * and read once when detection loads. Per feature, in ascending feature order: the gap from the
 * previous feature (a varint), a bit mask of the tags with a weight, its scale, and those weights as
 * signed numbers of that scale. The weights span four orders of magnitude, so each feature gets its
 * own scale: its largest weight, as one mu-law byte (as telephone audio codes loudness), and its
 * weights as signed bytes of that scale, which keeps each within half a per cent of the feature's
 * largest weight (two bytes for the few features whose weights are large). The header holds the
 * largest weight of all, which sets the scales' range. Weights below `minAbs` are pruned, and
 * features left with none.
 *
 * The bytes are stored column by column: all gaps, then all masks, all scales, all one-byte
 * weights, all two-byte weights. Alike bytes side by side compress better (gzip finds repeats
 * within a column, not across a row's mixed fields): 6% smaller gzipped than row by row.
 */
import { NAMED_FEATURES } from '../claim-features';
import { TAG_COUNT } from '../pipeline/features';
import type { Weights } from '../pipeline/weights';
import type { ClaimModel } from './claim-model';

/** Weights as training holds them: a Map from feature to offset. */
export interface TrainedWeights {
  index: Map<number, number>;
  values: ArrayLike<number>;
}

/** Quantised weights run from -MAX_Q to MAX_Q. */
const MAX_Q = 127;
/** Features whose largest weight passes this are few (bias, position) and decide most: two bytes a weight. */
const WIDE_ABOVE = 20;
const WIDE_FLAG = 1 << 15;
const MAX_WIDE = 32767;
/** Mu-law compression: the ratio of the largest weight to the finest step near zero, roughly. */
const MU = 5000;
/** Bytes turned into a string per call: spreading more could overflow the stack. */
const BINARY_CHUNK = 8192;

/** Appends `n` as a varint: seven bits a byte, low first, the high bit set on all but the last. */
function varint(out: number[], n: number): void {
  for (let v = n; ; v = Math.floor(v / 128)) {
    if (v < 128) {
      out.push(v);
      return;
    }
    out.push((v % 128) | 128);
  }
}

/** Encodes float weights as base64 bytes, dropping weights whose magnitude is below `minAbs`. */
export function encodeWeights(weights: TrainedWeights, minAbs = 0): { data: string; features: number } {
  let maxAbs = 0;
  for (const at of weights.index.values())
    for (let k = 0; k < TAG_COUNT; k++) maxAbs = Math.max(maxAbs, Math.abs(weights.values[at + k]!));
  maxAbs = Math.max(1, Math.ceil(maxAbs));
  const norm = Math.log1p(MU);
  // The scale byte rounds up, so no weight of the feature exceeds its scale.
  const scaleByte = (big: number) => Math.min(255, Math.ceil((255 * Math.log1p((MU * big) / maxAbs)) / norm));
  const scaleOf = (b: number) => (maxAbs * Math.expm1((b / 255) * norm)) / MU;
  const keys = [...weights.index.keys()].sort((a, b) => a - b);
  const kept = keys.filter((key) => {
    const at = weights.index.get(key)!;
    let big = 0;
    for (let k = 0; k < TAG_COUNT; k++) big = Math.max(big, Math.abs(weights.values[at + k]!));
    return big >= minAbs && big > 0;
  });
  const gaps: number[] = [];
  const masks: number[] = [];
  const scales: number[] = [];
  const narrow: number[] = [];
  const wide: number[] = [];
  let previous = 0;
  let features = 0;
  const q = new Int32Array(TAG_COUNT);
  for (const key of kept) {
    const at = weights.index.get(key)!;
    let big = 0;
    for (let k = 0; k < TAG_COUNT; k++) big = Math.max(big, Math.abs(weights.values[at + k]!));
    const sb = scaleByte(big);
    const scale = scaleOf(sb);
    const isWide = big > WIDE_ABOVE;
    const top = isWide ? MAX_WIDE : MAX_Q;
    let mask = isWide ? WIDE_FLAG : 0;
    for (let k = 0; k < TAG_COUNT; k++) {
      const w = weights.values[at + k]!;
      // Pruning is per weight: a feature keeps only its weights that can sway a decision.
      q[k] = Math.abs(w) < minAbs ? 0 : Math.max(-top, Math.min(top, Math.round((top * w) / scale)));
      if (q[k]) mask |= 1 << k;
    }
    features++;
    varint(gaps, key - previous);
    previous = key;
    masks.push(mask & 255, mask >> 8);
    scales.push(sb);
    for (let k = 0; k < TAG_COUNT; k++) {
      if (!(mask & (1 << k))) continue;
      if (isWide) wide.push(q[k]! & 255, (q[k]! >> 8) & 255);
      else narrow.push(q[k]! & 255);
    }
  }
  const bytes: number[] = [];
  for (const n of [maxAbs, kept.length, gaps.length, narrow.length]) varint(bytes, n);
  for (const column of [gaps, masks, scales, narrow, wide]) for (const b of column) bytes.push(b);
  return { data: toBase64(bytes), features };
}

/** Bytes (0 to 255) as base64. */
function toBase64(bytes: ArrayLike<number>): string {
  const all = Array.from(bytes);
  let binary = '';
  for (let i = 0; i < all.length; i += BINARY_CHUNK) binary += String.fromCharCode(...all.slice(i, i + BINARY_CHUNK));
  return btoa(binary);
}

/** Signed bytes as base64: the claim model's word weights, each a multiple of the model's `wordScale`. */
export function encodeSignedBytes(bytes: Int8Array): string {
  return toBase64(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The claim model ready to score: weights as arrays in feature order. */
export interface ClaimWeights {
  named: Float32Array;
  words: Float32Array;
}

/** Turns a stored claim model into arrays; a named feature the model lacks weighs 0. */
export function loadClaimWeights(model: ClaimModel): ClaimWeights {
  const named = Float32Array.from(NAMED_FEATURES, (n) => model.named[n] ?? 0);
  const bytes = atob(model.words);
  const words = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) words[i] = ((bytes.charCodeAt(i) << 24) >> 24) * model.wordScale;
  return { named, words };
}

/**
 * Feature → offset of its weights, in an open-addressing table of typed arrays: detection looks up
 * about sixty features per token, and a JavaScript Map of numbers costs several times as much.
 */
export class FeatureTable {
  private readonly slots: Int32Array;
  private readonly offsets: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(count: number) {
    let bits = 4;
    while (1 << bits < count * 2) bits++;
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.offsets = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  set(key: number, offset: number): void {
    let at = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.slots[at] !== -1 && this.slots[at] !== key) at = (at + 1) & this.mask;
    this.slots[at] = key;
    this.offsets[at] = offset;
  }

  get(key: number): number | undefined {
    let at = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.slots[at]!;
      if (k === key) return this.offsets[at];
      if (k === -1) return undefined;
      at = (at + 1) & this.mask;
    }
  }
}

/** Decodes what `encodeWeights` wrote. */
export function decodeWeights(data: string): Weights {
  const raw = atob(data);
  let p = 0;
  const varint = () => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = raw.charCodeAt(p++);
      n += (b & 127) * mul;
      mul *= 128;
      if (b < 128) return n;
    }
  };
  const maxAbs = varint();
  const count = varint();
  const gapBytes = varint();
  const narrowBytes = varint();
  // Where each column starts; `p` reads the gaps.
  let pm = p + gapBytes;
  let ps = pm + 2 * count;
  let pn = ps + count;
  let pw = pn + narrowBytes;
  const norm = Math.log1p(MU);
  const index = new FeatureTable(count);
  const values = new Float32Array(count * TAG_COUNT);
  let key = 0;
  for (let f = 0; f < count; f++) {
    key += varint();
    const mask = raw.charCodeAt(pm) | (raw.charCodeAt(pm + 1) << 8);
    pm += 2;
    const wide = mask & WIDE_FLAG;
    const step = (maxAbs * Math.expm1((raw.charCodeAt(ps++) / 255) * norm)) / MU / (wide ? MAX_WIDE : MAX_Q);
    const at = f * TAG_COUNT;
    index.set(key, at);
    for (let k = 0; k < TAG_COUNT; k++) {
      if (!(mask & (1 << k))) continue;
      if (wide) {
        const v = raw.charCodeAt(pw) | (raw.charCodeAt(pw + 1) << 8);
        values[at + k] = (v > MAX_WIDE ? v - 65536 : v) * step;
        pw += 2;
      } else {
        const b = raw.charCodeAt(pn++);
        values[at + k] = (b > 127 ? b - 256 : b) * step;
      }
    }
  }
  return { index, values };
}
