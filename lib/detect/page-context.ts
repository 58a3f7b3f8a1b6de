/**
 * The page-level context of detection: what a slice of an article cannot know on its own. The
 * page's text is read once (tokens, tagging, naming: the tagger reads what the document called a
 * word earlier, so "Assad" tagged alone at a slice's start may come out an organisation) and the
 * country the article is about is counted over all of it. Each slice then takes its names from
 * here, so detection over any slicing, in any order, finds what one pass over the whole text finds.
 */
import { MAX_PAGE_CHARS } from '../contracts/detection-limits';
import { documentNames } from './components/naming';
import { mainCountry } from './events';
import { createDoc, type Doc } from './pipeline/doc';
import type { PageContext, PageName } from './types';

/** The context of a page whose whole text (its blocks joined, as slices are cut from it) is `text`. */
export function readPage(text: string): PageContext {
  const input = text.length > MAX_PAGE_CHARS ? text.slice(0, MAX_PAGE_CHARS) : text;
  return contextOf(createDoc(input));
}

/** The context of a document already read (tokens and names): what a whole-text pass hands itself. */
export function contextOf(doc: Doc): PageContext {
  const names = doc.names ?? documentNames(doc);
  const context: PageContext = {
    length: doc.text.length,
    names: names.map((n) => {
      const name: PageName = { start: n.start, end: n.end, type: n.type };
      if (n.role) name.role = n.role;
      return name;
    }),
  };
  const country = mainCountry(doc.tokens, names, doc.text);
  if (country) context.country = country;
  return context;
}
