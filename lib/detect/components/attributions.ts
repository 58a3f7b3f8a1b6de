/**
 * The attributions component: the sources the article cites (lib/detect/attributions.ts), named
 * by the entities found where the text names one. Their claims are tied on by `claims`.
 */
import { findAttributions } from '../attributions';
import type { Doc } from '../pipeline/doc';

/** Adds `doc.attributions` (after `linking`), each with no claim yet. */
export function attributions(doc: Doc): void {
  doc.attributions = findAttributions(doc.text, doc.entities!);
}
