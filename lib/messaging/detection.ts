import * as z from 'zod/mini';
import type { Detection, PageContext } from '../detect/types';
import { lazy } from '../lazy';

/**
 * The shape of `Detection` (lib/detect/types.ts) as it crosses from the background to the page.
 * Every field is checked and anything else is dropped (a loose schema that let unknown fields
 * through cost the seed article's parse about 5 ms more, spent copying them). The type check
 * below fails if `Detection` gains a field this schema does not carry. Built on first use
 * (lib/lazy.ts).
 */
export const detectionSchema = lazy(() => {
  const offset = z.int().check(z.minimum(0));
  const span = { start: offset, end: offset, text: z.string() };
  const resolvedDate = z.object({ ...span, value: z.string() });
  const figure = z.object({
    ...span,
    number: z.number(),
    unit: z.enum(['percent', 'count', 'money', 'rank', 'year', 'other']),
    currency: z.optional(z.string()),
    of: z.optional(z.string()),
  });

  const entityMention = z.object({
    ...span,
    type: z.enum(['person', 'place', 'organization', 'event', 'law', 'group', 'other']),
    entityId: z.string(),
    name: z.string(),
    role: z.optional(z.string()),
    date: z.optional(resolvedDate),
    lookupTitle: z.optional(z.string()),
    descriptor: z.optional(z.string()),
  });

  const claimMention = z.object({
    ...span,
    id: z.string(),
    kind: z.enum(['statistic', 'quote', 'disputed', 'event', 'factual', 'opinion']),
    score: z.number().check(z.minimum(0), z.maximum(1)),
    sentence: z.object({ start: offset, end: offset }),
    claimant: z.optional(z.object({ name: z.string(), entityId: z.optional(z.string()) })),
    via: z.optional(z.string()),
    figures: z.array(figure),
    dates: z.array(resolvedDate),
    unresolvedDates: z.optional(z.array(z.object(span))),
    entityIds: z.array(z.string()),
    keyPhrase: z.string(),
  });

  const attribution = z.object({
    ...span,
    source: z.string(),
    kind: z.enum(['statement', 'outlet', 'agency', 'credit', 'spokesperson', 'official', 'other']),
    entityId: z.optional(z.string()),
    claimIds: z.array(z.string()),
  });
  return z.object({
    entities: z.array(entityMention),
    claims: z.array(claimMention),
    attributions: z.array(attribution),
  });
});

/** What the schema gives back is a `Detection`, field for field (a compile-time check only). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsDetection: Same<z.output<typeof detectionSchema>, Detection> = true;
void sameAsDetection;

/**
 * The most text one detection message carries. The page sends its article in slices well under
 * this (lib/annotate/annotator.ts); the cap keeps a bad sender from handing the worker a novel.
 */
export const MAX_DETECT_CHARS = 50_000;

/** The most text a page's context is read from at once: detection's own cap (lib/detect/page-context.ts). */
export const MAX_PAGE_CHARS = 400_000;

/**
 * The shape of `PageContext` (lib/detect/types.ts): the names of a page's whole text and its
 * country, read once by the background and sent back with each slice of that text.
 */
export const pageContextSchema = lazy(() => {
  const offset = z.int().check(z.minimum(0));
  return z.object({
    length: offset,
    country: z.optional(z.string().check(z.maxLength(100))),
    names: z
      .array(
        z.object({
          start: offset,
          end: offset,
          type: z.enum(['person', 'place', 'organization', 'event', 'law', 'group', 'other']),
          role: z.optional(z.string().check(z.maxLength(200))),
        }),
      )
      .check(z.maxLength(MAX_PAGE_CHARS / 2)),
  });
});
const sameAsPageContext: Same<z.output<typeof pageContextSchema>, PageContext> = true;
void sameAsPageContext;
