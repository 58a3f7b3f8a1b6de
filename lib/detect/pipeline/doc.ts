/**
 * The document that detection's components pass along: the text, its tokens and sentences (one
 * tokenizer pass), and the layers each component adds. A component reads the layers before it and
 * writes its own; none re-tokenizes or re-scans what another already found.
 */

import { type Sentence, type Token, tokenize } from '../tokens';
import type { EntityType } from '../types';

export interface Doc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  /** Word-list membership of each token, as `LEX` bits (lexicon tagging). */
  lex?: Uint32Array;
  /** Entity spans as the tagger types them, in CoNLL's four classes (tagging). */
  tagged?: TaggedSpan[];
  /** Entity spans in the product's types, roles stripped (naming). */
  names?: NameSpan[];
}

/** The tagger's four classes: people, places, organisations, everything else that is named. */
export type TagType = 'PER' | 'LOC' | 'ORG' | 'MISC';

/** A span of tokens [first, last) the tagger marked as one entity. */
export interface TaggedSpan {
  first: number;
  last: number;
  type: TagType;
}

/** An entity span in the product's types, before ids are given. */
export interface NameSpan {
  start: number;
  end: number;
  /** Token range [first, last). */
  first: number;
  last: number;
  type: EntityType;
  /** A title or role the text gives before a person's name: "Russian President". */
  role?: string;
}

/** Tokenizes `text` into a fresh document with no layers yet. */
export function createDoc(text: string): Doc {
  const { tokens, sentences } = tokenize(text);
  return { text, tokens, sentences };
}
