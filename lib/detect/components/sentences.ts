/**
 * The sentences component: each sentence read once for claims (lib/detect/claims.ts
 * `readSentences`): its statement, figures, dates, speaker, source, quote and the model's features.
 */
import { readSentences } from '../claims';
import type { Doc } from '../pipeline/doc';

/** Adds `doc.readings` (after `linking`). */
export function sentences(doc: Doc): void {
  doc.readings = readSentences(doc);
}
