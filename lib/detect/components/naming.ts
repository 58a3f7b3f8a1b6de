/**
 * The naming component: the tagger's spans become the product's entity types with roles
 * (lib/detect/pipeline/entity-types.ts), cut to what other evidence supports in lines of capitals
 * (lib/detect/headlines.ts), completed where cut short (lib/detect/name-fragments.ts), and cut at
 * slashes. A slice of a page takes the names the page's context found over its range instead, so
 * detection over any slicing finds what one pass over the whole text finds.
 */

import { sliceContext } from '../../contracts/detection-slice';
import { trimCapitalsHeadlineNames } from '../headlines';
import { wholeNames } from '../name-fragments';
import type { Doc, NameSpan } from '../pipeline/doc';
import { typeEntities } from '../pipeline/entity-types';
import type { PageContext } from '../types';
import { lexicon } from './lexicon';
import { tagger } from './tagger';

/** Adds `doc.names` (after `lexicon` and `tagger`, or from the page's context for a slice). */
export function naming(doc: Doc): void {
  const { context, offset } = doc.setting;
  if (context) {
    doc.names = sliceNames(doc, context, offset);
    return;
  }
  const named = typeEntities(doc.recased!);
  doc.names = splitAtSlashes(doc, wholeNames(named, trimCapitalsHeadlineNames(doc, named.names!)));
}

/**
 * A whole text's names, as every pass reads them (a whole text, or a page's context before its
 * slices): the lexicon, tagger and naming components in turn. Left in `doc.names` too.
 */
export function documentNames(doc: Doc): NameSpan[] {
  lexicon(doc);
  tagger(doc);
  naming(doc);
  return doc.names!;
}

/**
 * Names joined by a slash are two names ("Kremlin Press Office/Anadolu Agency", "Reuters/AFP": a
 * photo credit names each source): a span is cut at its slashes, each side keeping the type.
 */
function splitAtSlashes(doc: Doc, names: NameSpan[]): NameSpan[] {
  const out: NameSpan[] = [];
  for (const name of names) {
    let first = name.first;
    for (let i = name.first; i <= name.last; i++) {
      if (i < name.last && doc.tokens[i]!.text !== '/') continue;
      if (i > first) {
        const part: NameSpan = {
          ...name,
          first,
          last: i,
          start: doc.tokens[first]!.start,
          end: doc.tokens[i - 1]!.end,
        };
        if (first !== name.first) delete part.role;
        out.push(part);
      }
      first = i + 1;
    }
  }
  return out;
}

/**
 * The slice's names as the naming step would have given them, from the page's context: spans
 * mapped onto the slice's own tokens. A span whose edges are not token edges in the slice (the
 * slice was not cut where the page's blocks meet) is left out.
 */
function sliceNames(doc: Doc, context: PageContext, offset: number): NameSpan[] {
  const { tokens } = doc;
  const byStart = new Map<number, number>();
  const byEnd = new Map<number, number>();
  tokens.forEach((t, i) => {
    byStart.set(t.start, i);
    byEnd.set(t.end, i);
  });
  const names: NameSpan[] = [];
  for (const n of sliceContext(context, offset, doc.text.length).names) {
    const first = byStart.get(n.start);
    const last = byEnd.get(n.end);
    if (first === undefined || last === undefined || last < first) continue;
    const name: NameSpan = { start: n.start, end: n.end, first, last: last + 1, type: n.type };
    if (n.role) name.role = n.role;
    names.push(name);
  }
  return names;
}
