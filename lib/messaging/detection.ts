import * as z from 'zod/mini';
import type { Detection } from '../detect/types';

/**
 * The shape of `Detection` (lib/detect/types.ts) as it crosses from the background to the page.
 * Every field the page reads is checked; objects are loose, so a field detection adds later
 * (a claim's `score`, say) reaches the page unchanged rather than being stripped here.
 */
const offset = z.int().check(z.minimum(0));
const span = { start: offset, end: offset, text: z.string() };
const resolvedDate = z.looseObject({ ...span, value: z.string() });
const figure = z.looseObject({
  ...span,
  number: z.number(),
  unit: z.enum(['percent', 'count', 'money', 'rank', 'year', 'other']),
  currency: z.optional(z.string()),
  of: z.optional(z.string()),
});

const entityMention = z.looseObject({
  ...span,
  type: z.enum(['person', 'place', 'organization', 'event', 'law', 'group', 'other']),
  entityId: z.string(),
  name: z.string(),
  role: z.optional(z.string()),
  date: z.optional(resolvedDate),
  lookupTitle: z.optional(z.string()),
  descriptor: z.optional(z.string()),
});

const claimMention = z.looseObject({
  ...span,
  id: z.string(),
  kind: z.enum(['statistic', 'quote', 'disputed', 'event', 'factual', 'opinion']),
  sentence: z.object({ start: offset, end: offset }),
  claimant: z.optional(z.looseObject({ name: z.string(), entityId: z.optional(z.string()) })),
  via: z.optional(z.string()),
  figures: z.array(figure),
  dates: z.array(resolvedDate),
  entityIds: z.array(z.string()),
  keyPhrase: z.string(),
});

const attribution = z.looseObject({
  ...span,
  source: z.string(),
  kind: z.enum(['statement', 'outlet', 'agency', 'credit', 'spokesperson', 'official', 'other']),
  claimIds: z.array(z.string()),
});

/** A detection result as the background sends it. */
export const detectionSchema = z.pipe(
  z.object({ entities: z.array(entityMention), claims: z.array(claimMention), attributions: z.array(attribution) }),
  z.transform((value) => value as unknown as Detection),
);

/**
 * The most text one detection message carries. The page sends its article in slices well under
 * this (lib/annotate/annotator.ts); the cap keeps a bad sender from handing the worker a novel.
 */
export const MAX_DETECT_CHARS = 50_000;
