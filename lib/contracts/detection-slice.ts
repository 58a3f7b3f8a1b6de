import type { PageContext } from './detection';

/**
 * The part of a page's context one slice needs: the names in `[offset, offset + length)` of the
 * page's text, with offsets into the slice. Part of detection's contract (the page cuts a context
 * for each slice it sends, and detection reads a slice's names through it), kept apart from the
 * schemas so that neither the page's cutting nor detection loads zod for it.
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
