/**
 * The document that detection's components pass along: the text, its tokens and sentences (one
 * tokenizer pass), what the run was asked (`setting`), and the layers each component adds. A
 * component reads the layers before it and writes its own; none re-tokenizes or re-scans what
 * another already found. The components, in order, are listed in lib/detect/index.ts.
 */

import type { ClaimFeatures } from '../claim-features';
import { type DateExpression, knownReferenceDate, referenceDate } from '../dates';
import { type Sentence, type Token, tokenize } from '../tokens';
import type {
  Attribution,
  ClaimKind,
  ClaimMention,
  DetectOptions,
  EntityMention,
  EntityType,
  Figure,
  PageContext,
  ResolvedDate,
} from '../types';

/** What a run of detection was asked: the article's date and, for a slice of a page, its context. */
export interface DocSetting {
  /** Relative dates resolve against this (today when the article's date is unknown: features only). */
  ref: Date;
  /** `ref` as YYYY-MM-DD. */
  refDay: string;
  /** Whether the article's date is known: without it relative dates are never shown resolved. */
  dated: boolean;
  /** The page's context when the text is a slice of a longer page text, and where the slice starts. */
  context?: PageContext;
  offset: number;
}

export interface Doc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  setting: DocSetting;
  /** The document as the tagger reads it: headline lines re-cased, same tokens and offsets (lexicon). */
  recased?: Doc;
  /** Word-list membership of each token, as `LEX` bits (lexicon tagging). */
  lex?: Uint32Array;
  /** Entity spans as the tagger types them, in CoNLL's four classes (tagging). */
  tagged?: TaggedSpan[];
  /** Entity spans in the product's types, roles stripped (naming). */
  names?: NameSpan[];
  /** Date expressions, resolved against the reference date (dates). */
  dates?: DateExpression[];
  /** Figures of each sentence's statement, years and numbers inside dates left out (figures). */
  figures?: Figure[];
  /** The country the article is mostly about, and the events it names (events). */
  country?: string;
  events?: EventSpan[];
  /** Every name and event with the id of the entity it refers to (linking). */
  entities?: EntityMention[];
  /** Sources the article cites, not yet tied to claims (attributions). */
  attributions?: Attribution[];
  /** Each sentence as claim detection reads it; captions have none (sentences). */
  readings?: SentenceReading[];
  /** Check-worthy claims and labelled opinions; attributions get their claim ids (claims). */
  claims?: ClaimMention[];
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

/** An event described in words, tied to its date. */
export interface EventSpan {
  start: number;
  end: number;
  date: ResolvedDate;
  lookupTitle?: string;
}

/** One sentence as claim detection reads it, before deciding what claims it holds. */
export interface SentenceReading {
  sentence: { start: number; end: number };
  /** Where the statement starts: after a label, dateline or leading "according to ...". */
  start: number;
  end: number;
  /** The quoted stretch that makes a quote claim, when there is one. */
  quoteSpan?: { start: number; end: number };
  figures: Figure[];
  dates: ResolvedDate[];
  /** A forecast or plan: prediction wording, or only dates after the reference date and no figure. */
  prediction: boolean;
  claimant?: { name: string; entityId?: string };
  via?: string;
  /** Words of the sentence: a question or a fragment needs at least a few. */
  words: number;
  features: ClaimFeatures;
}

/** A claim as the claims component finds it, before it gets an id and its entities. */
export interface RawClaim {
  start: number;
  end: number;
  kind: ClaimKind;
  /** How check-worthy the sentence is, 0 to 1 (`claim-score.ts`). */
  score: number;
  sentence: { start: number; end: number };
  figures: Figure[];
  dates: ResolvedDate[];
  claimant?: { name: string; entityId?: string };
  via?: string;
}

/** What `options` ask of a run over `text` (already cut to detection's cap). */
export function settingOf(text: string, options: DetectOptions = {}): DocSetting {
  const ref = referenceDate(options.referenceDate);
  const offset = options.offset ?? 0;
  const setting: DocSetting = {
    ref,
    refDay: ref.toISOString().slice(0, 10),
    dated: knownReferenceDate(options.referenceDate) !== undefined,
    offset,
  };
  // A context too short to hold the slice is no context: the slice reads its own names.
  if (options.context && options.context.length >= offset + text.length) setting.context = options.context;
  return setting;
}

/** Tokenizes `text` into a fresh document with no layers yet. */
export function createDoc(text: string, options: DetectOptions = {}): Doc {
  const { tokens, sentences } = tokenize(text);
  return { text, tokens, sentences, setting: settingOf(text, options) };
}

/** A step of detection: reads the layers of `doc` before it and writes its own. */
export type Component = (doc: Doc) => void;
