import { HIGHLIGHT_NAMES, pageHighlights } from '../annotate/highlights';
import { HOST_TAG } from './names';

/** The element earlier versions (before marks became highlights) wrapped around the page's text. */
const LEGACY_MARK_TAG = 'sidenote-mark';

/**
 * Takes out what an earlier Sidenote left on this page when it was stopped without cleaning up
 * (Firefox stops a disabled, removed or updated extension's scripts at once): its host, its
 * highlights, and the mark elements versions before highlights wrapped around the text. Every
 * one of them had a host on the page, so a page without one costs a single query.
 */
export function removeLeftovers(doc: Document): void {
  const hosts = Array.from(doc.querySelectorAll(HOST_TAG));
  if (!hosts.length) return;
  for (const old of hosts) old.remove();
  const registry = pageHighlights(doc);
  for (const name of HIGHLIGHT_NAMES) registry?.delete(name);
  const marks = doc.body ? Array.from(doc.body.querySelectorAll(LEGACY_MARK_TAG)) : [];
  const parents = new Set<Node>();
  for (const mark of marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
}
