/**
 * The tagger's fast decoder: its scores with fixed weights, as detection runs it. Most of a token's features read one
 * word alone (its own word, or a neighbour's), a shape alone, or a handful of values (the position,
 * a word-list bit, the previous tags). So instead of looking up some forty features per token, the
 * decoder sums each such group's weights once, per word, shape or value, and keeps the sums: a
 * token's scores are then a dozen vector additions and the few lookups of features that pair two
 * words.
 *
 * The scores are exactly those of summing feature by feature (`decode` in `tagger.ts`), so the
 * tags are too: every weight is a float32, so a multiple of the smallest weight's last bit, and the
 * largest is at most `MAX_EXACT_RANGE` times the smallest (the codec prunes the smallest weights),
 * so a float64 holds any sum of a few hundred of them exactly, in any order. `fastDecoderFor` checks
 * that bound and leaves weights that break it to the feature-by-feature decoder.
 */
import { hashString } from '../hash';
import type { Doc } from './doc';
import {
  allowed,
  EDGE,
  historyFeature,
  historyShapeFeature,
  lexNextFeature,
  lexOwnFeatures,
  lexPrevFeature,
  lexPrevShapeFeature,
  MAX_POSITION,
  neighbourFeatures,
  ownFeatures,
  pairFeatures,
  placeFeatures,
  prevTagFeature,
  prevTagShapeFeature,
  prevTagsFeature,
  prevTagWordFeature,
  ROLE_COUNT,
  standingFeatures,
  TAG_COUNT,
  wordHashes,
} from './features';
import { countTag, docKey, LEX_BITS } from './lexicon-tags';
import type { Weights } from './weights';

/** Local copies: the hot loops read them per token. */
const N = TAG_COUNT;
const HISTORY_VALUES = 5;
/**
 * The largest ratio of the largest weight to the smallest (nonzero) for which sums of up to 2^8
 * float32 weights are exact in a float64 (24 bits of each, 8 of carries, 21 of range: 53).
 */
const MAX_EXACT_RANGE = 2 ** 21;
/**
 * Word entries kept across calls (words repeat across a page's chunks and pages), about 0.4 KiB
 * each (1 KiB once scored), in two generations of at most this many: a few MiB at most.
 */
const WORD_CACHE_SIZE = 4_096;
/** Shape entries kept across calls, about 5 KiB each; a corpus of news has a few hundred shapes. */
const SHAPE_CACHE_SIZE = 512;

/** What the decoder keeps per word: its hashes, its sums as a neighbour, and, once scored, as itself. */
interface WordEntry {
  word: number;
  shape: number;
  cap: boolean;
  /** ROLE_COUNT vectors: what this word adds to the token it is each neighbour of. */
  roles: Float64Array;
  /** The word's own features, once it is scored. */
  own?: Float64Array;
  /** TAG_COUNT vectors, by previous tag: the previous tag with this word; made as tags occur. */
  prevWord?: Float64Array;
  /** Which of `prevWord`'s vectors are made, a bit per previous tag. */
  prevReady: number;
}

/** What the decoder keeps per shape. */
interface ShapeEntry {
  /** By position (0 … MAX_POSITION), then headline: the shape where it stands, with the place features. */
  placed: Float64Array;
  /** By history value, then previous tag: the previous tag and the history with this shape. */
  prevShape: Float64Array;
  /** By word-list bit of the previous token: that bit, alone and with this shape. */
  lexPrev: Float64Array;
}

/** Sums weights by group for one set of weights; see the file comment. */
export class FastDecoder {
  private readonly weights: Weights;
  private readonly values: Float32Array;
  /** Words seen lately, and those of the generation before: a full cache drops only the older. */
  private words = new Map<string, WordEntry>();
  private older = new Map<string, WordEntry>();
  private readonly shapes = new Map<number, ShapeEntry>();
  private readonly edge: WordEntry;
  /** By position (0 … MAX_POSITION), then headline. */
  private readonly place: Float64Array;
  /** By bit, then headline, then capitalised. */
  private readonly lexOwn: Float64Array;
  private readonly lexPrev: Float64Array;
  private readonly lexNext: Float64Array;
  /** By the tag two back, the previous tag, then the history value: the tags' and history's features. */
  private readonly prevTags: Float64Array;
  private readonly buffer = new Int32Array(32);

