import * as z from 'zod/mini';
import { lazy } from '../lazy';
import { MAX_DETECT_CHARS, MAX_PAGE_CHARS } from './detection-limits';

/**
 * Detection's contract: what `lib/detect/` finds in a text, as it crosses from the background to
 * the page, and the page context sent back with each slice of a page's text. The schemas come
 * first and the types are inferred from them (lib/detect/types.ts re-exports them), so the two
 * cannot drift. Offsets are UTF-16 indices into the text given to `detect`, end exclusive. Every
 * field is checked and anything else is dropped (a loose schema that let unknown fields through
 * cost the seed article's parse about 5 ms more, spent copying them). Built on first use
 * (lib/lazy.ts).
 */

/** The kinds of entity detection finds. */
const ENTITY_TYPES = ['person', 'place', 'organization', 'event', 'law', 'group', 'other'] as const;
/** The kinds of claim: opinion is labelled so a card can say so, and is never check-worthy. */
const CLAIM_KINDS = ['statistic', 'quote', 'disputed', 'event', 'factual', 'opinion'] as const;
const FIGURE_UNITS = ['percent', 'count', 'money', 'rank', 'year', 'other'] as const;
const ATTRIBUTION_KINDS = ['statement', 'outlet', 'agency', 'credit', 'spokesperson', 'official', 'other'] as const;

/** An offset into the text: one schema shared by the fields of a builder. */
const offsetSchema = () => z.int().check(z.minimum(0));

type Offset = ReturnType<typeof offsetSchema>;
/** The fields every span of text has. */
const spanShape = (offset: Offset) => ({ start: offset, end: offset, text: z.string() });

/** A date expression resolved against the reference date. */
function resolvedDateSchema(offset: Offset) {
  return z.object({
    ...spanShape(offset),
    /** ISO prefix as precise as the text allows: "2021", "2021-05" or "2021-05-14". */
    value: z.string(),
  });
}
type ResolvedDateSchema = ReturnType<typeof resolvedDateSchema>;

/** A figure a claim states, normalised: "90 per cent" → { number: 90, unit: "percent" }. */
function figureSchema(offset: Offset) {
  return z.object({
    ...spanShape(offset),
    number: z.number(),
    unit: z.enum(FIGURE_UNITS),
    /** ISO 4217 code for money, when the text names the currency. */
    currency: z.optional(z.string()),
    /** What is counted, when the text says: "types of weapons", "people". */
    of: z.optional(z.string()),
  });
}

function entityMentionSchema(offset: Offset, resolvedDate: ResolvedDateSchema) {
  return z.object({
    ...spanShape(offset),
    type: z.enum(ENTITY_TYPES),
    /** Shared by every mention of the same entity on the page ("Assad" and "Bashar Al-Assad"). */
    entityId: z.string(),
    /** The fullest name the page gives this entity, without titles or roles. */
    name: z.string(),
    /** A title or role the text gives with the name: "Russian President". */
    role: z.optional(z.string()),
    /** For events: the date they refer to, resolved. */
    date: z.optional(resolvedDate),
    /** For events described in words: a title an encyclopedia would use, when one can be formed. */
    lookupTitle: z.optional(z.string()),
    /**
     * For places: the common noun the text puts with the name ("province" in "the southern province
     * of Daraa" or "Idlib province"), so a lookup can tell the province from its city.
     */
    descriptor: z.optional(z.string()),
  });
}

function claimMentionSchema(offset: Offset, resolvedDate: ResolvedDateSchema) {
  const span = spanShape(offset);
  return z.object({
    ...span,
    /** Stable within one detection run: "c0", "c1", ... */
    id: z.string(),
    kind: z.enum(CLAIM_KINDS),
    /**
     * How check-worthy the claim's sentence is, 0 to 1 (higher = more), from the learned model.
     * Claims other than `opinion` reach the model's threshold; an opinion or forecast is never
     * check-worthy, whatever its score. The page also reads it to decide which claims get a line.
     */
    score: z.number().check(z.minimum(0), z.maximum(1)),
    /** The sentence the claim sits in. */
    sentence: z.object({ start: offset, end: offset }),
    /** Who makes the claim, when the text says. */
    claimant: z.optional(z.object({ name: z.string(), entityId: z.optional(z.string()) })),
    /** Through what the claim is reported: "Kremlin statement". */
    via: z.optional(z.string()),
    figures: z.array(figureSchema(offset)),
    /** The dates the claim refers to, resolved: absolute ones always, relative ones against the article's date. */
    dates: z.array(resolvedDate),
    /**
     * Relative date expressions ("on Wednesday", "last year") when the article's date is unknown:
     * shown as the text says them, never resolved against the reader's today. Absent when the
     * reference date is known (they are in `dates` then) or the claim has none.
     */
    unresolvedDates: z.optional(z.array(z.object(span))),
    /** Entities the claim is about (ids of `EntityMention.entityId`). */
    entityIds: z.array(z.string()),
    /** A few words that identify the claim for a fact-check search. */
    keyPhrase: z.string(),
  });
}

