/**
 * The tagger component: the shipped entity tagger (lib/detect/pipeline/tagger.ts) marks spans of
 * the re-cased text as PER, LOC, ORG or MISC.
 */
import { entityWeights } from '../models/shipped';
import type { Doc } from '../pipeline/doc';
import { tagEntities } from '../pipeline/tagger';

/** Adds `tagged` to `doc.recased` (nothing on a slice read with its page's context). */
export function tagger(doc: Doc): void {
  if (doc.recased) tagEntities(doc.recased, entityWeights());
}
