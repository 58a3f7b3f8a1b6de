import * as z from 'zod/mini';
import { lazy } from '../lazy';
import { httpsUrl, languageField, lookupFailureSchema } from './lookups';

/**
 * Figure checks: a number an article states about a quantity Wikidata holds, compared with
 * Wikidata's value for the date the claim refers to. The contract between `lib/figures/`
 * and the FigureCheck view.
 */

export const QUANTITIES = ['population', 'area', 'age', 'founded', 'members'] as const;
export const quantitySchema = lazy(() => z.enum(QUANTITIES));
export type Quantity = z.infer<typeof quantitySchema>;

/** An ISO date prefix as precise as the text allows: "2021", "2021-05", "2021-05-14". */
export const isoDateSchema = lazy(() => z.string().check(z.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)));

export const figureQuerySchema = lazy(() =>
  z.object({
    /** The figure as detection normalised it (lib/detect/types.ts `Figure`). */
    figure: z.object({
      number: z.number(),
      unit: z.enum(['percent', 'count', 'money', 'rank', 'year', 'other']),
      /** What is counted, as the text says: "people", "square kilometres", "years old". */
      of: z.optional(z.string().check(z.maxLength(200))),
    }),
    /** The quantity, when the caller knows it; else it is read from `figure.of`. */
    quantity: z.optional(quantitySchema),
    /** The entity the figure is about: its Wikidata id, or a name to find it by. */
    entity: z
      .object({
        name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
        wikidataId: z.optional(z.string().check(z.regex(/^Q\d{1,12}$/))),
      })
      .check(
        z.refine((e) => e.name !== undefined || e.wikidataId !== undefined, 'An entity needs a name or a Wikidata id'),
      ),
    /** The date the claim refers to (else the article's date). */
    date: z.optional(isoDateSchema),
  }),
);
export type FigureQuery = z.infer<typeof figureQuerySchema>;

export const VERDICTS = ['agrees', 'differs', 'cannot-compare'] as const;

export const figureCheckSchema = lazy(() =>
  z.object({
    status: z.literal('checked'),
    quantity: z.nullable(quantitySchema),
    verdict: z.enum(VERDICTS),
    /** How far apart, for "differs": percent of Wikidata's value, or years for ages and years. */
    difference: z.optional(z.object({ amount: z.number(), unit: z.enum(['percent', 'years']) })),
    /** Why the figure cannot be compared. */
    reason: z.optional(
      z.enum(['different-unit', 'no-value-for-date', 'no-value', 'unknown-quantity', 'entity-not-found']),
    ),
    /** The claimed figure in the card's words: "3.7 million people". */
    claimed: z.string().check(z.maxLength(200)),
    /** Wikidata's value the figure was compared with, in the card's words, with its date and reference. */
    reference: z.optional(
      z.object({
        value: z.string().check(z.maxLength(200)),
        amount: z.optional(z.number()),
        asOf: z.optional(z.string().check(z.maxLength(40))),
        /** Why this value was chosen among several: "nearest to 2021". */
        chosen: z.optional(z.string().check(z.maxLength(200))),
        entity: z.string().check(z.maxLength(300)),
        url: httpsUrl,
        /** The source Wikidata cites for the value, when it names one. */
        citedSource: z.optional(z.string().check(z.maxLength(300))),
      }),
    ),
    /** The tolerance applied, in words: "within 2%". */
    tolerance: z.string().check(z.maxLength(200)),
    /** One sentence for the card. */
    message: z.string().check(z.maxLength(400)),
  }),
);
export type FigureCheck = z.infer<typeof figureCheckSchema>;

export const figureCheckResultSchema = lazy(() =>
  z.discriminatedUnion('status', [figureCheckSchema, lookupFailureSchema]),
);
export type FigureCheckResult = z.infer<typeof figureCheckResultSchema>;

/** The figures family of messages (lib/messaging/protocol.ts composes the families). */
export const figureMessages = {
  /** A figure compared with Wikidata's value for the claim's date (lib/figures/compare.ts tolerances). */
  checkFigure: lazy(() => ({
    request: z.extend(figureQuerySchema, { language: languageField() }),
    response: figureCheckResultSchema,
  })),
} as const;