/** A cited source inside the article: "according to a Kremlin statement", "[Anadolu Agency]". */
function attributionSchema(offset: Offset) {
  return z.object({
    ...spanShape(offset),
    /** The source's name as the text gives it: "Kremlin", "Anadolu Agency". */
    source: z.string(),
    kind: z.enum(ATTRIBUTION_KINDS),
    /** The entity the source is, when an entity names it (`EntityMention.entityId`): "Neumann" in "a spokeswoman for Neumann". */
    entityId: z.optional(z.string()),
    /** Claims that rest on this source. */
    claimIds: z.array(z.string()),
  });
}

export const detectionSchema = lazy(() => {
  const offset = offsetSchema();
  const resolvedDate = resolvedDateSchema(offset);
  return z.object({
    entities: z.array(entityMentionSchema(offset, resolvedDate)),
    claims: z.array(claimMentionSchema(offset, resolvedDate)),
    attributions: z.array(attributionSchema(offset)),
  });
});

/** What detection finds in a text. */
export type Detection = z.output<typeof detectionSchema>;
export type EntityMention = Detection['entities'][number];
export type ClaimMention = Detection['claims'][number];
export type Attribution = Detection['attributions'][number];
export type Figure = ClaimMention['figures'][number];
export type ResolvedDate = ClaimMention['dates'][number];
export type Span = NonNullable<ClaimMention['unresolvedDates']>[number];
export type EntityType = (typeof ENTITY_TYPES)[number];
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export { MAX_DETECT_CHARS, MAX_PAGE_CHARS } from './detection-limits';

/**
 * What detection of one slice needs from the rest of the page, read once over the page's whole
 * text (`readPage` in lib/detect/page-context.ts) and handed to every slice, so that no decision
 * depends on where the slices were cut or which came first. The tagger reads what the document
 * called a word earlier ("Assad" after "Bashar Al-Assad" is a person), and an event's title reads
 * the country the article is about: neither can be decided from a slice alone.
 */
export const pageContextSchema = lazy(() => {
  const offset = offsetSchema();
  return z.object({
    /** How much of the page's text was read (texts longer than detection's cap are cut). */
    length: offset,
    /** The country the article is mostly about ("Syria"), when one stands out. */
    country: z.optional(z.string().check(z.maxLength(100))),
    /** Every name in the page's text, in order. A slice's detection takes the names in its range. */
    names: z
      .array(
        /** A name found over the page's whole text: its span (offsets into that text), type and role. */
        z.object({
          start: offset,
          end: offset,
          type: z.enum(ENTITY_TYPES),
          /** A title or role the text gives before a person's name: "Russian President". */
          role: z.optional(z.string().check(z.maxLength(200))),
        }),
      )
      .check(z.maxLength(MAX_PAGE_CHARS / 2)),
  });
});

export type PageContext = z.output<typeof pageContextSchema>;
export type PageName = PageContext['names'][number];

/** What a detection is asked with, besides its text (the annotator's detect function, `detect`). */
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

/** Detection's messages, answered by the background (composed by lib/messaging/protocol.ts). */
export const detectionMessages = {
  /**
   * Detection of one slice of an article's text, in the background, where the detector and its
   * word lists load once per worker start rather than once per tab. The text never leaves the browser.
   */
  detectText: lazy(() => ({
    request: z.object({
      text: z.string().check(z.maxLength(MAX_DETECT_CHARS)),
      /** The article's publication date (YYYY-MM-DD), for relative dates. */
      referenceDate: z.optional(z.string().check(z.maxLength(40))),
      /** The page's context (`readPage`), cut to this slice: names and country read over the whole text. */
      context: z.optional(pageContextSchema),
    }),
    response: detectionSchema,
  })),
  /**
   * The context of a page's whole text (its names and country), read once before its slices are
   * sent, so that what is found in a slice never depends on where it was cut (lib/detect/page-context.ts).
   */
  readPage: lazy(() => ({
    request: z.object({ text: z.string().check(z.maxLength(MAX_PAGE_CHARS)) }),
    response: pageContextSchema,
  })),
} as const;
