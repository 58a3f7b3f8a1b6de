import * as z from 'zod/mini';
import { detectionSchema, MAX_DETECT_CHARS, MAX_PAGE_CHARS, pageContextSchema } from '../contracts/detection';
import { figureCheckResultSchema, figureQuerySchema } from '../figures/types';
import { lazy } from '../lazy';
import {
  cacheStatsSchema,
  claimContextSchema,
  claimQuerySchema,
  entityContextSchema,
  entityQuerySchema,
} from '../lookup/types';
import { sourceContextSchema, sourceQuerySchema } from '../sources/types';

// zod compiles parsers with `new Function` when it can; extension pages forbid eval by CSP, and
// the probe would log a violation in every context. Every context imports this map, so set it here.
z.config({ jitless: true });

/**
 * The one map of every message Sidenote sends between its contexts: name → request and
 * response schemas. Requests are parsed where they arrive, responses where they return.
 *
 * `toBackground`: sent by content scripts, the popup and the options page; answered by the
 * background worker. `toTab`: sent by the popup or background to one tab's content script.
 */
/** A language code as a request carries it (BCP 47 tags are at most 35 characters). */
const languageField = () => z.string().check(z.maxLength(35));

/**
 * Messages only the extension's own pages (popup, options) may send: the background answers them
 * to no content script (lib/messaging/channel.ts `fromExtensionPage`). Clearing the cache or reading
 * its size is nothing a web page, or a script in its process, has any need of.
 */
export const EXTENSION_PAGES_ONLY: readonly string[] = ['cacheStats', 'cacheClear'];

export const toBackground = {
  /** Liveness and identity: the content script uses it to prove the background answers. */
  ping: lazy(() => ({
    request: z.object({}),
    response: z.object({ version: z.string(), tabId: z.nullable(z.int()) }),
  })),
  /** What a tab found, for the toolbar badge. */
  pageReport: lazy(() => ({
    request: z.object({
      entities: z.int().check(z.minimum(0), z.maximum(1_000_000)),
      claims: z.int().check(z.minimum(0), z.maximum(1_000_000)),
      active: z.boolean(),
    }),
    response: z.object({}),
  })),
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
  /**
   * Context for a source: the page's publisher ({ publisher: { name?, domain? } }) or a source
   * the article cites ({ name }): Wikidata facts, a Wikipedia extract, its Perennial sources standing.
   */
  lookupSource: lazy(() => ({
    request: z.intersection(z.object({ language: languageField() }), sourceQuerySchema),
    response: sourceContextSchema,
  })),
  /** A figure compared with Wikidata's value for the claim's date (lib/figures/compare.ts tolerances). */
  checkFigure: lazy(() => ({
    request: z.extend(figureQuerySchema, { language: languageField() }),
    response: figureCheckResultSchema,
  })),
  cacheStats: lazy(() => ({ request: z.object({}), response: cacheStatsSchema })),
  cacheClear: lazy(() => ({ request: z.object({}), response: cacheStatsSchema })),
} as const;

export const mentionSummarySchema = lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(['entity', 'claim', 'source']),
    /** entity type or claim kind */
    type: z.string(),
    text: z.string(),
    label: z.string(),
  }),
);
export type MentionSummary = z.infer<typeof mentionSummarySchema>;

export const toTab = {
  /** What the page holds now, for the popup's list. */
  pageMentions: lazy(() => ({
    request: z.object({}),
    response: z.object({
      /** The page's host as site rules see it ("www." dropped); the popup cannot read tab URLs. */
      site: z.nullable(z.string()),
      active: z.boolean(),
      isArticle: z.boolean(),
      mentions: z.array(mentionSummarySchema),
      /** The page's language (lib/sites/language.ts) and whether detection reads it; absent until known. */
      language: z.optional(
        z.object({
          code: z.string().check(z.maxLength(12)),
          name: z.string().check(z.maxLength(60)),
          source: z.enum(['html', 'meta', 'og', 'text']),
          reads: z.boolean(),
        }),
      ),
      /**
       * The page budgets (lib/page/budgets.ts) this page reached, for the popup to say so: `text`,
       * only its first `MAX_ARTICLE_CHARS` were read; `marks`, only `MAX_MARKS` drawn; `lookups`,
       * names past `MAX_LOOKUPS` are looked up only when their card opens. Absent when none was.
       */
      limits: z.optional(
        z.object({ text: z.optional(z.boolean()), marks: z.optional(z.boolean()), lookups: z.optional(z.boolean()) }),
      ),
    }),
  })),
  /** Scroll to a mark and open its card. */
  revealMention: lazy(() => ({
    request: z.object({ id: z.string().check(z.maxLength(100)) }),
    response: z.object({ found: z.boolean() }),
  })),
  /** Open the publisher's source card (the badge by the article's heading); found is false off articles. */
  showPublisher: lazy(() => ({
    request: z.object({}),
    response: z.object({ found: z.boolean(), name: z.nullable(z.string()) }),
  })),
  /** Turn annotations on or off on this page only (toolbar click in click mode, keyboard command). */
  toggleAnnotations: lazy(() => ({
    request: z.object({ on: z.optional(z.boolean()) }),
    response: z.object({ active: z.boolean() }),
  })),
} as const;

export type Protocol = Record<string, { request: z.ZodMiniType; response: z.ZodMiniType }>;
export type BackgroundName = keyof typeof toBackground;
export type TabName = keyof typeof toTab;
export type RequestOf<P extends Protocol, K extends keyof P> = z.input<P[K]['request']>;
export type ResponseOf<P extends Protocol, K extends keyof P> = z.output<P[K]['response']>;
