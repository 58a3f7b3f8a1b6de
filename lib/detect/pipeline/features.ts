/**
 * The entity tagger's features, shared by the training script and detection so both see exactly the
 * same thing. Every feature is a 30-bit integer: a template number mixed with hashes of the words
 * it reads, so no feature string is ever built on the hot path. Features that read the tags already
 * given (the previous two, and what the document called the same word before) are "dynamic" and
 * computed while decoding; all others are computed once per token.
 */
import { FNV_OFFSET, fnvStep, hashString } from '../hash';
import type { Sentence } from '../tokens';
import type { Doc } from './doc';
import { LEX_BITS } from './lexicon-tags';

/** Tags: O, then B- and I- for each of PER, LOC, ORG, MISC. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export const TAG_COUNT = TAGS.length;
/** Entity types in tag order: type k has B = 2k+1, I = 2k+2. */
export const TAG_TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;

/** An I- tag may only continue a span of its own type. */
export function allowed(prev: number, tag: number): boolean {
  return tag === 0 || tag % 2 === 1 || prev === tag || prev === tag - 1;
}

/** Mixes a template number with up to three values into a 30-bit feature (a small integer for Maps). */
export function feature(template: number, a = 0, b = 0, c = 0): number {
  let h = Math.imul(template ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ a ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ b ^ (h >>> 16), 0x27d4eb2f);
  h = Math.imul(h ^ c ^ (h >>> 15), 0x165667b1);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

/** Word shape, runs collapsed: "Putin" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d". */
export function shape(s: string): string {
  let out = '';
  let last = '';
  for (const ch of s) {
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

// Template numbers. Changing one changes every weight it names: retrain after.
const T = {
  bias: 1,
  w0: 2,
  wm1: 3,
  wp1: 4,
  wm2: 5,
  wp2: 6,
  s0: 7,
  sm1: 8,
  sp1: 9,
  prefix: 10,
  suffix: 11,
  wm1w0: 12,
  w0wp1: 13,
  shapes3: 14,
  lex0: 15,
  lexm1: 16,
  lexp1: 17,
  lex0headline: 18,
  firstShape: 19,
  headlineShape: 20,
  position: 21,
  wm1s0: 22,
  s0wp1: 23,
  cased: 24,
  lexm1s0: 25,
  prev: 40,
  prev2: 41,
  prevW0: 42,
  prevS0: 43,
  history: 44,
  historyShape: 45,
} as const;

/** Hash of the word and shape standing in for a neighbour beyond the sentence. */
export const EDGE = hashString('<edge>');
const PREFIXES = 3;
const SUFFIXES = 4;
/** The most static features one token can have: 18 fixed, 7 affixes, and 5 per word-list bit. */
const MAX_STATIC = 25 + 5 * LEX_BITS;
/** Sentence positions beyond this share one feature. */
export const MAX_POSITION = 3;

/** Per-token hashes the templates read. */
interface TokenHashes {
  word: Uint32Array;
  shape: Uint32Array;
}

/** Words repeat (Zipf): their hashes are kept across calls, up to this many words. */
const HASH_CACHE_SIZE = 50_000;
const hashCache = new Map<string, [word: number, shape: number, cased: number]>();

/** The hashes of a token's text: its lower-cased form, its shape, and the text as written. */
export function wordHashes(text: string): [word: number, shape: number, cased: number] {
  let h = hashCache.get(text);
  if (!h) {
    if (hashCache.size >= HASH_CACHE_SIZE) hashCache.clear();
    h = [hashString(text.toLowerCase()), hashString(shape(text)), hashString(text)];
    hashCache.set(text, h);
  }
  return h;
}

function tokenHashes(doc: Doc): TokenHashes {
  const n = doc.tokens.length;
  const word = new Uint32Array(n);
  const shp = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const t = doc.tokens[i]!;
    const h = wordHashes(t.text);
    // A possessive's "’s" is lower-cased by the tokenizer whatever its case: hash what it reads.
    word[i] = t.lower === t.text.toLowerCase() ? h[0] : hashString(t.lower);
    shp[i] = h[1];
  }
  return { word, shape: shp };
}

/** Static features of every token: token i's are `feats[offsets[i]] … feats[offsets[i + 1] - 1]`. */
export interface FeatureTable {
  feats: Int32Array;
  offsets: Uint32Array;
  /** Hashes the dynamic features need again. */
  word: Uint32Array;
  shape: Uint32Array;
  /**
   * Set when `feats` holds one token at a time (detection: memory stays small on long pages, and
   * tokens the decoder need not score cost nothing); the decoder calls `fillToken` for each token
   * it scores. Training keeps the whole document's.
   */
  perSentence?: boolean;
}

/**
 * The static features of `doc` (which must have `lex`): of every token at once, or, with
 * `perSentence`, a table that `fillToken` fills one token at a time.
 */
export function staticFeatures(doc: Doc, perSentence = false): FeatureTable {
  const { tokens, sentences } = doc;
  const h = tokenHashes(doc);
  let total = 0;
  for (const s of sentences) total += s.last - s.first;
  const table: FeatureTable = {
    feats: new Int32Array((perSentence ? 1 : total) * MAX_STATIC),
    offsets: new Uint32Array(tokens.length + 1),
    word: h.word,
    shape: h.shape,
  };
  if (perSentence) {
    table.perSentence = true;
    return table;
  }
  let k = 0;
  for (const s of sentences) k = fillSentence(doc, s, table, k);
  table.offsets[tokens.length] = k;
  // Training keeps hundreds of documents' tables: only what was written.
  table.feats = table.feats.slice(0, k);
  return table;
}

/** Writes the static features of sentence `s` into `table` from position `k`; returns the end. */
export function fillSentence(doc: Doc, s: Sentence, table: FeatureTable, from = 0): number {
  let k = from;
  for (let i = s.first; i < s.last; i++) {
    table.offsets[i] = k;
    k = fillToken(doc, s, i, table, k);
  }
  table.offsets[s.last] = k;
  return k;
}

/**
 * Neighbour roles: the features a word gives the token one (`prev`, `next`) or two (`prev2`,
 * `next2`) places away. They read that word alone, so detection can score them once per word.
 */
export const ROLE = { prev: 0, next: 1, prev2: 2, next2: 3 } as const;
export const ROLE_COUNT = 4;

/** Writes the features of a token's place: the bias and its position in the sentence. Returns the end. */
export function placeFeatures(position: number, headline: number, out: Int32Array, k: number): number {
  out[k++] = feature(T.bias);
  out[k++] = feature(T.position, Math.min(position, MAX_POSITION), headline);
  return k;
}

/**
 * Writes the features of a token's own word (`lower` its lower-cased text, `cased` the hash of its
 * text as written, or undefined when it is not capitalised): word, shape, case, prefixes, suffixes.
 */
export function ownFeatures(
  lower: string,
  w0: number,
  s0: number,
  cased: number | undefined,
  out: Int32Array,
  k: number,
): number {
  out[k++] = feature(T.w0, w0);
  out[k++] = feature(T.s0, s0);
  // Case matters for names beyond the shape: "Bush" and "bush", "US" and "us".
  if (cased !== undefined) out[k++] = feature(T.cased, cased);
  // Prefixes and suffixes of the lower-cased word, hashed as they grow.
  let ph = FNV_OFFSET;
  for (let c = 0; c < Math.min(PREFIXES, lower.length - 1); c++) {
    ph = fnvStep(ph, lower.charCodeAt(c));
    out[k++] = feature(T.prefix, c, ph >>> 0);
  }
  let sh = FNV_OFFSET;
  for (let c = 0; c < Math.min(SUFFIXES, lower.length - 1); c++) {
    sh = fnvStep(sh, lower.charCodeAt(lower.length - 1 - c));
    out[k++] = feature(T.suffix, c, sh >>> 0);
  }
  return k;
}

/** Writes the features of a token's shape where it stands: first in its sentence, in a headline. */
export function standingFeatures(first: number, headline: number, s0: number, out: Int32Array, k: number): number {
  out[k++] = feature(T.firstShape, first, s0);
  out[k++] = feature(T.headlineShape, headline, s0);
  return k;
}

/** Writes the features a word (hashes `w`, `s`) gives the token it is the `role` neighbour of. */
export function neighbourFeatures(role: number, w: number, s: number, out: Int32Array, k: number): number {
  if (role === ROLE.prev) {
    out[k++] = feature(T.wm1, w);
    out[k++] = feature(T.sm1, s);
  } else if (role === ROLE.next) {
    out[k++] = feature(T.wp1, w);
    out[k++] = feature(T.sp1, s);
  } else out[k++] = feature(role === ROLE.prev2 ? T.wm2 : T.wp2, w);
  return k;
}

/** Writes the features that pair a token with its neighbours one place away. */
export function pairFeatures(
  wm1: number,
  w0: number,
  wp1: number,
  sm1: number,
  s0: number,
  sp1: number,
  out: Int32Array,
  k: number,
): number {
  out[k++] = feature(T.wm1w0, wm1, w0);
  out[k++] = feature(T.w0wp1, w0, wp1);
  out[k++] = feature(T.shapes3, sm1, s0, sp1);
  out[k++] = feature(T.wm1s0, wm1, s0);
  out[k++] = feature(T.s0wp1, s0, wp1);
  return k;
}

/** Writes the features of the token's own word-list bit `b`. */
export function lexOwnFeatures(b: number, headline: number, cap: number, out: Int32Array, k: number): number {
  out[k++] = feature(T.lex0, b);
  out[k++] = feature(T.lex0headline, b, headline, cap);
  return k;
}

/** The feature of the previous token's word-list bit `b` alone. */
export const lexPrevFeature = (b: number): number => feature(T.lexm1, b);
/** The feature of the previous token's word-list bit `b` with this token's shape. */
export const lexPrevShapeFeature = (b: number, s0: number): number => feature(T.lexm1s0, b, s0);
/** The feature of the next token's word-list bit `b`. */
export const lexNextFeature = (b: number): number => feature(T.lexp1, b);

/** Writes the static features of token `i` (in sentence `s`) into `table.feats` from `k`; returns the end. */
export function fillToken(doc: Doc, s: Sentence, i: number, table: FeatureTable, from: number): number {
  const t = doc.tokens[i]!;
  const lex = doc.lex!;
  const { feats, word, shape } = table;
  const inside = (j: number) => j >= s.first && j < s.last;
  const headline = s.headline ? 1 : 0;
  const w0 = word[i]!;
  const s0 = shape[i]!;
  const wm1 = inside(i - 1) ? word[i - 1]! : EDGE;
  const wp1 = inside(i + 1) ? word[i + 1]! : EDGE;
  const sm1 = inside(i - 1) ? shape[i - 1]! : EDGE;
  const sp1 = inside(i + 1) ? shape[i + 1]! : EDGE;
  let k = placeFeatures(i - s.first, headline, feats, from);
  k = ownFeatures(t.lower, w0, s0, t.cap ? wordHashes(t.text)[2] : undefined, feats, k);
  k = standingFeatures(i === s.first ? 1 : 0, headline, s0, feats, k);
  k = neighbourFeatures(ROLE.prev, wm1, sm1, feats, k);
  k = neighbourFeatures(ROLE.next, wp1, sp1, feats, k);
  k = neighbourFeatures(ROLE.prev2, inside(i - 2) ? word[i - 2]! : EDGE, EDGE, feats, k);
  k = neighbourFeatures(ROLE.next2, inside(i + 2) ? word[i + 2]! : EDGE, EDGE, feats, k);
  k = pairFeatures(wm1, w0, wp1, sm1, s0, sp1, feats, k);
  const l0 = lex[i]!;
  const lm1 = inside(i - 1) ? lex[i - 1]! : 0;
  const lp1 = inside(i + 1) ? lex[i + 1]! : 0;
  for (let b = 0; b < LEX_BITS; b++) {
    const bit = 1 << b;
    if (l0 & bit) k = lexOwnFeatures(b, headline, t.cap ? 1 : 0, feats, k);
    if (lm1 & bit) {
      feats[k++] = lexPrevFeature(b);
      feats[k++] = lexPrevShapeFeature(b, s0);
    }
    if (lp1 & bit) feats[k++] = lexNextFeature(b);
  }
  return k;
}

/** Dynamic features read the tags given so far. */
export const DYNAMIC_COUNT = 6;

/**
 * Writes token i's dynamic features into `out`: the previous tag (`p1`), the two before (`p2`),
 * and `history`, the type (1-4, 0 for none) the document gave the same word earlier.
 */
export function dynamicFeatures(
  table: FeatureTable,
  i: number,
  p1: number,
  p2: number,
  history: number,
  out: Int32Array,
): void {
  const s0 = table.shape[i]!;
  out[0] = prevTagFeature(p1);
  out[1] = prevTagsFeature(p2, p1);
  out[2] = prevTagWordFeature(p1, table.word[i]!);
  out[3] = prevTagShapeFeature(p1, s0);
  out[4] = historyFeature(history);
  out[5] = historyShapeFeature(history, s0, p1);
}

/** The feature of the previous tag. */
export const prevTagFeature = (p1: number): number => feature(T.prev, p1);
/** The feature of the previous two tags. */
export const prevTagsFeature = (p2: number, p1: number): number => feature(T.prev2, p2, p1);
/** The feature of the previous tag with this word. */
export const prevTagWordFeature = (p1: number, w0: number): number => feature(T.prevW0, p1, w0);
/** The feature of the previous tag with this shape. */
export const prevTagShapeFeature = (p1: number, s0: number): number => feature(T.prevS0, p1, s0);
/** The feature of what the document called this word before (1-4, 0 for nothing). */
export const historyFeature = (history: number): number => feature(T.history, history);
/** The same with this shape and the previous tag. */
export const historyShapeFeature = (history: number, s0: number, p1: number): number =>
  feature(T.historyShape, history, s0, p1);
