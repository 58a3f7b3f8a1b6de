import { findNames, type NameSpan } from './entities';
import { recaseHeadlines, trimCapitalsHeadlineNames } from './headlines';
import { wholeNames } from './name-fragments';
import type { Doc } from './pipeline/doc';

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
 * A document's names, as every pass reads them (a whole text, or a page's context before its
 * slices): tagged with title-case headlines re-cased (same tokens and offsets:
 * lib/detect/headlines.ts), cut to what other evidence supports in lines of capitals, completed
 * where cut short (lib/detect/name-fragments.ts), and cut at slashes. Left in `doc.names` too.
 */
export function documentNames(doc: Doc): NameSpan[] {
  const named = recaseHeadlines(doc);
  const names = splitAtSlashes(doc, wholeNames(named, trimCapitalsHeadlineNames(doc, findNames(named))));
  doc.names = names;
  return names;
}
