/**
 * Entity types, after tagging: the tagger's CoNLL classes become the product's entity types, and titles
 * become roles. A person's title stays out of the name and goes to `role`, with the place, people
 * or body it qualifies ("Russian President Vladimir Putin" → the person "Vladimir Putin", role
 * "Russian President"; "Chess Federation" stays an organisation of its own). A MISC span is a group
 * when it names a people ("Italian"), a law or an event by its head word ("Clean Water Act",
 * "Winter Olympics"), and is dropped otherwise: the cards have nothing to say about "Iron Maiden"
 * as "other".
 */
import type { EntityType } from '../types';
import type { Doc, NameSpan, TaggedSpan } from './doc';
import { LEX } from './lexicon-tags';

/** Adjectives of peoples the country lists miss ("Kurdish", "Pashtun"): a one-word MISC ending so is a group. */
const PEOPLE_SUFFIX = /(?:ish|ian|ese|ic|i|an)s?$/;
/**
 * Words after a place that make it the body that sits there: "a Kremlin statement", "a White House
 * spokesman". CoNLL calls such places LOC; a card should describe the institution that speaks.
 */
const SPEAKS_FOR = new Set(['statement', 'statements', 'spokesman', 'spokeswoman', 'spokesperson', 'press']);
/** Company-form suffixes end a company's name: "Orbis Motor Corp of South Korea" is the company, then its country. */
const LEGAL_FORMS = new Set(['inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'gmbh', 'ag', 'nv', 'bv', 'spa', 'pty']);
const PLACE_BITS = LEX.country | LEX.city | LEX.region;
/** Longest title before a name ("Deputy Foreign Minister"), in tokens. */
const MAX_TITLE = 4;

/** The span is exactly a name on the country list ("US", "South Korea"), not part of a longer phrase. */
function isCountry(doc: Doc, s: TaggedSpan): boolean {
  const lex = doc.lex!;
  if (lex[s.first]! & LEX.phraseInside || (s.last < lex.length && lex[s.last]! & LEX.phraseInside)) return false;
  for (let k = s.first; k < s.last; k++) if (!(lex[k]! & LEX.country)) return false;
  return true;
}

/**
 * Cuts an organisation at a company-form suffix followed by "of" and a place: the company, then
 * the place ("Orbis Motor Corp" and "South Korea"). Other spans come back whole.
 */
function splitAtLegalForm(doc: Doc, s: TaggedSpan): TaggedSpan[] {
  if (s.type !== 'ORG') return [s];
  const { tokens } = doc;
  const lex = doc.lex!;
  for (let k = s.first + 1; k < s.last - 2; k++) {
    if (!LEGAL_FORMS.has(tokens[k]!.lower.replace(/\.$/, '')) || tokens[k + 1]!.lower !== 'of') continue;
    for (let j = k + 2; j < s.last; j++) if (!(lex[j]! & PLACE_BITS)) return [s];
    return [
      { first: s.first, last: k + 1, type: 'ORG' },
      { first: k + 2, last: s.last, type: 'LOC' },
    ];
  }
  return [s];
}

function productType(doc: Doc, s: TaggedSpan): EntityType {
  const lex = doc.lex!;
  const n = s.last - s.first;
  const head = lex[s.last - 1]!;
  if (s.type === 'PER') return 'person';
  // A country is a place whatever the tagger made of it ("US" reads like an acronym).
  if (s.type === 'ORG' && isCountry(doc, s)) return 'place';
  if (n > 1 && head & LEX.lawHead) return 'law';
  if (s.type === 'LOC') {
    const next = doc.tokens[s.last];
    const sameSentence = next && next.sentence === doc.tokens[s.first]!.sentence;
    return sameSentence && SPEAKS_FOR.has(next.lower) ? 'organization' : 'place';
  }
  if (s.type === 'ORG') return 'organization';
  if (n > 1 && head & LEX.eventHead) return 'event';
  if (lex[s.first]! & LEX.demonym || (n === 1 && PEOPLE_SUFFIX.test(doc.tokens[s.first]!.lower))) return 'group';
  return 'other';
}

/** Adds `doc.names`: the tagged spans in product types, with roles stripped from people. */
export function typeEntities(doc: Doc): Doc {
  const { tokens, text } = doc;
  const lex = doc.lex!;
  const tagged = doc.tagged ?? [];
  const byLast = new Map<number, TaggedSpan>();
  for (const s of tagged) byLast.set(s.last, s);
  const names: NameSpan[] = [];
  const span = (first: number, last: number, type: EntityType): NameSpan => ({
    start: tokens[first]!.start,
    end: tokens[last - 1]!.end,
    first,
    last,
    type,
  });
  for (const s of tagged.flatMap((t) => splitAtLegalForm(doc, t))) {
    const type = productType(doc, s);
    if (type !== 'person') {
      names.push(span(s.first, s.last, type));
      continue;
    }
    // A title the tagger took into the name ("President Putin" in a headline) goes to the role.
    let first = s.first;
    while (first < s.last - 1 && lex[first]! & LEX.title) first++;
    // Titles right before the name, and what they qualify: "Russian President", "Chess Federation President".
    let from = first;
    while (from > s.first - MAX_TITLE && from > 0 && lex[from - 1]! & LEX.title && tokens[from - 1]!.word) from--;
    if (from < s.first) {
      const qualifier = byLast.get(from);
      if (qualifier && tokens[qualifier.first]!.sentence === tokens[from]!.sentence) from = qualifier.first;
    }
    const name = span(first, s.last, type);
    if (from < first) name.role = text.slice(tokens[from]!.start, tokens[first - 1]!.end);
    names.push(name);
  }
  doc.names = names;
  return doc;
}
