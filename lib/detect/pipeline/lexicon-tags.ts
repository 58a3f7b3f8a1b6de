/**
 * Lexicon tagging, the first component: which word lists each token is on. The lists are general
 * knowledge built at install time (countries, cities, regions, peoples, given names, surnames) and
 * English function words, titles and heads (`lexicon.ts`); none is learned from evaluation data.
 * Phrases of up to three words are matched as a whole ("New York", "South Korea"), and all-capital
 * words are looked up title-cased ("BRUSSELS" → "Brussels"), since headlines are written that way.
 */
import {
  CAPITAL_SET,
  CITY_SET,
  COUNTRY_SET,
  DEMONYM_SET,
  EVENT_HEADS,
  FUNCTION_WORDS,
  GIVEN_SET,
  LAW_HEADS,
  MONTHS,
  NEWS_AGENCIES,
  ORG_HEADS,
  ORG_STARTS,
  ORGANISATION_SET,
  PERSON_CUES,
  PLACE_HEADS,
  PLACE_STARTS,
  REGION_SET,
  REPORTING_VERBS,
  SURNAME_SET,
  TITLE_WORDS,
  WEEKDAYS,
} from '../lexicon';
import type { Sentence, Token } from '../tokens';
import type { Doc } from './doc';

/** One bit per word list. */
export const LEX = {
  country: 1 << 0,
  city: 1 << 1,
  region: 1 << 2,
  demonym: 1 << 3,
  given: 1 << 4,
  surname: 1 << 5,
  title: 1 << 6,
  orgHead: 1 << 7,
  orgStart: 1 << 8,
  placeHead: 1 << 9,
  agency: 1 << 10,
  function: 1 << 11,
  calendar: 1 << 12,
  eventHead: 1 << 13,
  lawHead: 1 << 14,
  personCue: 1 << 15,
  reporting: 1 << 16,
  /** The same word appears in lower case elsewhere in the document: a common word. */
  lowerElsewhere: 1 << 17,
  /** The same word appears capitalised mid-sentence elsewhere in the document: a name. */
  capElsewhere: 1 << 18,
  /** Inside a multi-word place or people phrase ("New York"), not its first word. */
  phraseInside: 1 << 19,
  /** The word ends a run of capitalised words somewhere in the document ("Assad" after "Bashar Al-Assad"). */
  runTailSomewhere: 1 << 20,
  /** The word starts or continues such a run somewhere ("Bashar"). */
  runHeadSomewhere: 1 << 21,
  /** On the list of organisations, companies and sports teams ("Aston Villa", "Nasdaq"). */
  organisation: 1 << 22,
  /**
   * In a run of two or more capitalised words (joined by "of", "and", "for", "&" at most) whose
   * head word heads organisations: its last ("Tarvel Mining Ltd", "Regional Information Office"),
   * or the one before its first joiner ("Bank of England"). The tagger decides left to right, so
   * the run's first word learns here what its end says.
   */
  runEndsOrg: 1 << 23,
  /** The same for a run whose head word heads places ("Bell Street", "Gulf of Aden"). */
  runEndsPlace: 1 << 24,
  /** The same for a run whose head word heads events or laws ("World Cup", "Treaty of Rome"). */
  runEndsEvent: 1 << 25,
} as const;

/** How many bits `LEX` uses: the features loop over them. */
export const LEX_BITS = 26;

/** Lower-case words that may join the capitalised words of one name ("Bank of England"). */
const RUN_JOINERS = new Set(['of', 'and', 'for', '&']);

