import type { PageContext } from './types';

/**
 * The part of a page's context one slice needs: the names in `[offset, offset + length)` of the
 * page's text, with offsets into the slice. Kept apart from `page-context.ts` (no imports) so the
 * page can cut a context for each slice it sends without loading detection.
 */
export function sliceContext(context: PageContext, offset: number, length: number): PageContext {
  const end = Math.min(offset + length, context.length);
  const out: PageContext = { length: Math.max(0, end - offset), names: [] };
  if (context.country) out.country = context.country;
  for (const n of context.names) {
    if (n.start < offset || n.end > end) continue;
    out.names.push({ ...n, start: n.start - offset, end: n.end - offset });
  }
  return out;
}
