/**
 * How much text detection's messages carry, apart from the schemas so that detection itself
 * (lib/detect/page-context.ts) can share the caps without loading zod.
 */

/**
 * The most text one detection message carries. The page sends its article in slices well under
 * this (lib/annotate/annotator.ts); the cap keeps a bad sender from handing the worker a novel.
 */
export const MAX_DETECT_CHARS = 50_000;

/**
 * The most text a page's context is read from at once: the `readPage` message's cap and
 * detection's own (lib/detect/page-context.ts), so detection stays cheap on huge pages.
 */
export const MAX_PAGE_CHARS = 400_000;
