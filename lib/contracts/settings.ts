import * as z from 'zod/mini';
import { lazy } from '../lazy';

/**
 * The reader's controls over what Sidenote keeps: the lookup cache's size, shown by the popup and
 * the options page, and clearing it. The stored settings themselves are lib/settings/schema.ts.
 */

export const cacheStatsSchema = lazy(() => z.object({ entries: z.int(), bytes: z.int() }));
export type CacheStats = z.infer<typeof cacheStatsSchema>;

/**
 * Messages only the extension's own pages (popup, options) may send: the background answers them
 * to no content script (lib/messaging/channel.ts `fromExtensionPage`). Clearing the cache or reading
 * its size is nothing a web page, or a script in its process, has any need of.
 */
export const EXTENSION_PAGES_ONLY: readonly string[] = ['cacheStats', 'cacheClear'];

/** The settings family of messages (lib/messaging/protocol.ts composes the families). */
export const settingsMessages = {
  cacheStats: lazy(() => ({ request: z.object({}), response: cacheStatsSchema })),
  cacheClear: lazy(() => ({ request: z.object({}), response: cacheStatsSchema })),
} as const;
