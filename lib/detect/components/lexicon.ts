/**
 * The lexicon component: the text as the tagger reads it, headline lines re-cased by the article's
 * own usage (lib/detect/headlines.ts), with each token's word-list bits. A slice of a page takes
 * its names from the page's context instead, so it has nothing to tag.
 */
import { recaseHeadlines } from '../headlines';
import type { Doc } from '../pipeline/doc';
import { tagLexicon } from '../pipeline/lexicon-tags';

/** Adds `doc.recased`, with its `lex`. */
export function lexicon(doc: Doc): void {
  if (doc.setting.context) return;
  const recased = recaseHeadlines(doc);
  tagLexicon(recased);
  doc.recased = recased;
}