  constructor(weights: Weights) {
    this.weights = weights;
    this.values = weights.values as Float32Array;
    this.edge = this.wordEntry('', EDGE, EDGE, false);
    this.place = new Float64Array((MAX_POSITION + 1) * 2 * N);
    for (let p = 0; p <= MAX_POSITION; p++)
      for (let h = 0; h < 2; h++) this.sum(this.place, (p * 2 + h) * N, placeFeatures(p, h, this.buffer, 0));
    this.lexOwn = new Float64Array(LEX_BITS * 4 * N);
    this.lexPrev = new Float64Array(LEX_BITS * N);
    this.lexNext = new Float64Array(LEX_BITS * N);
    for (let b = 0; b < LEX_BITS; b++) {
      for (let h = 0; h < 2; h++)
        for (let c = 0; c < 2; c++)
          this.sum(this.lexOwn, (b * 4 + h * 2 + c) * N, lexOwnFeatures(b, h, c, this.buffer, 0));
      this.add(this.lexPrev, b * N, lexPrevFeature(b));
      this.add(this.lexNext, b * N, lexNextFeature(b));
    }
    this.prevTags = new Float64Array(N * N * HISTORY_VALUES * N);
    for (let p2 = 0; p2 < N; p2++)
      for (let p1 = 0; p1 < N; p1++)
        for (let h = 0; h < HISTORY_VALUES; h++) {
          const at = ((p2 * N + p1) * HISTORY_VALUES + h) * N;
          this.add(this.prevTags, at, prevTagFeature(p1));
          this.add(this.prevTags, at, prevTagsFeature(p2, p1));
          this.add(this.prevTags, at, historyFeature(h));
        }
  }

  /** Adds feature `f`'s weights to `out` from `at`. */
  private add(out: Float64Array, at: number, f: number): void {
    const w = this.weights.index.get(f);
    if (w === undefined) return;
    const { values } = this;
    for (let k = 0; k < N; k++) out[at + k]! += values[w + k]!;
  }

  /** Adds the weights of the first `count` features in the buffer. */
  private sum(out: Float64Array, at: number, count: number): void {
    for (let f = 0; f < count; f++) this.add(out, at, this.buffer[f]!);
  }

  private wordEntry(text: string, word: number, shape: number, cap: boolean): WordEntry {
    const roles = new Float64Array(ROLE_COUNT * N);
    for (let r = 0; r < ROLE_COUNT; r++) this.sum(roles, r * N, neighbourFeatures(r, word, shape, this.buffer, 0));
    const entry: WordEntry = { word, shape, cap, roles, prevReady: 0 };
    if (text) this.keep(text, entry);
    return entry;
  }

  private keep(text: string, entry: WordEntry): void {
    if (this.words.size >= WORD_CACHE_SIZE) {
      this.older = this.words;
      this.words = new Map();
    }
    this.words.set(text, entry);
  }

  /** The entry of a token's word (its text and whether the tokenizer took it as capitalised). */
  word(text: string, lower: string, cap: boolean): WordEntry {
    let entry = this.words.get(text);
    if (!entry) {
      // A word of the older generation still in use moves to the newer one.
      entry = this.older.get(text);
      if (entry) this.keep(text, entry);
    }
    if (entry && entry.cap === cap) return entry;
    const h = wordHashes(text);
    // The tokenizer lower-cases every token's text; hash what the features read, as `tokenHashes` does.
    const word = lower === text.toLowerCase() ? h[0] : hashString(lower);
    return this.wordEntry(entry ? '' : text, word, h[1], cap);
  }

  /** The word's own vectors, made on its first scoring: 4, by (first in sentence, headline). */
  own(e: WordEntry, text: string, lower: string): Float64Array {
    if (e.own) return e.own;
    const own = new Float64Array(N);
    this.sum(own, 0, ownFeatures(lower, e.word, e.shape, e.cap ? wordHashes(text)[2] : undefined, this.buffer, 0));
    e.own = own;
    return own;
  }

  /** The word's vectors by previous tag, with the one for `p1` made if it was not yet. */
  private prevWord(e: WordEntry, p1: number): Float64Array {
    e.prevWord ??= new Float64Array(N * N);
    if (!(e.prevReady & (1 << p1))) {
      this.add(e.prevWord, p1 * N, prevTagWordFeature(p1, e.word));
      e.prevReady |= 1 << p1;
    }
    return e.prevWord;
  }

  private shape(s0: number): ShapeEntry {
    let e = this.shapes.get(s0);
    if (e) return e;
    e = {
      placed: this.place.slice(),
      prevShape: new Float64Array(HISTORY_VALUES * N * N),
      lexPrev: this.lexPrev.slice(),
    };
    for (let p1 = 0; p1 < N; p1++)
      for (let h = 0; h < HISTORY_VALUES; h++) {
        this.add(e.prevShape, (h * N + p1) * N, prevTagShapeFeature(p1, s0));
        this.add(e.prevShape, (h * N + p1) * N, historyShapeFeature(h, s0, p1));
      }
    for (let b = 0; b < LEX_BITS; b++) this.add(e.lexPrev, b * N, lexPrevShapeFeature(b, s0));
    for (let p = 0; p <= MAX_POSITION; p++)
      for (let h = 0; h < 2; h++)
        this.sum(e.placed, (p * 2 + h) * N, standingFeatures(p === 0 ? 1 : 0, h, s0, this.buffer, 0));
    if (this.shapes.size >= SHAPE_CACHE_SIZE) this.shapes.clear();
    this.shapes.set(s0, e);
    return e;
  }

