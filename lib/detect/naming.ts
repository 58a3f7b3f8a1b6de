import { findNames, type NameSpan } from './entities';
import { recaseHeadlines, trimCapitalsHeadlineNames } from './headlines';
import { wholeNames } from './name-fragments';
import type { Doc } from './pipeline/doc';

/**
 * A document's names, as every pass reads them (a whole text, or a page's context before its
 * slices): tagged with title-case headlines re-cased (same tokens and offsets:
 * lib/detect/headlines.ts), cut to what other evidence supports in lines of capitals, and
 * completed where cut short (lib/detect/name-fragments.ts). Left in `doc.names` too.
 */
export function documentNames(doc: Doc): NameSpan[] {
  const named = recaseHeadlines(doc);
  const names = wholeNames(named, trimCapitalsHeadlineNames(doc, findNames(named)));
  doc.names = names;
  return names;
}
