import * as z from 'zod/mini';
import { lazy } from '../lazy';

/**
 * What the background answers about mentions: the contract between `lib/lookup/` (which
 * builds these from Wikipedia, Wikidata and Fact Check Tools) and the cards (which show them).
 * Everything here is our own small shape, validated again where it arrives.
 */

/** Links are only ever https, so a card can render them without further checks. */
export const httpsUrl = lazy(() => z.url({ protocol: /^https$/ }));

/** Why a lookup gave nothing: the card says so plainly. */
export const lookupFailureSchema = lazy(() =>
  z.object({
    status: z.literal('error'),
    reason: z.enum(['offline', 'timeout', 'rate-limited', 'unavailable', 'malformed']),
    /** When a retry makes sense (ms since epoch), for rate limits. */
    retryAt: z.optional(z.number()),
  }),
);
export type LookupFailure = z.infer<typeof lookupFailureSchema>;

export const sourceLinkSchema = lazy(() => z.object({ name: z.string(), url: httpsUrl }));
export type SourceLink = z.infer<typeof sourceLinkSchema>;

export const factSchema = lazy(() =>
  z.object({
    /** "Born", "Position", "Country", "Population", "Founded", "Headquarters", "Website", "Instance of" */
    label: z.string(),
    value: z.string(),
    /** The date a value refers to ("2021" for a population), when Wikidata gives one. */
    asOf: z.optional(z.string()),
    /** Numeric value where the fact is a quantity (population), for figure checks. */
    amount: z.optional(z.number()),
  }),
);
export type Fact = z.infer<typeof factSchema>;

export const entityContextSchema = lazy(() =>
  z.discriminatedUnion('status', [
    z.object({
      status: z.literal('found'),
      title: z.string(),
      description: z.optional(z.string()),
      /** A few sentences of plain text. */
      extract: z.optional(z.string()),
      thumbnail: z.optional(z.object({ url: httpsUrl, width: z.number(), height: z.number() })),
      wikidataId: z.optional(z.string().check(z.regex(/^Q\d+$/))),
      facts: z.array(factSchema),
      /** "Wikipedia" and "Wikidata", with links. */
      sources: z.array(sourceLinkSchema),
    }),
    z.object({ status: z.literal('none') }),
    /**
     * The direct titles missed and only a search (or a disambiguation page's entries) can tell:
     * asked for when the reader opens the card, not for every name on the page at load.
     */
    z.object({ status: z.literal('deferred') }),
    lookupFailureSchema,
  ]),
);
export type EntityContext = z.infer<typeof entityContextSchema>;

export const entityQuerySchema = lazy(() =>
  z.object({
    /** The page's entity id, echoed back as the key of the result. */
    key: z.string().check(z.maxLength(100)),
    name: z.string().check(z.minLength(1), z.maxLength(200)),
    type: z.enum(['person', 'place', 'organization', 'event', 'law', 'group', 'other']),
    /** For events: a title to try first ("2021 Syrian presidential election"), and the date. */
    lookupTitle: z.optional(z.string().check(z.maxLength(200))),
    date: z.optional(z.string().check(z.maxLength(40))),
    /** Other entity names on the page, to choose among candidates (never the page text). */
    related: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(30)),
    /**
     * A common noun the text puts with the name, when it has one: "province" in "the southern
     * province of …", "city", "party". Tried as "<name> <Descriptor>" before the bare name.
     */
    descriptor: z.optional(z.string().check(z.regex(/^[\p{L} -]{2,40}$/u))),
  }),
);
export type EntityQuery = z.infer<typeof entityQuerySchema>;

export const factCheckSchema = lazy(() =>
  z.object({
    publisher: z.string(),
    rating: z.string(),
    url: httpsUrl,
    date: z.optional(z.string()),
    claimReviewed: z.optional(z.string()),
  }),
);
export type FactCheck = z.infer<typeof factCheckSchema>;

export const claimContextSchema = lazy(() =>
  z.object({
    factChecks: z.discriminatedUnion('status', [
      z.object({ status: z.literal('ok'), items: z.array(factCheckSchema) }),
      /** No API key entered: the card says how to add one. */
      z.object({ status: z.literal('no-key') }),
      lookupFailureSchema,
    ]),
    /** The Wikipedia article that bears most on the claim, with the passage that does. */
    context: z.nullable(
      z.object({
        title: z.string(),
        url: httpsUrl,
        passage: z.optional(z.string()),
        description: z.optional(z.string()),
      }),
    ),
    contextError: z.optional(lookupFailureSchema),
  }),
);
export type ClaimContext = z.infer<typeof claimContextSchema>;

export const claimQuerySchema = lazy(() =>
  z.object({
    key: z.string().check(z.maxLength(100)),
    kind: z.enum(['statistic', 'quote', 'disputed', 'event', 'factual', 'opinion']),
    /** The claim's key phrase (a few words), never the whole page. */
    keyPhrase: z.string().check(z.minLength(1), z.maxLength(300)),
    /** Names of the entities the claim is about. */
    entities: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(10)),
    /** Lookup titles of event entities in the claim, tried first for context. */
    subjects: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(5)),
    /**
     * Lookup titles of the other events the page names: the article's topic, which a claim in it
     * often bears on ("controls 90 per cent of the territory" and the war the article is about).
     */
    pageEvents: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(5))),
    date: z.optional(z.string().check(z.maxLength(40))),
  }),
);
export type ClaimQuery = z.infer<typeof claimQuerySchema>;

/** A language code as a request carries it (BCP 47 tags are at most 35 characters). */
export const languageField = () => z.string().check(z.maxLength(35));

/** The lookups family of messages (lib/messaging/protocol.ts composes the families). */
export const lookupMessages = {
  /** Context for a page's entities, batched: one message for many, answered from cache or the sources. */
  lookupEntities: lazy(() => ({
    request: z.object({
      language: languageField(),
      entities: z.array(entityQuerySchema).check(z.maxLength(500)),
      /**
       * False for the page-wide batch at load: only the batched direct-title requests are made,
       * and entities that need a search answer `deferred`. True (the default) when a card opens.
       */
      search: z.optional(z.boolean()),
    }),
    response: z.object({ results: z.record(z.string(), entityContextSchema) }),
  })),
  /** Context and fact-checks for one claim. */
  lookupClaim: lazy(() => ({
    request: z.object({ language: languageField(), claim: claimQuerySchema }),
    response: claimContextSchema,
  })),
} as const;