  /**
   * Tags every token of `doc` (which must have `lex`) greedily, left to right: the same tags as
   * `decode` with the same weights. About 100 lines, kept whole on purpose: it is detection's
   * per-token hot loop, and its state (scores, previous tags, entries) stays in locals rather than
   * passing through calls for every token.
   */
  decode(doc: Doc): Uint8Array {
    const { tokens, sentences } = doc;
    const lex = doc.lex!;
    const n = tokens.length;
    const tags = new Uint8Array(n);
    const scores = new Float64Array(N);
    const entries: (WordEntry | undefined)[] = new Array(n);
    const entryAt = (i: number) => {
      let e = entries[i];
      if (!e) {
        const t = tokens[i]!;
        e = this.word(t.text, t.lower, t.cap);
        entries[i] = e;
      }
      return e;
    };
    const history = new Map<string, Uint16Array>();
    const { lexOwn, lexNext, prevTags, edge, values } = this;
    const { index } = this.weights;
    const addVec = (v: Float64Array, at: number) => {
      for (let k = 0; k < N; k++) scores[k]! += v[at + k]!;
    };
    for (const s of sentences) {
      let p1 = 0;
      let p2 = 0;
      const headline = s.headline ? 1 : 0;
      for (let i = s.first; i < s.last; i++) {
        const t = tokens[i]!;
        // As `decode`: a lower-case word or punctuation after O is O.
        const c0 = t.text.charCodeAt(0);
        if (p1 === 0 && !t.cap && !(c0 >= 48 && c0 <= 57)) {
          tags[i] = 0;
          p2 = p1;
          p1 = 0;
          continue;
        }
        const key = t.cap ? docKey(t) : '';
        const seen = t.cap ? history.get(key) : undefined;
        let hist = 0;
        if (seen) {
          let best = 0;
          for (let k = 0; k < 4; k++)
            if (seen[k]! > best) {
              best = seen[k]!;
              hist = k + 1;
            }
        }
        const e = entryAt(i);
        const em1 = i - 1 >= s.first ? entryAt(i - 1) : edge;
        const ep1 = i + 1 < s.last ? entryAt(i + 1) : edge;
        const em2 = i - 2 >= s.first ? entryAt(i - 2) : edge;
        const ep2 = i + 2 < s.last ? entryAt(i + 2) : edge;
        const sh = this.shape(e.shape);
        scores.fill(0);
        addVec(this.own(e, t.text, t.lower), 0);
        addVec(sh.placed, (Math.min(i - s.first, MAX_POSITION) * 2 + headline) * N);
        addVec(em1.roles, 0);
        addVec(ep1.roles, N);
        addVec(em2.roles, 2 * N);
        addVec(ep2.roles, 3 * N);
        const pairs = pairFeatures(em1.word, e.word, ep1.word, em1.shape, e.shape, ep1.shape, this.buffer, 0);
        for (let f = 0; f < pairs; f++) {
          const w = index.get(this.buffer[f]!);
          if (w !== undefined) for (let k = 0; k < N; k++) scores[k]! += values[w + k]!;
        }
        const l0 = lex[i]!;
        const lm1 = i - 1 >= s.first ? lex[i - 1]! : 0;
        const lp1 = i + 1 < s.last ? lex[i + 1]! : 0;
        // Only the bits that are set, lowest first (the order of the loop over all bits it replaces).
        let set = l0 | lm1 | lp1;
        if (set) {
          const cap = t.cap ? 1 : 0;
          while (set) {
            const bit = set & -set;
            const b = 31 - Math.clz32(bit);
            if (l0 & bit) addVec(lexOwn, (b * 4 + headline * 2 + cap) * N);
            if (lm1 & bit) addVec(sh.lexPrev, b * N);
            if (lp1 & bit) addVec(lexNext, b * N);
            set ^= bit;
          }
        }
        addVec(prevTags, ((p2 * N + p1) * HISTORY_VALUES + hist) * N);
        addVec(this.prevWord(e, p1), p1 * N);
        addVec(sh.prevShape, (hist * N + p1) * N);
        let tag = 0;
        let best = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < N; k++) {
          if (scores[k]! > best && allowed(p1, k)) {
            best = scores[k]!;
            tag = k;
          }
        }
        tags[i] = tag;
        if (tag !== 0 && t.cap) countTag(history, key, tag);
        p2 = p1;
        p1 = tag;
      }
    }
    return tags;
  }
}

const fastDecoders = new WeakMap<Weights, FastDecoder | null>();

/** Whether every weight lies where sums of them are exact in any order (see the file comment). */
function exactSums(weights: Weights): boolean {
  const { values } = weights;
  if (!(values instanceof Float32Array)) return false;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a === 0) continue;
    if (a < min) min = a;
    if (a > max) max = a;
  }
  return max <= min * MAX_EXACT_RANGE;
}

/** The fast decoder of `weights`, made once; null when its sums would not be exact (use `decode`). */
export function fastDecoderFor(weights: Weights): FastDecoder | null {
  let s = fastDecoders.get(weights);
  if (s === undefined) {
    s = exactSums(weights) ? new FastDecoder(weights) : null;
    fastDecoders.set(weights, s);
  }
  return s;
}
