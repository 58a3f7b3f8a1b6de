import * as z from 'zod/mini';
import { detectionMessages } from '../contracts/detection';
import { figureMessages } from '../contracts/figures';
import { lookupMessages } from '../contracts/lookups';
import { settingsMessages } from '../contracts/settings';
import { sourceMessages } from '../contracts/sources';
import { tabMessages, tabReportMessages } from '../contracts/tabs';

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
 * lib/contracts/.
 */
export const toBackground = {
  ...tabReportMessages,
  ...detectionMessages,
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
