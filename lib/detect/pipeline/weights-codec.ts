/**
 * The compact form of the tagger's weights, written by the training script into a generated file
 * and read once when detection loads. Per feature, in ascending feature order: the gap from the
 * previous feature (a varint), a bit mask of the tags with a weight, and those weights as signed
 * bytes on a logarithmic scale (mu-law, as telephone audio does): the weights span four orders of
 * magnitude, and a linear byte scale would round every small weight to zero, while mu-law keeps
 * each within a few per cent. The header holds the largest weight, which sets the scale. Features
 * whose largest weight is below `minAbs` are pruned.
 */
import { TAG_COUNT } from './features';
import type { Weights } from './tagger';

/** Quantised weights run from -MAX_Q to MAX_Q. */
const MAX_Q = 127;
/** Mu-law compression: the ratio of the largest weight to the finest step near zero, roughly. */
const MU = 5000;
/** Bytes turned into a string per call: spreading more could overflow the stack. */
const BINARY_CHUNK = 8192;

/** Encodes float weights as base64 bytes, dropping features whose largest |weight| is below `minAbs`. */
export function encodeWeights(weights: Weights, minAbs = 0): { data: string; features: number } {
  let maxAbs = 0;
  for (const at of weights.index.values())
    for (let k = 0; k < TAG_COUNT; k++) maxAbs = Math.max(maxAbs, Math.abs(weights.values[at + k]!));
  maxAbs = Math.max(1, Math.ceil(maxAbs));
  const norm = Math.log1p(MU);
  const quantise = (w: number) => Math.sign(w) * Math.round((MAX_Q * Math.log1p((MU * Math.abs(w)) / maxAbs)) / norm);
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
  let previous = 0;
  let features = 0;
  const q = new Int8Array(TAG_COUNT);
  for (const key of keys) {
    const at = weights.index.get(key)!;
    let mask = 0;
    let big = 0;
    for (let k = 0; k < TAG_COUNT; k++) {
      const w = weights.values[at + k]!;
      q[k] = quantise(w);
      if (q[k]) mask |= 1 << k;
      big = Math.max(big, Math.abs(w));
    }
    if (!mask || big < minAbs) continue;
    features++;
    varint(key - previous);
    previous = key;
    bytes.push(mask & 255, mask >> 8);
    for (let k = 0; k < TAG_COUNT; k++) if (mask & (1 << k)) bytes.push(q[k]! & 255);
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += BINARY_CHUNK)
    binary += String.fromCharCode(...bytes.slice(i, i + BINARY_CHUNK));
  return { data: btoa(binary), features };
}

/** Decodes what `encodeWeights` wrote. */
export function decodeWeights(data: string): Weights {
  const raw = atob(data);
  const index = new Map<number, number>();
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
  // Byte value → weight, once: decoding is then a table lookup per weight.
  const level = new Float32Array(256);
  for (let b = 0; b < 256; b++) {
    const q = b > 127 ? b - 256 : b;
    level[b] = (Math.sign(q) * maxAbs * Math.expm1((Math.abs(q) / MAX_Q) * Math.log1p(MU))) / MU;
  }
  const chunks: number[] = [];
  let key = 0;
  while (p < raw.length) {
    key += varint();
    const mask = raw.charCodeAt(p) | (raw.charCodeAt(p + 1) << 8);
    p += 2;
    index.set(key, chunks.length);
    for (let k = 0; k < TAG_COUNT; k++) {
      if (mask & (1 << k)) {
        chunks.push(level[raw.charCodeAt(p++)]!);
      } else chunks.push(0);
    }
  }
  return { index, values: Float32Array.from(chunks) };
}
