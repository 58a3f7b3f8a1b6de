/**
 * Named entities, as a pipeline over one `Doc`: lexicon tagging (which word lists each token is
 * on) → tagging (a learned averaged perceptron marks spans as PER, LOC, ORG or MISC) → naming
 * (product types, titles into roles). Matching later mentions to earlier ones is `coref.ts`'s.
 */
import { entityWeights } from './models/entities';
import type { Doc, NameSpan } from './pipeline/doc';
import { tagLexicon } from './pipeline/lexicon-tags';
import { nameEntities } from './pipeline/names';
import { tagEntities } from './pipeline/tagger';

export type { NameSpan } from './pipeline/doc';

/** Runs the entity components over `doc` and returns its names (also left in `doc.names`). */
export function findNames(doc: Doc): NameSpan[] {
  tagLexicon(doc);
  tagEntities(doc, entityWeights());
  nameEntities(doc);
  return doc.names!;
}
