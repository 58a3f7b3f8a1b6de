import * as z from 'zod/mini';
import { lazy } from '../lazy';
import { entityContextSchema, httpsUrl, languageField, lookupFailureSchema } from './lookups';

/**
 * What the background answers about a source: the page's publisher or a source the article
 * cites. The contract between `lib/sources/` (which builds it from Wikidata, Wikipedia and
 * Wikipedia's Perennial sources list) and the source cards (which show it).
 */

/** The statuses of Wikipedia's "Reliable sources/Perennial sources" list, mildest first. */
export const PERENNIAL_STATUSES = [
  'generally-reliable',
  'no-consensus',
  'generally-unreliable',
  'deprecated',
  'blacklisted',
] as const;
export const perennialStatusSchema = lazy(() => z.enum(PERENNIAL_STATUSES));
export type PerennialStatus = z.infer<typeof perennialStatusSchema>;

export const perennialEntrySchema = lazy(() =>
  z.object({
    /** The source's name as the list gives it: "Anadolu Agency". */
    name: z.string().check(z.minLength(1), z.maxLength(300)),
    /** What part of the source an entry covers, when the list splits it: "controversial topics". */
    qualifier: z.optional(z.string().check(z.maxLength(200))),
    /** Other names the list gives (abbreviations, the article title): matched as well as `name`. */
    aliases: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(20)),
    /** Domains the list ties to the source, lower-case, no "www.". */
    domains: z.array(z.string().check(z.maxLength(253))).check(z.maxLength(50)),
    status: perennialStatusSchema,
    /** The list's summary as one line of plain text. */
    summary: z.string().check(z.maxLength(1000)),
    /** The most recent discussion the list links to, or the entry in the list when it links none. */
    discussionUrl: httpsUrl,
    /** The entry's row in the list. */
    listUrl: httpsUrl,
    /** The year the source was last discussed, when the list says. */
    lastDiscussed: z.optional(z.string().check(z.maxLength(10))),
  }),
);
export type PerennialEntry = z.infer<typeof perennialEntrySchema>;

/** A source's standing in the list: its entries, or plainly "not listed". */
export const perennialStandingSchema = lazy(() =>
  z.discriminatedUnion('status', [
    z.object({
      status: z.literal('listed'),
      entries: z.array(perennialEntrySchema).check(z.minLength(1), z.maxLength(10)),
      matchedBy: z.enum(['domain', 'name']),
      listUrl: httpsUrl,
    }),
    z.object({ status: z.literal('not-listed'), listUrl: httpsUrl }),
    lookupFailureSchema,
  ]),
);
export type PerennialStanding = z.infer<typeof perennialStandingSchema>;

export const sourceContextSchema = lazy(() =>
  z.object({
    /** The name the card shows: Wikidata's label when the outlet was found, else the page's. */
    name: z.string().check(z.minLength(1), z.maxLength(300)),
    domain: z.optional(z.string().check(z.maxLength(253))),
    /** What the outlet is (Wikidata facts, a Wikipedia extract), or none, or why not. */
    entity: entityContextSchema,
    /** Whether the outlet's official website (Wikidata P856) is the page's domain, when both are known. */
    websiteMatches: z.optional(z.boolean()),
    perennial: perennialStandingSchema,
  }),
);
export type SourceContext = z.infer<typeof sourceContextSchema>;

const nameSchema = lazy(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(200)));
const domainSchema = lazy(() =>
  z.string().check(z.trim(), z.toLowerCase(), z.regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z0-9-]{2,63}$/)),
);

/** Who to look up: the page's publisher (name and/or domain), or a source the article cites (name). */
export const sourceQuerySchema = lazy(() =>
  z.union([
    z.object({
      publisher: z
        .object({ name: z.optional(nameSchema), domain: z.optional(domainSchema) })
        .check(z.refine((p) => p.name !== undefined || p.domain !== undefined, 'A publisher needs a name or a domain')),
    }),
    z.object({ name: nameSchema }),
  ]),
);
export type SourceQuery = z.infer<typeof sourceQuerySchema>;

/** The sources family of messages (lib/messaging/protocol.ts composes the families). */
export const sourceMessages = {
  /**
   * Context for a source: the page's publisher ({ publisher: { name?, domain? } }) or a source
   * the article cites ({ name }): Wikidata facts, a Wikipedia extract, its Perennial sources standing.
   */
  lookupSource: lazy(() => ({
    request: z.intersection(z.object({ language: languageField() }), sourceQuerySchema),
    response: sourceContextSchema,
  })),
} as const;
