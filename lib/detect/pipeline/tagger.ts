/**
 * Entity tagging: an averaged perceptron reads each token's features and gives it one of nine
 * tags (O, B-/I- × PER, LOC, ORG, MISC), left to right, each decision seeing the tags before it and
 * what the document called the same word earlier. The weights come from `scripts/train/entities.ts`;
 * detection and training run this same decoder, so what is measured in training is what ships.
 */
import type { Doc, TaggedSpan, TagType } from './doc';
import { fastDecoderFor } from './fast-decoder';
import {
  allowed,
  DYNAMIC_COUNT,
  dynamicFeatures,
  type FeatureTable,
  fillToken,
  staticFeatures,
  TAG_COUNT,
  TAG_TYPES,
} from './features';
import { countTag, docKey, tagLexicon } from './lexicon-tags';
import type { Weights } from './weights';

export type { Weights } from './weights';

/**
 * Called for every token while training: gets the tag the model chose and returns the tag the
 * decoder goes on with (training updates weights here).
 */
export type Learner = (table: FeatureTable, i: number, dynamic: Int32Array, predicted: number) => number;

const NO_TAG = 0;

/** Tags every token of `doc` (which must have `lex`), greedily, left to right. */
export function decode(doc: Doc, table: FeatureTable, weights: Weights, learn?: Learner): Uint8Array {
  const { tokens, sentences } = doc;
  const tags = new Uint8Array(tokens.length);
  const scores = new Float64Array(TAG_COUNT);
  const dynamic = new Int32Array(DYNAMIC_COUNT);
  const { index, values } = weights;
  // What the document has called each capitalised word so far: counts per type.
  const history = new Map<string, Uint16Array>();
  for (const s of sentences) {
    let p1 = NO_TAG;
    let p2 = NO_TAG;
    for (let i = s.first; i < s.last; i++) {
      const t = tokens[i]!;
      // A lower-case word (or punctuation) after O is O: names start with a capital or a digit,
      // and only a name already open continues over "of" or "de". Skipping them halves the work.
      const c0 = t.text.charCodeAt(0);
      if (p1 === NO_TAG && !t.cap && !(c0 >= 48 && c0 <= 57)) {
        tags[i] = NO_TAG;
        p2 = p1;
        p1 = NO_TAG;
        continue;
      }
      const seen = t.cap ? history.get(docKey(t)) : undefined;
      let hist = 0;
      if (seen) {
        let best = 0;
        for (let k = 0; k < 4; k++) if (seen[k]! > best) [best, hist] = [seen[k]!, k + 1];
      }
      dynamicFeatures(table, i, p1, p2, hist, dynamic);
      scores.fill(0);
      const from = table.perSentence ? 0 : table.offsets[i]!;
      const to = table.perSentence ? fillToken(doc, s, i, table, 0) : table.offsets[i + 1]!;
      for (let f = from; f < to; f++) {
        const at = index.get(table.feats[f]!);
        if (at !== undefined) for (let k = 0; k < TAG_COUNT; k++) scores[k]! += values[at + k]!;
      }
      for (let f = 0; f < DYNAMIC_COUNT; f++) {
        const at = index.get(dynamic[f]!);
        if (at !== undefined) for (let k = 0; k < TAG_COUNT; k++) scores[k]! += values[at + k]!;
      }
      let tag = 0;
      let best = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < TAG_COUNT; k++) {
        if (scores[k]! > best && allowed(p1, k)) [best, tag] = [scores[k]!, k];
      }
      if (learn) tag = learn(table, i, dynamic, tag);
      tags[i] = tag;
      if (tag !== 0 && t.cap) countTag(history, docKey(t), tag);
      p2 = p1;
      p1 = tag;
    }
  }
  return tags;
}

/** Reads BIO tags as spans; an I- tag with nothing to continue starts a span. */
export function spansFromTags(doc: Doc, tags: Uint8Array): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (const s of doc.sentences) {
    let open: TaggedSpan | null = null;
    for (let i = s.first; i < s.last; i++) {
      const tag = tags[i]!;
      const type: TagType | null = tag === 0 ? null : TAG_TYPES[(tag - 1) >> 1]!;
      if (open && (tag % 2 === 1 || type !== open.type)) {
        out.push(open);
        open = null;
      }
      if (type && !open) open = { first: i, last: i + 1, type };
      else if (open) open.last = i + 1;
      if (!type) open = null;
    }
    if (open) out.push(open);
  }
  return out;
}

/** The tagging component: adds `doc.lex` when missing, then `doc.tagged`. */
export function tagEntities(doc: Doc, weights: Weights): Doc {
  if (!doc.lex) tagLexicon(doc);
  // Shipped weights are scored by group (the same tags, several times faster); others one by one.
  const fast = fastDecoderFor(weights);
  const tags = fast ? fast.decode(doc) : decode(doc, staticFeatures(doc, true), weights);
  doc.tagged = spansFromTags(doc, tags);
  return doc;
}
