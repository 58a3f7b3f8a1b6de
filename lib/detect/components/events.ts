/**
 * The events component: the country the article is mostly about (the page's, for a slice read
 * with its page's context) and the events the text describes in words (lib/detect/events.ts).
 */
import { findEvents, mainCountry } from '../events';
import type { Doc } from '../pipeline/doc';

/** Adds `doc.country` and `doc.events` (after `naming` and `dates`). */
export function events(doc: Doc): void {
  const { context } = doc.setting;
  const names = doc.names!;
  doc.country = context ? context.country : mainCountry(doc.tokens, names, doc.text);
  doc.events = findEvents(doc.text, doc.tokens, doc.dates!, names, doc.country);
}
