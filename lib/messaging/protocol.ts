import * as z from 'zod/mini';
import { detectionSchema, MAX_DETECT_CHARS, MAX_PAGE_CHARS, pageContextSchema } from '../contracts/detection';
import { figureMessages } from '../contracts/figures';
import { lookupMessages } from '../contracts/lookups';
import { settingsMessages } from '../contracts/settings';
import { sourceMessages } from '../contracts/sources';
import { tabMessages, tabReportMessages } from '../contracts/tabs';
import { lazy } from '../lazy';

// zod compiles parsers with `new Function` when it can; extension pages forbid eval by CSP, and
// the probe would log a violation in every context. Every context imports this map, so set it here.
z.config({ jitless: true });

/**
 * The one map of every message Sidenote sends between its contexts: name → request and
 * response schemas. Requests are parsed where they arrive, responses where they return.
 *
 * `toBackground`: sent by content scripts, the popup and the options page; answered by the
 * background worker. `toTab`: sent by the popup or background to one tab's content script.
 * Each family of messages, with its schemas and the types inferred from them, is one file of
 * lib/contracts/; detection's two messages are written here.
 */
export const toBackground = {
  ...tabReportMessages,
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
  ...lookupMessages,
  ...sourceMessages,
  ...figureMessages,
  ...settingsMessages,
} as const;

export const toTab = tabMessages;

export { EXTENSION_PAGES_ONLY } from '../contracts/settings';

export type Protocol = Record<string, { request: z.ZodMiniType; response: z.ZodMiniType }>;
export type BackgroundName = keyof typeof toBackground;
export type TabName = keyof typeof toTab;
export type RequestOf<P extends Protocol, K extends keyof P> = z.input<P[K]['request']>;
export type ResponseOf<P extends Protocol, K extends keyof P> = z.output<P[K]['response']>;
