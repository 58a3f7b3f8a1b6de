import * as z from 'zod/mini';
import { lazy } from '../lazy';

/**
 * The tabs family: what a tab tells the background about itself (`ping`, `pageReport`), and what
 * the popup or the background asks of one tab's content script (`toTab`).
 */

/** Messages a tab's content script sends the background about itself. */
export const tabReportMessages = {
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

/** Messages sent by the popup or the background to one tab's content script. */
export const tabMessages = {
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
