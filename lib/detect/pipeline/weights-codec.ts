/**
 * The compact form of the tagger's weights, written by the training script into a generated file
 * and read once when detection loads. Per feature, in ascending feature order: the gap from the
 * previous feature (a varint), a bit mask of the tags with a weight, and those weights as signed
 * bytes on a logarithmic scale (mu-law, as telephone audio does): the weights span four orders of
 * magnitude, so each feature gets its own scale: its largest weight, as one mu-law byte (as
 * telephone audio codes loudness), and its weights as signed bytes of that scale, which keeps each
 * within half a per cent of the feature's largest weight. The header holds the largest weight of
 * all, which sets the scales' range. Weights below `minAbs` are pruned, and features left with none.
 */
import { TAG_COUNT } from './features';
import type { Weights } from './tagger';

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
  const bytes: number[] = [];
  const varint = (n: number) => {
    for (let v = n; ; v = Math.floor(v / 128)) {
      if (v < 128) {
        bytes.push(v);
        return;
      }
      bytes.push((v % 128) | 128);
    }
  };
  varint(maxAbs);
  const kept = keys.filter((key) => {
    const at = weights.index.get(key)!;
    let big = 0;
    for (let k = 0; k < TAG_COUNT; k++) big = Math.max(big, Math.abs(weights.values[at + k]!));
    return big >= minAbs && big > 0;
  });
  varint(kept.length);
  let previous = 0;
  let features = 0;
  const q = new Int32Array(TAG_COUNT);
  for (const key of kept) {
    const at = weights.index.get(key)!;
    let big = 0;
    for (let k = 0; k < TAG_COUNT; k++) big = Math.max(big, Math.abs(weights.values[at + k]!));
    const sb = scaleByte(big);
    const scale = scaleOf(sb);
    const wide = big > WIDE_ABOVE;
    const top = wide ? MAX_WIDE : MAX_Q;
    let mask = wide ? WIDE_FLAG : 0;
    for (let k = 0; k < TAG_COUNT; k++) {
      const w = weights.values[at + k]!;
      // Pruning is per weight: a feature keeps only its weights that can sway a decision.
      q[k] = Math.abs(w) < minAbs ? 0 : Math.max(-top, Math.min(top, Math.round((top * w) / scale)));
      if (q[k]) mask |= 1 << k;
    }
    features++;
    varint(key - previous);
    previous = key;
    bytes.push(mask & 255, mask >> 8, sb);
    for (let k = 0; k < TAG_COUNT; k++) {
      if (!(mask & (1 << k))) continue;
      if (wide) bytes.push(q[k]! & 255, (q[k]! >> 8) & 255);
      else bytes.push(q[k]! & 255);
    }
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += BINARY_CHUNK)
    binary += String.fromCharCode(...bytes.slice(i, i + BINARY_CHUNK));
  return { data: btoa(binary), features };
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
  const norm = Math.log1p(MU);
  const index = new FeatureTable(count);
  const values = new Float32Array(count * TAG_COUNT);
  let key = 0;
  for (let f = 0; f < count; f++) {
    key += varint();
    const mask = raw.charCodeAt(p) | (raw.charCodeAt(p + 1) << 8);
    const wide = mask & WIDE_FLAG;
    const step = (maxAbs * Math.expm1((raw.charCodeAt(p + 2) / 255) * norm)) / MU / (wide ? MAX_WIDE : MAX_Q);
    p += 3;
    const at = f * TAG_COUNT;
    index.set(key, at);
    for (let k = 0; k < TAG_COUNT; k++) {
      if (!(mask & (1 << k))) continue;
      if (wide) {
        const v = raw.charCodeAt(p) | (raw.charCodeAt(p + 1) << 8);
        values[at + k] = (v > MAX_WIDE ? v - 65536 : v) * step;
        p += 2;
      } else {
        const b = raw.charCodeAt(p++);
        values[at + k] = (b > 127 ? b - 256 : b) * step;
      }
    }
  }
  return { index, values };
}
