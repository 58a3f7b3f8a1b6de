/**
 * Events described in words: an event noun tied to a date ("the civil war which erupted in
 * 2011", "the Syrian presidential election in May", "its intervention in 2015"), with a title an
 * encyclopedia would use when one can be formed from the words and the article's main country.
 */

import { CAPITAL_COUNTRY, COUNTRY_DEMONYM, DEMONYM_COUNTRY, EVENT_NOUNS, FUNCTION_WORDS } from './lexicon';
import type { EventSpan, NameSpan } from './pipeline/doc';
import type { Token } from './tokens';
import type { ResolvedDate } from './types';

export type { EventSpan } from './pipeline/doc';

/** Words allowed between an event noun and its date. */
const BRIDGE = new Set([
  'which',
  'that',
  'erupted',
  'began',
  'started',
  'broke',
  'out',
  'took',
  'place',
  'happened',
  'was',
  'were',
  'held',
  'ended',
  'launched',
  'occurred',
  'struck',
  'hit',
]);
const NAMED_BY_YEAR = new Set([
  'election',
  'elections',
  'referendum',
  'coup',
  'earthquake',
  'summit',
  'protests',
  'flood',
  'floods',
  'attack',
  'attacks',
  'bombing',
]);
const NAMED_BY_PLACE = new Set(['war', 'revolution', 'uprising', 'crisis', 'genocide']);
const POSSESSIVES = new Set(['its', 'their', "'s", '’s']);

/** The country of a place mention (a country itself, or a capital's country). */
function countryOf(name: string): string | undefined {
  if (COUNTRY_DEMONYM.has(name)) return name;
  return CAPITAL_COUNTRY.get(name);
}

/** The country the article is mostly about: the most mentioned, counting capitals and demonyms for theirs. */
export function mainCountry(tokens: Token[], names: NameSpan[], text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const n of names) {
    const s = text.slice(n.start, n.end);
    const c = n.type === 'group' ? DEMONYM_COUNTRY.get(s) : n.type === 'place' ? countryOf(s) : undefined;
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  void tokens;
  let best: string | undefined;
  let max = 0;
  for (const [c, k] of counts) if (k > max) [best, max] = [c, k];
  return best;
}

/**
 * Events in `text`. `country` is the article's main country: on a slice of a page it comes from
 * the page's context (lib/detect/page-context.ts), since the slice alone may be about another.
 */
export function findEvents(
  text: string,
  tokens: Token[],
  dates: ResolvedDate[],
  names: NameSpan[],
  country: string | undefined,
): EventSpan[] {
  const out: EventSpan[] = [];
  const countryDemonym = country ? COUNTRY_DEMONYM.get(country) : undefined;
  const dateIndex = indexDates(dates);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.cap || !EVENT_NOUNS.has(t.lower)) continue;
    const date = eventDate(tokens, i, dateIndex);
    if (!date || date.value.length < 4) continue;
    const { a, adjectives, demonym } = qualifiers(tokens, i);
    const start = Math.min(tokens[a]!.start, date.start);
    const end = Math.max(date.end, t.end);
    const year = date.value.slice(0, 4);
    const noun = [...adjectives, t.lower].join(' ');
    let lookupTitle: string | undefined;
    if (NAMED_BY_YEAR.has(t.lower)) lookupTitle = [year, demonym ?? countryDemonym, noun].filter(Boolean).join(' ');
    else if (NAMED_BY_PLACE.has(t.lower) && (demonym ?? countryDemonym))
      lookupTitle = `${demonym ?? countryDemonym} ${noun}`;
    else if (POSSESSIVES.has(tokens[a - 1]?.lower ?? ''))
      lookupTitle = possessedTitle(text, tokens, names, a, t.sentence, noun, country);
    const span: EventSpan = { start, end, date };
    if (lookupTitle) span.lookupTitle = lookupTitle;
    out.push(span);
  }
  return out;
}

interface DateIndex {
  /** Dates by their start, and by where the words inside "in May" start. */
  at: Map<number, ResolvedDate>;
  /** Bare years by their end. */
  end: Map<number, ResolvedDate>;
}

function indexDates(dates: ResolvedDate[]): DateIndex {
  const at = new Map<number, ResolvedDate>();
  const end = new Map<number, ResolvedDate>();
  for (const d of dates) if (/^\d{4}$/.test(d.text)) end.set(d.end, d);
  for (const d of dates) {
    // "in May" starts at "in"; an event may name its date either way.
    const inner = /^(?:in|on|since|during|of) /i.exec(d.text);
    at.set(d.start, d);
    if (inner) at.set(d.start + inner[0].length, d);
  }
  return { at, end };
}

/** The date of the event noun at token `i`: after it, maybe across a short relative clause, or a year just before it. */
function eventDate(tokens: Token[], i: number, dates: DateIndex): ResolvedDate | undefined {
  const t = tokens[i]!;
  let j = i + 1;
  while (j < tokens.length && j <= i + 5 && tokens[j]!.sentence === t.sentence) {
    const d = dates.at.get(tokens[j]!.start);
    if (d) return d;
    if (!(BRIDGE.has(tokens[j]!.lower) || tokens[j]!.lower === 'in')) break;
    j++;
  }
  const before = tokens[i - 1];
  return (before && dates.end.get(before.end)) || undefined;
}

/**
 * The words that qualify the event noun at token `i` ("Syrian presidential", "civil"): `a` is the
 * first token of the span, `demonym` the nationality among them.
 */
function qualifiers(tokens: Token[], i: number): { a: number; adjectives: string[]; demonym: string | undefined } {
  const t = tokens[i]!;
  let a = i;
  const adjectives: string[] = [];
  let demonym: string | undefined;
  while (a > 0 && i - a < 3) {
    const p = tokens[a - 1]!;
    if (p.sentence !== t.sentence || !p.word || FUNCTION_WORDS.has(p.lower) || /\d/.test(p.text)) break;
    if (p.cap) {
      const dem = DEMONYM_COUNTRY.has(p.text) ? p.text : COUNTRY_DEMONYM.get(p.text);
      if (!dem) break;
      demonym = dem;
      a--;
      break;
    }
    if (/(?:ing|ed)$/.test(p.lower)) break;
    adjectives.unshift(p.lower);
    a--;
  }
  return { a, adjectives, demonym };
}

/**
 * "its intervention": the possessor is the latest place named before it in the sentence; the
 * event is looked up as the possessor's in `country` when that is another country.
 */
function possessedTitle(
  text: string,
  tokens: Token[],
  names: NameSpan[],
  a: number,
  sentence: number,
  noun: string,
  country: string | undefined,
): string | undefined {
  let owner: string | undefined;
  for (const n of names) {
    if (n.end > tokens[a - 1]!.start || tokens[n.first]!.sentence !== sentence) continue;
    const c = countryOf(text.slice(n.start, n.end));
    if (c && !owner) owner = c;
  }
  const ownerDemonym = owner ? COUNTRY_DEMONYM.get(owner) : undefined;
  if (ownerDemonym && country && owner !== country) return `${ownerDemonym} ${noun} in ${country}`;
  return undefined;
}