/** Arabic article particles, so "Al-Assad" and "Assad" count as the same word across a document. */
const PARTICLE = /^(?:al|el|ad|ar|as|ash|at|az|an)[-'’]/;
/** A hyphen or an apostrophe, straight or curly. */
const isMark = (c: number) => c === 45 || c === 39 || c === 0x2019;

/** A word as the document-level bits compare it. */
export function docKey(t: Token): string {
  const l = t.lower;
  // Only a hyphen or apostrophe third or fourth can end a particle: skip the pattern otherwise.
  return isMark(l.charCodeAt(2)) || isMark(l.charCodeAt(3)) ? l.replace(PARTICLE, '') : l;
}

const CALENDAR = new Set([...MONTHS, ...WEEKDAYS]);
const MAX_PHRASE = 3;

/** Title case for lookups of all-capital words: "NEW YORK" → "New York". */
export const titleCase = (s: string): string =>
  s.replace(/\p{L}[\p{L}']*/gu, (w) => (w.length <= 1 ? w : w.charAt(0) + w.slice(1).toLowerCase()));

const fold = (s: string) => (s.includes('’') || s.includes('‘') ? s.replace(/[’‘]/g, "'") : s);

/** Place-list bits by phrase (they depend on nothing else), kept across calls up to this many. */
const PLACE_CACHE_SIZE = 50_000;
const placeCache = new Map<string, number>();

/** Which place and people lists hold a phrase, as LEX bits (0 when none). */
export function placeBits(phrase: string): number {
  let bits = placeCache.get(phrase);
  if (bits === undefined) {
    if (placeCache.size >= PLACE_CACHE_SIZE) placeCache.clear();
    bits = listedPlaceBits(phrase);
    placeCache.set(phrase, bits);
  }
  return bits;
}

function listedPlaceBits(phrase: string): number {
  const t = fold(phrase);
  let bits = 0;
  if (COUNTRY_SET.has(t) || (t.includes('.') && COUNTRY_SET.has(t.replace(/\./g, '')))) bits |= LEX.country;
  if (CAPITAL_SET.has(t) || CITY_SET.has(t)) bits |= LEX.city;
  if (REGION_SET.has(t)) bits |= LEX.region;
  if (DEMONYM_SET.has(t) || (t.endsWith('s') && DEMONYM_SET.has(t.slice(0, -1)))) bits |= LEX.demonym;
  if (ORGANISATION_SET.has(t.toLowerCase())) bits |= LEX.organisation;
  return bits;
}

/** Word-list bits by token text (they depend on nothing else), kept across calls up to this many. */
const BITS_CACHE_SIZE = 50_000;
const bitsCache = new Map<string, number>();

function cachedWordBits(t: Token): number {
  let bits = bitsCache.get(t.text);
  if (bits === undefined) {
    if (bitsCache.size >= BITS_CACHE_SIZE) bitsCache.clear();
    bits = wordBits(t);
    bitsCache.set(t.text, bits);
  }
  return bits;
}

/**
 * First words of the multi-word entries of the place and people lists: a phrase can only match
 * when it starts with one, so other words skip the phrase lookups.
 */
let multiFirst: Set<string> | undefined;
function phraseStarts(): Set<string> {
  if (multiFirst) return multiFirst;
  multiFirst = new Set();
  for (const set of [COUNTRY_SET, CAPITAL_SET, CITY_SET, REGION_SET, DEMONYM_SET, ORGANISATION_SET])
    for (const entry of set) {
      const space = entry.indexOf(' ');
      if (space > 0) {
        // Organisations are listed lower-cased: their first words are kept capitalised, as text has them.
        const word = entry.slice(0, space);
        const first = set === ORGANISATION_SET ? word.charAt(0).toUpperCase() + word.slice(1) : word;
        multiFirst.add(first);
        multiFirst.add(first.replace(/\./g, ''));
      }
    }
  return multiFirst;
}

function wordBits(t: Token): number {
  const lower = t.lower.replace(/\.$/, '');
  let bits = 0;
  const cased = t.upper ? titleCase(t.text) : t.text;
  if (GIVEN_SET.has(cased)) bits |= LEX.given;
  if (SURNAME_SET.has(cased)) bits |= LEX.surname;
  if (TITLE_WORDS.has(lower)) bits |= LEX.title;
  if (ORG_HEADS.has(t.lower) || ORG_HEADS.has(lower)) bits |= LEX.orgHead;
  if (ORG_STARTS.has(lower)) bits |= LEX.orgStart;
  if (PLACE_HEADS.has(lower)) bits |= LEX.placeHead;
  if (PLACE_STARTS.has(lower)) bits |= LEX.placeHead;
  if (NEWS_AGENCIES.has(lower)) bits |= LEX.agency;
  if (FUNCTION_WORDS.has(t.lower)) bits |= LEX.function;
  if (CALENDAR.has(lower)) bits |= LEX.calendar;
  if (EVENT_HEADS.has(lower)) bits |= LEX.eventHead;
  if (LAW_HEADS.has(lower)) bits |= LEX.lawHead;
  if (PERSON_CUES.has(lower)) bits |= LEX.personCue;
  if (REPORTING_VERBS.has(lower)) bits |= LEX.reporting;
  return bits;
}

/** Adds `doc.lex`: the word-list bits of every token. */
export function tagLexicon(doc: Doc): Doc {
  const { tokens, sentences } = doc;
  const lex = new Uint32Array(tokens.length);
  const seen = seenInDoc(doc);
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      const t = tokens[i]!;
      if (!t.word) continue;
      let bits = cachedWordBits(t);
      if (t.cap && seen.lower.has(t.lower)) bits |= LEX.lowerElsewhere;
      if (seen.cap.has(t.lower)) bits |= LEX.capElsewhere;
      if (t.cap) {
        const key = docKey(t);
        if (seen.runTails.has(key)) bits |= LEX.runTailSomewhere;
        if (seen.runHeads.has(key)) bits |= LEX.runHeadSomewhere;
      }
      lex[i]! |= bits;
    }
    tagPhrases(tokens, s, lex);
  }
  markRunEnds(doc, lex);
  doc.lex = lex;
  return doc;
}

/** How the document writes its words elsewhere: the `*Elsewhere` and `run*Somewhere` bits read these. */
interface DocSeen {
  /** Words written lower-case somewhere. */
  lower: Set<string>;
  /** Words capitalised inside a sentence of running text somewhere. */
  cap: Set<string>;
  /** Words (by docKey) that end a run of capitalised words somewhere, or start one. */
  runTails: Set<string>;
  runHeads: Set<string>;
}

function seenInDoc(doc: Doc): DocSeen {
  const { tokens, sentences } = doc;
  const seen: DocSeen = { lower: new Set(), cap: new Set(), runTails: new Set(), runHeads: new Set() };
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      const t = tokens[i]!;
      if (!t.word) continue;
      if (!t.cap) seen.lower.add(t.lower);
      else if (i > s.first && !s.headline && !t.upper && tokens[i - 1]!.word) seen.cap.add(t.lower);
      // Runs of capitalised words in running text: the parts of multi-word names.
      if (!s.headline && t.cap && !FUNCTION_WORDS.has(t.lower)) {
        const next = tokens[i + 1];
        const prev = tokens[i - 1];
        const capNext = i + 1 < s.last && next!.cap && next!.word;
        const capPrev = i > s.first && prev!.cap && prev!.word && !FUNCTION_WORDS.has(prev!.lower);
        if (capPrev && !capNext) seen.runTails.add(docKey(t));
        if (capNext) seen.runHeads.add(docKey(t));
      }
    }
  }
  return seen;
}

