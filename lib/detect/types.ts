/**
 * What detection finds in a text: the contract between `lib/detect/` (which produces it) and
 * the page, the background and the annotator (which consume it). Offsets are UTF-16 indices
 * into the text given to `detect`, end exclusive.
 */

export type EntityType = 'person' | 'place' | 'organization' | 'event' | 'law' | 'group' | 'other';
export type ClaimKind = 'statistic' | 'quote' | 'disputed' | 'event' | 'factual' | 'opinion';

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A date expression resolved against the reference date. */
export interface ResolvedDate extends Span {
  /** ISO prefix as precise as the text allows: "2021", "2021-05" or "2021-05-14". */
  value: string;
}

/** A figure a claim states, normalised: "90 per cent" → { number: 90, unit: "percent" }. */
export interface Figure extends Span {
  number: number;
  unit: 'percent' | 'count' | 'money' | 'rank' | 'year' | 'other';
  /** ISO 4217 code for money, when the text names the currency. */
  currency?: string;
  /** What is counted, when the text says: "types of weapons", "people". */
  of?: string;
}

export interface EntityMention extends Span {
  type: EntityType;
  /** Shared by every mention of the same entity on the page ("Assad" and "Bashar Al-Assad"). */
  entityId: string;
  /** The fullest name the page gives this entity, without titles or roles. */
  name: string;
  /** A title or role the text gives with the name: "Russian President". */
  role?: string;
  /** For events: the date they refer to, resolved. */
  date?: ResolvedDate;
  /** For events described in words: a title an encyclopedia would use, when one can be formed. */
  lookupTitle?: string;
  /**
   * For places: the common noun the text puts with the name ("province" in "the southern province
   * of Daraa" or "Idlib province"), so a lookup can tell the province from its city.
   */
  descriptor?: string;
}

export interface ClaimMention extends Span {
  /** Stable within one detection run: "c0", "c1", ... */
  id: string;
  kind: ClaimKind;
  /**
   * How check-worthy the claim's sentence is, 0 to 1 (higher = more), from the learned model.
   * Claims other than `opinion` reach the model's threshold; an opinion or forecast is never
   * check-worthy, whatever its score. The page also reads it to decide which claims get a line.
   */
  score: number;
  /** The sentence the claim sits in. */
  sentence: { start: number; end: number };
  /** Who makes the claim, when the text says. */
  claimant?: { name: string; entityId?: string };
  /** Through what the claim is reported: "Kremlin statement". */
  via?: string;
  figures: Figure[];
  /** The dates the claim refers to, resolved: absolute ones always, relative ones against the article's date. */
  dates: ResolvedDate[];
  /**
   * Relative date expressions ("on Wednesday", "last year") when the article's date is unknown:
   * shown as the text says them, never resolved against the reader's today. Absent when the
   * reference date is known (they are in `dates` then) or the claim has none.
   */
  unresolvedDates?: Span[];
  /** Entities the claim is about (ids of `EntityMention.entityId`). */
  entityIds: string[];
  /** A few words that identify the claim for a fact-check search. */
  keyPhrase: string;
}

/** A cited source inside the article: "according to a Kremlin statement", "[Anadolu Agency]". */
export interface Attribution extends Span {
  /** The source's name as the text gives it: "Kremlin", "Anadolu Agency". */
  source: string;
  kind: 'statement' | 'outlet' | 'agency' | 'credit' | 'spokesperson' | 'official' | 'other';
  /** The entity the source is, when an entity names it (`EntityMention.entityId`): "Neumann" in "a spokeswoman for Neumann". */
  entityId?: string;
  /** Claims that rest on this source. */
  claimIds: string[];
}

export interface Detection {
  entities: EntityMention[];
  claims: ClaimMention[];
  attributions: Attribution[];
}

/** A name found over the page's whole text: its span (offsets into that text), type and role. */
export interface PageName {
  start: number;
  end: number;
  type: EntityType;
  /** A title or role the text gives before a person's name: "Russian President". */
  role?: string;
}

/**
 * What detection of one slice needs from the rest of the page, read once over the page's whole
 * text (`readPage` in lib/detect/page-context.ts) and handed to every slice, so that no decision
 * depends on where the slices were cut or which came first. The tagger reads what the document
 * called a word earlier ("Assad" after "Bashar Al-Assad" is a person), and an event's title reads
 * the country the article is about: neither can be decided from a slice alone.
 */
export interface PageContext {
  /** How much of the page's text was read (texts longer than detection's cap are cut). */
  length: number;
  /** The country the article is mostly about ("Syria"), when one stands out. */
  country?: string;
  /** Every name in the page's text, in order. A slice's detection takes the names in its range. */
  names: PageName[];
}

export interface DetectOptions {
  /**
   * The article's publication date, YYYY-MM-DD; relative dates resolve against it. Without it,
   * relative dates are left unresolved (`ClaimMention.unresolvedDates`, and no date on events
   * dated only that way); absolute dates ("17 May 2018") are resolved all the same.
   */
  referenceDate?: string;
  /**
   * The page's context when the text is a slice of a longer page text: names and country come
   * from it instead of from the slice alone. `offset` is where the slice starts in the page's text.
   */
  context?: PageContext;
  offset?: number;
}