/** Tags the place and people phrases of sentence `s`, longest first, so "New York" wins over "York". */
function tagPhrases(tokens: Token[], s: Sentence, lex: Uint32Array): void {
  for (let i = s.first; i < s.last; ) {
    let matched = 0;
    const head = tokens[i]!;
    if (head.cap) {
      const starts = phraseStarts();
      const first = fold(head.text);
      const multi =
        starts.has(first) ||
        (first.includes('.') && starts.has(first.replace(/\./g, ''))) ||
        (head.upper && starts.has(titleCase(first)));
      for (let n = multi ? Math.min(MAX_PHRASE, s.last - i) : 1; n >= 1 && !matched; n--) {
        let phrase = tokens[i]!.text;
        let ok = true;
        for (let k = i + 1; k < i + n; k++) {
          const t = tokens[k]!;
          if (!t.word || t.start > tokens[k - 1]!.end + 1) {
            ok = false;
            break;
          }
          phrase += ` ${t.text}`;
        }
        if (!ok) continue;
        let bits = placeBits(phrase);
        if (!bits && tokens[i]!.upper) bits = placeBits(titleCase(phrase));
        if (!bits) continue;
        matched = n;
        for (let k = i; k < i + n; k++) lex[k]! |= bits | (k > i ? LEX.phraseInside : 0);
      }
    }
    i += matched || 1;
  }
}

/** Sets `runEndsOrg` / `runEndsPlace` / `runEndsEvent` on the words of runs whose head word heads an organisation, a place or an event. */
function markRunEnds(doc: Doc, lex: Uint32Array): void {
  const { tokens, sentences } = doc;
  for (const s of sentences) {
    // In an all-capital headline every word is "capitalised": no run says anything there.
    if (s.headline) continue;
    for (let i = s.first; i < s.last; ) {
      if (!tokens[i]!.cap || !tokens[i]!.word) {
        i++;
        continue;
      }
      // The run: capitalised words, and a joiner between two of them.
      let last = i;
      let j = i + 1;
      while (j < s.last) {
        const t = tokens[j]!;
        if (t.cap && t.word) last = j;
        else if (!(RUN_JOINERS.has(t.lower) && j + 1 < s.last && tokens[j + 1]!.cap && tokens[j + 1]!.word)) break;
        j++;
      }
      if (last > i) {
        // The run's head: its last word ("Niugini Mining Ltd"), or, with a joiner, the word before
        // the first joiner ("Bank of England", "Office for National Statistics", "Gulf of Aden").
        let head = lex[last]!;
        for (let k = i + 1; k < last; k++)
          if (!tokens[k]!.cap) {
            head |= lex[k - 1]!;
            break;
          }
        const bits =
          (head & (LEX.orgHead | LEX.agency | LEX.organisation) ? LEX.runEndsOrg : 0) |
          (head & LEX.placeHead ? LEX.runEndsPlace : 0) |
          (head & (LEX.eventHead | LEX.lawHead) ? LEX.runEndsEvent : 0);
        if (bits) for (let k = i; k <= last; k++) lex[k]! |= bits;
      }
      i = last + 1;
    }
  }
}

/**
 * Notes in the document's history that a capitalised word was tagged `tag` (a B- or I- tag): later
 * mentions of the word read how it was tagged before (the history features).
 */
export function countTag(history: Map<string, Uint16Array>, key: string, tag: number): void {
  let counts = history.get(key);
  if (!counts) {
    counts = new Uint16Array(4);
    history.set(key, counts);
  }
  counts[(tag - 1) >> 1]! += 1;
}
