/**
 * Named entities from capitalisation, gazetteers and context. One pass builds candidate spans
 * (runs of capitalised words, joined by name particles and "of" after an organisation or place
 * head), strips titles into roles, types each span by the strongest evidence it has, and a
 * document pass lets confident mentions decide the weaker ones: a later "Assad" joins the earlier
 * "Bashar Al-Assad", a sports page makes city names clubs.
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
  OPENING_WORDS,
  ORG_HEADS,
  ORG_STARTS,
  PERSON_CUES,
  PLACE_HEADS,
  PLACE_STARTS,
  REGION_SET,
  REPORTING_VERBS,
  SPORT_WORDS,
  SURNAME_SET,
  TITLE_WORDS,
  WEEKDAYS,
} from './lexicon';
import type { Sentence, Token } from './tokens';
import type { EntityType } from './types';

/** An entity span before ids are given. `strength` says how sure the type is (0 unknown … 3 certain). */
export interface NameSpan {
  start: number;
  end: number;
  first: number;
  last: number;
  type: EntityType;
  strength: number;
  role?: string;
  /** Came from the gazetteer of cities or regions (not countries): may be a sports club. */
  cityLike?: boolean;
  /** Typed a team by sports evidence (a results line, a score, "beat"): other mentions may follow. */
  club?: boolean;
}

const CONNECTORS = new Set([
  'de',
  'van',
  'von',
  'der',
  'den',
  'da',
  'di',
  'du',
  'la',
  'le',
  'del',
  'bin',
  'ibn',
  'al',
  'el',
  'y',
  '&',
]);
const NOT_NAMES = new Set([
  ...MONTHS,
  ...WEEKDAYS,
  'i',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  // Time zones.
  'gmt',
  'utc',
  'edt',
  'est',
  'cdt',
  'cst',
  'pdt',
  'pst',
  'bst',
  'cet',
  'cest',
]);
/** Verbs that headlines put between names: "WIGAN BEAT BRADFORD", "SMITH NAMED CAPTAIN". */
const HEADLINE_VERBS = new Set(
  'win wins won lose loses take takes took named name names set sets hit hits rise rises rose fall falls fell back backs get gets make makes face faces meet meets sign signs seek seeks join joins quit quits keep keeps lead leads'.split(
    ' ',
  ),
);
/** Company-form suffixes end a name: "Kia Motor Corp of South Korea" is the company, then its country. */
const LEGAL_SUFFIXES = new Set([
  'inc',
  'inc.',
  'corp',
  'corp.',
  'co',
  'co.',
  'ltd',
  'ltd.',
  'llc',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'nv',
  'bv',
  'group',
  'holdings',
]);
const ROMAN = /^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$/;
/** Compass and size words that make a new place of a place: "East Jerusalem", "Greater London". */
const PLACE_QUALIFIERS = new Set([
  'north',
  'south',
  'east',
  'west',
  'northern',
  'southern',
  'eastern',
  'western',
  'central',
  'upper',
  'lower',
  'greater',
  'new',
]);
/** Lower-case words after a name that make it a team or an organisation: "Florida manager", "Interfax news agency". */
const ORG_CUE_TEAM = new Set([
  'news',
  'agency',
  'newspaper',
  'daily',
  'weekly',
  'magazine',
  'club',
  'side',
  'team',
  'manager',
  'coach',
  'striker',
  'midfielder',
  'defender',
  'goalkeeper',
  'captain',
  'skipper',
  'batsman',
  'bowler',
  'all-rounder',
  'pitcher',
  'shortstop',
  'quarterback',
  'playmaker',
  'winger',
  'owner',
  'players',
  'fans',
  'chairman',
  'shareholders',
  'subsidiary',
  'unit',
  'employees',
  'workers',
]);
/** Lower-case nouns that, right before a name, say it is a company, club or other body: "airline Sabena". */
const ORG_APPOSITION = new Set([
  'company',
  'firm',
  'group',
  'chain',
  'airline',
  'maker',
  'manufacturer',
  'producer',
  'retailer',
  'distributor',
  'publisher',
  'insurer',
  'lender',
  'brokerage',
  'operator',
  'conglomerate',
  'subsidiary',
  'supplier',
  'exporter',
  'refiner',
  'brewer',
  'consortium',
  'newspaper',
  'daily',
  'weekly',
  'magazine',
  'broadcaster',
  'club',
  'side',
  'team',
  'outfit',
]);
/** Lower-case nouns after a possessive that only a business has: "Ruch 's shares". */
const COMPANY_OWNS = new Set([
  'shares',
  'stock',
  'profit',
  'profits',
  'earnings',
  'revenue',
  'revenues',
  'sales',
  'subsidiary',
  'subsidiaries',
  'shareholders',
  'stake',
  'takeover',
  'merger',
  'headquarters',
  'board',
  'directors',
  'executives',
  'customers',
  'products',
]);
const PLACE_PREPS = new Set([
  'in',
  'at',
  'near',
  'from',
  'to',
  'into',
  'across',
  'outside',
  'inside',
  'across',
  'towards',
]);
const PLACE_NOUNS = new Set([
  'province',
  'city',
  'town',
  'region',
  'village',
  'district',
  'governorate',
  'capital',
  'state',
  'county',
  'island',
  'port',
]);
const ORG_CUE_AFTER = new Set([
  'statement',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'official',
  'officials',
  'source',
  'sources',
  'report',
  'announcement',
  'shares',
  'stock',
]);
const SPORT_VERBS = new Set([
  'beat',
  'beats',
  'v',
  'vs',
  'vs.',
  'drew',
  'against',
  'defeated',
  'lost',
  'overcame',
  'thrashed',
  'routed',
  'edged',
  'hosts',
  'host',
]);

const fold = (s: string) => (s.includes('’') || s.includes('‘') ? s.replace(/[’‘]/g, "'") : s);
const stripParticle = (s: string) => s.replace(/^(?:al|el|ad|as|ash|at|az|bin|ibn|abu)[-'’]/i, '');
const titleCase = (s: string) =>
  s.replace(/\p{L}[\p{L}']*/gu, (w) => (w.length <= 1 ? w : w.charAt(0) + w.slice(1).toLowerCase()));

function isPlaceName(s: string): 'country' | 'city' | null {
  const t = fold(s);
  if (COUNTRY_SET.has(t) || (t.includes('.') && COUNTRY_SET.has(t.replace(/\./g, '')))) return 'country';
  if (CAPITAL_SET.has(t) || CITY_SET.has(t) || REGION_SET.has(t)) return 'city';
  // English counties: "Derbyshire", "Nottinghamshire".
  if (t.endsWith('shire') && /^\p{Lu}\p{Ll}+shire$/u.test(t)) return 'city';
  return null;
}
function isDemonym(s: string): boolean {
  return DEMONYM_SET.has(s) || (s.endsWith('s') && DEMONYM_SET.has(s.slice(0, -1)));
}

/** Finds entity spans in the tokens of every sentence and types them with document context. */
export function findNames(text: string, tokens: Token[], sentences: Sentence[]): NameSpan[] {
  const spans: NameSpan[] = [];
  const lowerSeen = new Set<string>();
  for (const t of tokens) if (t.word && !t.cap) lowerSeen.add(t.lower);
  let sportHits = 0;
  for (const t of tokens) if (SPORT_WORDS.has(t.lower)) sportHits++;
  // A score ("3-1", "108-3"), not an ISO date ("2021-09-13") nor a year range ("1995-96").
  const sporty = sportHits >= 2 || /(?<![-\d])\d{1,3}-\d{1,3}(?![-\d])/.test(text);

  for (const s of sentences) {
    if (s.headline) headlineNames(tokens, s, spans);
    else sentenceNames(tokens, s, spans, lowerSeen);
  }
  for (const s of sentences) tableLine(tokens, s, spans, sporty);
  if (sporty) ridersTeams(tokens, spans);
  resolveInDocument(text, tokens, spans, sporty);
  return spans;
}

function isSentenceStart(tokens: Token[], i: number, s: Sentence): boolean {
  if (i === s.first) return true;
  const prev = tokens[i - 1]!;
  return /^["“‘'(:\-–—]$/.test(prev.text) && (i - 1 === s.first || /^[:\-–—]$/.test(prev.text));
}

function nameToken(tokens: Token[], i: number, s: Sentence, lowerSeen: Set<string>): boolean {
  const t = tokens[i];
  if (!t?.word || !t.cap || i >= s.last) return false;
  if (/^\p{N}/u.test(t.text)) return false;
  if (NOT_NAMES.has(t.lower)) return false;
  if (FUNCTION_WORDS.has(t.lower) && !t.upper) return false;
  if (FUNCTION_WORDS.has(t.lower) && t.upper && t.lower.length > 3) return false;
  // "Communist-led", "Ohio-based": a name with a lower-case tail describes, it does not name.
  if (/-\p{Ll}+$/u.test(t.text)) return false;
  if (/^(?:Pro|Anti|Ex|Non|Post|Pre|Neo|Mid)-/.test(t.text)) return false;
  // "New" opens sentences, but "New York" is a place.
  if (isSentenceStart(tokens, i, s) && OPENING_WORDS.has(t.lower) && placePhrase(tokens, i, s.last) < 2) return false;
  if (isSentenceStart(tokens, i, s) && !t.upper) {
    // A capital at a sentence start proves nothing: keep the word only when it reads as a name.
    const known =
      isPlaceName(t.text) ||
      isDemonym(t.text) ||
      GIVEN_SET.has(t.text) ||
      SURNAME_SET.has(t.text) ||
      NEWS_AGENCIES.has(t.lower);
    const nextCap = tokens[i + 1]?.cap && tokens[i + 1]!.word;
    // Unless a verb of saying follows: "Lebed said ..." names someone.
    const appositive = tokens[i + 1]?.text === ',' && /^(?:who|whom|whose|a|an|the)$/.test(tokens[i + 2]?.lower ?? '');
    const speaks =
      (REPORTING_VERBS.has(tokens[i + 1]?.lower ?? '') || appositive) && !/s$/.test(t.lower) && !ORG_HEADS.has(t.lower);
    if (!known && !nextCap && !speaks && (lowerSeen.has(t.lower) || /(?:ing|ed|ly|s)$/.test(t.lower))) return false;
    // "Escaped British paedophile", "Controversial film": an adjective opening the sentence.
    if (!known && !speaks && (lowerSeen.has(t.lower) || /(?:ed|ly|ous|ive|ful)$/.test(t.lower))) return false;
  }
  return true;
}

/**
 * Title-case words in quotation marks are the title of a work ("Lawrence of Arabia", "Ice Cold in
 * Alex"), not names to look up one by one: the token ranges of such quotes in a sentence.
 */
function quotedTitles(tokens: Token[], s: Sentence): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = s.first; i < s.last; i++) {
    if (!/^["“]$/.test(tokens[i]!.text)) continue;
    let j = i + 1;
    let words = 0;
    let titleLike = true;
    while (j < s.last && j - i <= 12 && !/^["”]$/.test(tokens[j]!.text)) {
      const t = tokens[j]!;
      if (t.word) {
        words++;
        if (!t.cap && !FUNCTION_WORDS.has(t.lower)) titleLike = false;
      }
      j++;
    }
    if (j < s.last && /^["”]$/.test(tokens[j]!.text) && titleLike && words >= 2) out.push([i + 1, j]);
    i = j;
  }
  return out;
}

function sentenceNames(tokens: Token[], s: Sentence, out: NameSpan[], lowerSeen: Set<string>): void {
  const titles = quotedTitles(tokens, s);
  let i = s.first;
  while (i < s.last) {
    if (!nameToken(tokens, i, s, lowerSeen)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      const t = tokens[j];
      if (!t || j >= s.last) break;
      if (t.start > tokens[j - 1]!.end + 1) break;
      if (nameToken(tokens, j, s, lowerSeen) && !isSentenceStart(tokens, j, s)) {
        j++;
        continue;
      }
      // Regnal numbers: "Elizabeth I", "Charles VI".
      if (ROMAN.test(t.text) && j - i >= 1 && !tokens[j - 1]!.upper) {
        j++;
        continue;
      }
      const head = tokens[j - 1]!.lower;
      // Long organisation names: "National League for Democracy", "Organisation for Security and
      // Cooperation in Europe": after an organisation word, "for", "and" and "in" stay inside.
      if (
        ['for', 'and', 'in', 'on'].includes(t.lower) &&
        nameToken(tokens, j + 1, s, lowerSeen) &&
        (t.lower === 'for'
          ? ORG_HEADS.has(tokens[i]!.lower) || ORG_HEADS.has(head)
          : tokens.slice(i, j).some((x) => x.lower === 'for' || x.lower === 'of'))
      ) {
        j += 2;
        continue;
      }
      if (
        (CONNECTORS.has(t.lower) ||
          (t.lower === 'of' &&
            !LEGAL_SUFFIXES.has(head) &&
            (ORG_STARTS.has(head) ||
              ORG_HEADS.has(head) ||
              PLACE_STARTS.has(head) ||
              PLACE_HEADS.has(head) ||
              head === 'republic' ||
              head === 'kingdom'))) &&
        nameToken(tokens, j + 1, s, lowerSeen)
      ) {
        j += 2;
        continue;
      }
      break;
    }
    if (titles.some(([a, b]) => i >= a && j <= b))
      out.push({ start: tokens[i]!.start, end: tokens[j - 1]!.end, first: i, last: j, type: 'other', strength: -1 });
    else analyseRun(tokens, i, j, out);
    i = j;
  }
}

/** Headlines and datelines are all capitals: only gazetteer names and name patterns count there. */
function headlineNames(tokens: Token[], s: Sentence, out: NameSpan[]): void {
  let i = s.first;
  let unknownFrom = -1;
  const flushUnknown = (end: number) => {
    // Unknown capitals stay candidates the document may recognise ("SIMMONS" after "Phil Simmons").
    if (unknownFrom >= 0 && end > unknownFrom) {
      out.push({
        start: tokens[unknownFrom]!.start,
        end: tokens[end - 1]!.end,
        first: unknownFrom,
        last: end,
        type: 'other',
        strength: -1,
      });
    }
    unknownFrom = -1;
  };
  while (i < s.last) {
    const t = tokens[i]!;
    if (!t.word || !/\p{L}/u.test(t.text)) {
      flushUnknown(i);
      i++;
      continue;
    }
    // Longest gazetteer match of up to three words ("NEW YORK" before "NEW" is skipped as a word).
    const n = placePhrase(tokens, i, s.last, true);
    if (n) {
      flushUnknown(i);
      out.push(placeOrGroup(tokens, i, n, titleCase(tokensText(tokens, i, i + n))));
      i += n;
      continue;
    }
    if (FUNCTION_WORDS.has(t.lower) || OPENING_WORDS.has(t.lower) || NOT_NAMES.has(t.lower) || /\p{N}/u.test(t.text)) {
      flushUnknown(i);
      i++;
      continue;
    }
    if (NEWS_AGENCIES.has(t.lower)) {
      flushUnknown(i);
      out.push({ start: t.start, end: t.end, first: i, last: i + 1, type: 'organization', strength: 2 });
      i++;
      continue;
    }
    const next = tokens[i + 1];
    if (
      next &&
      i + 1 < s.last &&
      next.word &&
      GIVEN_SET.has(titleCase(t.text)) &&
      /^\p{L}{2,}$/u.test(next.text) &&
      !FUNCTION_WORDS.has(next.lower)
    ) {
      flushUnknown(i);
      out.push({ start: t.start, end: next.end, first: i, last: i + 2, type: 'person', strength: 2 });
      i += 2;
      continue;
    }
    if (SPORT_VERBS.has(t.lower) || REPORTING_VERBS.has(t.lower) || HEADLINE_VERBS.has(t.lower)) flushUnknown(i);
    else if (t.upper || t.cap) {
      if (unknownFrom < 0) unknownFrom = i;
    } else flushUnknown(i);
    i++;
  }
  flushUnknown(s.last);
}

/** Length of the longest place or people name (up to three words) starting at token i, or 0. */
function placePhrase(tokens: Token[], i: number, limit: number, anyCase = false): number {
  for (let n = Math.min(3, limit - i); n >= 1; n--) {
    let ok = true;
    for (let k = i; k < i + n; k++)
      if (!tokens[k]!.word || (k > i && tokens[k]!.start > tokens[k - 1]!.end + 1)) ok = false;
    if (!ok) continue;
    const raw = tokensText(tokens, i, i + n);
    const phrase = anyCase ? titleCase(raw) : raw;
    if (isPlaceName(phrase) || isDemonym(phrase) || (anyCase && isPlaceName(raw))) return n;
  }
  return 0;
}

const isTitle = (t: Token) => TITLE_WORDS.has(t.lower.replace(/\.$/, ''));

function analyseRun(tokens: Token[], a: number, b: number, out: NameSpan[]): void {
  // Table headers and initials ("W D L", "F G") are not names.
  let letters = 0;
  for (let k = a; k < b; k++) if (tokens[k]!.text.replace(/\./g, '').length > 1) letters++;
  if (letters === 0) return;
  const lastLower = tokens[b - 1]!.lower;
  // A long role before the name: "Panamanian Boxing Association President Ramon Manzanares".
  let lastTitle = -1;
  for (let k = b - 2; k > a; k--) {
    if (isTitle(tokens[k]!) && !isTitle(tokens[k + 1]!)) {
      lastTitle = k;
      break;
    }
  }
  if (lastTitle > a && !ORG_HEADS.has(lastLower)) {
    let titleStart = lastTitle;
    while (titleStart > a && isTitle(tokens[titleStart - 1]!)) titleStart--;
    const core = classify(tokens, lastTitle + 1, b);
    const pre = classify(tokens, a, titleStart);
    // What stands before the title is an organisation or place of its own ("Boxing Association"),
    // or a qualifier that belongs to the role ("Democratic", "Privatisation").
    const preNamed = pre.type === 'organization' || pre.type === 'place' || pre.type === 'group';
    const preQualifier = titleStart - a <= 2 && (pre.type === 'other' || pre.strength <= 0);
    if ((core.type === 'person' || core.strength < 2) && titleStart > a && (preNamed || preQualifier)) {
      if (preNamed)
        out.push({ start: tokens[a]!.start, end: tokens[titleStart - 1]!.end, first: a, last: titleStart, ...pre });
      out.push({
        start: tokens[lastTitle + 1]!.start,
        end: tokens[b - 1]!.end,
        first: lastTitle + 1,
        last: b,
        type: 'person',
        strength: 3,
        role: tokensText(tokens, a, lastTitle + 1),
      });
      return;
    }
  }
  const whole = classify(tokens, a, b);
  if (whole.strength >= 3 || (whole.strength >= 2 && whole.type !== 'person')) {
    out.push({ start: tokens[a]!.start, end: tokens[b - 1]!.end, first: a, last: b, ...whole });
    return;
  }
  // Places, peoples and titles before the name: "Russian President Vladimir Putin",
  // "Hong Kong Financial Secretary Donald Tsang", "German Foreign Ministry".
  const prefixes: NameSpan[] = [];
  let k = a;
  let roleEnd = a;
  while (k < b - 1) {
    const n = placePhrase(tokens, k, b - 1);
    if (n) {
      prefixes.push(placeOrGroup(tokens, k, n, tokensText(tokens, k, k + n)));
      k += n;
      continue;
    }
    if (TITLE_WORDS.has(tokens[k]!.lower.replace(/\.$/, ''))) {
      roleEnd = k + 1;
      k++;
      continue;
    }
    break;
  }
  if (roleEnd > a && roleEnd < b && !ORG_HEADS.has(lastLower)) {
    const core = classify(tokens, roleEnd, b);
    if (core.type === 'person' || core.type === 'other' || core.strength < 2) {
      out.push(...prefixes.filter((p) => p.last <= roleEnd));
      out.push({
        start: tokens[roleEnd]!.start,
        end: tokens[b - 1]!.end,
        first: roleEnd,
        last: b,
        type: 'person',
        strength: 3,
        role: tokensText(tokens, a, roleEnd),
      });
      return;
    }
  }
  // Only titles after the places: "Polish Foreign Minister" names nobody.
  if (k === b - 1 && isTitle(tokens[b - 1]!) && (roleEnd > a || prefixes.length)) {
    out.push(...prefixes);
    return;
  }
  if (prefixes.length && roleEnd === a && tokens[prefixes[prefixes.length - 1]!.last]!.cap) {
    const from = prefixes[prefixes.length - 1]!.last;
    const rest = b - from;
    const restKnown =
      rest === 1 && (GIVEN_SET.has(tokens[from]!.text) || tokens[from]!.upper || isPlaceName(tokens[from]!.text));
    const qualifier = PLACE_QUALIFIERS.has(tokens[a]!.lower);
    if ((rest >= 2 || restKnown) && !qualifier) {
      out.push(...prefixes);
      const c = classify(tokens, from, b);
      out.push({ start: tokens[from]!.start, end: tokens[b - 1]!.end, first: from, last: b, ...c });
      return;
    }
  }
  out.push({ start: tokens[a]!.start, end: tokens[b - 1]!.end, first: a, last: b, ...whole });
}

function tokensText(tokens: Token[], a: number, b: number): string {
  let s = '';
  for (let i = a; i < b; i++) s += (i > a ? ' ' : '') + tokens[i]!.text;
  return s;
}

/**
 * An apposition "the/a … <company noun>" starting at token i, whose noun ends the phrase (a
 * "company spokesman" is a person, so the noun must be followed by punctuation or a linking word).
 */
function appositionAfter(tokens: Token[], i: number): boolean {
  if (!/^(?:the|a|an)$/.test(tokens[i]?.lower ?? '')) return false;
  for (let k = i + 1; k <= i + 4; k++) {
    const t = tokens[k];
    if (!t?.word || t.cap) return false;
    if (ORG_APPOSITION.has(t.lower)) {
      const after = tokens[k + 1];
      return !after?.word || /^(?:to|that|which|of|in|with|based|whose|and)$/.test(after.lower);
    }
  }
  return false;
}

/** The `n` tokens from `a`, read as `phrase`: a place when the gazetteer knows it, else a group. */
function placeOrGroup(tokens: Token[], a: number, n: number, phrase: string): NameSpan {
  const place = isPlaceName(phrase);
  return {
    start: tokens[a]!.start,
    end: tokens[a + n - 1]!.end,
    first: a,
    last: a + n,
    type: place ? 'place' : 'group',
    strength: 2,
    cityLike: place === 'city',
  };
}

const CAMEL = /^(?!Mc|Mac|O'|De|Di|Da|Du|La|Le|Van|Von)\p{Lu}\p{Ll}+\p{Lu}/u;

function classify(tokens: Token[], a: number, b: number): Omit<NameSpan, 'start' | 'end' | 'first' | 'last'> {
  const n = b - a;
  const text = tokensText(tokens, a, b);
  const first = tokens[a]!;
  const last = tokens[b - 1]!;
  const prev = tokens[a - 1];
  const prev2 = tokens[a - 2];
  const next = tokens[b];
  const place = isPlaceName(text) ?? (first.upper ? isPlaceName(titleCase(text)) : null);
  if (place === 'country') return { type: 'place', strength: 3 };
  if (isDemonym(text)) return { type: 'group', strength: 3 };
  if (n === 1 && NEWS_AGENCIES.has(first.lower)) return { type: 'organization', strength: 3 };
  // "mineral water firm Multico", "French first division side Nice": the noun before says what it is.
  if (prev && !prev.cap && ORG_APPOSITION.has(prev.lower)) return { type: 'organization', strength: 2 };
  // "Cofinec , the first foreign company to list": the same nouns in an apposition after the name.
  if (next?.text === ',' && appositionAfter(tokens, b + 1)) return { type: 'organization', strength: 2 };
  // People's names never hold an ampersand: "Douglas & Lomason", "A.G. Edwards & Sons".
  if (n > 2 && tokens.slice(a + 1, b - 1).some((t) => t.text === '&')) return { type: 'organization', strength: 2 };
  if (place) return { type: 'place', strength: 2, cityLike: true };
  if (n > 1 && LAW_HEADS.has(last.lower)) return { type: 'law', strength: 2 };
  if (n > 1 && ORG_HEADS.has(last.lower.replace(/\.$/, ''))) return { type: 'organization', strength: 2 };
  if (
    n > 1 &&
    (ORG_STARTS.has(first.lower) || tokens.slice(a, b - 1).some((t) => ORG_HEADS.has(t.lower))) &&
    tokens.slice(a, b).some((t) => t.lower === 'of' || t.lower === 'for')
  ) {
    return { type: 'organization', strength: 2 };
  }
  if (n > 1 && (PLACE_HEADS.has(last.lower) || PLACE_STARTS.has(first.lower))) return { type: 'place', strength: 2 };
  if (n > 1 && PLACE_QUALIFIERS.has(first.lower) && isPlaceName(tokensText(tokens, a + 1, b)))
    return { type: 'place', strength: 2 };
  if (n > 1 && EVENT_HEADS.has(last.lower)) return { type: 'event', strength: 2 };
  if (n > 1 && isDemonym(last.text)) return { type: 'group', strength: 2 };
  if (n === 1 && first.upper && /^[\p{Lu}.&]{2,7}$/u.test(first.text)) return { type: 'organization', strength: 1 };
  // Capitals inside running text ("IPO FILING --") are labels unless a list above knows them.
  if (n >= 2 && first.upper && last.upper) return { type: 'other', strength: -1 };
  if (prev && /-based$/.test(prev.lower)) return { type: 'organization', strength: 2 };
  if (n >= 2 && GIVEN_SET.has(first.text) && !isPlaceName(last.text)) return { type: 'person', strength: 2 };
  // Results lists: "Jan Novak ( Slovakia ) beat ...", bowling figures "Novak 10-0-43-2".
  const after2 = tokens[b + 1];
  if (next?.text === '(' && after2 && isPlaceName(after2.text) === 'country' && tokens[b + 2]?.text === ')') {
    return { type: 'person', strength: 2 };
  }
  if (next && /^\d+(?:\.\d)?-\d+-\d+-\d+$/.test(next.text)) return { type: 'person', strength: 2 };
  if (prev && (PERSON_CUES.has(prev.lower) || TITLE_WORDS.has(prev.lower.replace(/\.$/, '')))) {
    return { type: 'person', strength: 2 };
  }
  if (prev && prev2 && prev.lower === 'of' && PLACE_NOUNS.has(prev2.lower)) return { type: 'place', strength: 2 };
  if (next && ORG_CUE_AFTER.has(next.lower)) return { type: 'organization', strength: 1 };
  // What only a business owns: "Cofinec 's shares", "Ruch 's profit".
  if (next?.lower === "'s" && COMPANY_OWNS.has(tokens[b + 1]?.lower ?? ''))
    return { type: 'organization', strength: 1 };
  if (next && ORG_CUE_TEAM.has(next.lower) && !next.cap) return { type: 'organization', strength: 1 };
  // A place inside a longer name that is not a person's: "Dynamo Moscow", "Air France".
  if (n >= 2 && !GIVEN_SET.has(first.text)) {
    for (let k = a; k < b; k++) if (isPlaceName(tokens[k]!.text)) return { type: 'organization', strength: 1 };
  }
  if (n === 1 && CAMEL.test(first.text)) return { type: 'organization', strength: 1 };
  if (n >= 2 && SURNAME_SET.has(last.text)) return { type: 'person', strength: 1 };
  if (next && REPORTING_VERBS.has(next.lower)) {
    if (prev?.lower === 'the') return { type: 'organization', strength: 1 };
    return { type: 'person', strength: 1 };
  }
  // Adjectives of peoples the country list does not have: "Kurdish militia", "Pashtun tribes".
  if (n === 1 && /(?:ish|ian|ese|ic|i)$/.test(first.lower) && next?.word && !next.cap && /^\p{Ll}/u.test(next.text)) {
    if (!GIVEN_SET.has(first.text) && !SURNAME_SET.has(first.text)) return { type: 'group', strength: 1 };
  }
  if (prev && PLACE_PREPS.has(prev.lower) && n <= 2) return { type: 'place', strength: 0 };
  if (n >= 2) return { type: 'person', strength: 0 };
  if (SURNAME_SET.has(first.text) || GIVEN_SET.has(first.text)) return { type: 'person', strength: 0 };
  return { type: 'other', strength: -1 };
}

/**
 * Race results give each rider's or driver's country in brackets, then the team or car:
 * "Alex Zanardi ( Italy ) , Reynard Honda , 53.980", "Ekimov ( Russia ) Rabobank same time".
 * A name right after the bracketed country is the team, unless a bracketed country follows it
 * too (then it is the next person of a list: "Fredericks ( Namibia ) , Linford Christie ( Britain )").
 */
function ridersTeams(tokens: Token[], spans: NameSpan[]): void {
  const byLast = new Map<number, NameSpan>();
  for (const sp of spans) byLast.set(sp.last, sp);
  for (const sp of spans) {
    let k = sp.first - 1;
    if (tokens[k]?.text === ',') k--;
    if (tokens[k]?.text !== ')') continue;
    const country = byLast.get(k);
    if (country?.type !== 'place' || tokens[country.first - 1]?.text !== '(') continue;
    const rider = byLast.get(country.first - 1);
    if (!rider || (rider.type !== 'person' && rider.type !== 'other')) continue;
    if (tokens[sp.last]?.text === '(' || sp.type === 'place' || sp.type === 'group') continue;
    // A list of players goes on with another name: "Dave Barr ( Canada ) , Mike Sullivan , Willie".
    if (tokens[sp.last]?.text === ',' && tokens[sp.last + 1]?.cap) continue;
    if (tokens[sp.first]!.sentence !== tokens[rider.first]!.sentence) continue;
    sp.type = 'organization';
    sp.strength = Math.max(sp.strength, 2);
  }
}

const SCORE = /^\d+(?:-\d+)?$/;
const INTEGER = /^\d+$/;

/**
 * Result and standings lines of a sports page are made of club names and numbers only:
 * "Wigan 42 Bradford Bulls 36", "Crystal Palace 4 1 2 1 4 3 5", "Alba ( Germany ) 75 Red Star
 * ( Yugoslavia ) 70", and fixture lists "TEXAS AT SEATTLE" (the side named before "at" is the
 * visitor, on a page that reads as sport). The shape alone says the names are teams, whatever word
 * list a name is also on; only countries (national sides are written as the country) and sure
 * people keep their type.
 */
function tableLine(tokens: Token[], s: Sentence, spans: NameSpan[], sporty: boolean): void {
  const byFirst = new Map<number, NameSpan>();
  for (const sp of spans) if (sp.first >= s.first && sp.last <= s.last) byFirst.set(sp.first, sp);
  let last = s.last;
  if (tokens[last - 1]?.text === '.') last--;
  // One slot: a name, then an optional short note in brackets ("( BJ )", "( Germany )").
  const slot = (i: number): [NameSpan, number] | null => {
    const sp = byFirst.get(i);
    if (!sp) return null;
    let j = sp.last;
    if (tokens[j]?.text === '(' && j + 2 < last && tokens[j + 2]!.text === ')' && !INTEGER.test(tokens[j + 1]!.text))
      j += 3;
    return [sp, j];
  };
  // Two clubs of one name are told apart by their town's initials, which belong to the name:
  // "Mladost ( BJ )", "Radnicki ( N )".
  const withInitials = (sp: NameSpan) => {
    const k = sp.last;
    if (tokens[k]?.text === '(' && /^\p{Lu}{1,3}$/u.test(tokens[k + 1]?.text ?? '') && tokens[k + 2]?.text === ')') {
      if (isPlaceName(tokens[k + 1]!.text)) return;
      sp.last = k + 3;
      sp.end = tokens[k + 2]!.end;
    }
  };
  const numbers = (i: number) => {
    let j = i;
    while (j < last && INTEGER.test(tokens[j]!.text)) j++;
    return j - i;
  };
  const clubs: NameSpan[] = [];
  const a = slot(s.first);
  if (!a) return;
  const n1 = numbers(a[1]);
  if (n1 >= 4 && a[1] + n1 === last) clubs.push(a[0]);
  else if (n1 === 1) {
    const b = slot(a[1] + 1);
    if (!b || numbers(b[1]) !== 1) return;
    const end = b[1] + 1;
    if (end !== last && tokens[end]!.text !== '(') return;
    clubs.push(a[0], b[0]);
  } else if (sporty && n1 === 0 && tokens[a[1]]?.lower === 'at' && tokens[a[1]]!.upper) {
    const b = slot(a[1] + 1);
    if (!b || b[1] !== last) return;
    clubs.push(a[0]);
  } else return;
  for (const c of clubs) {
    if (c.type === 'group' || (c.type === 'place' && !c.cityLike && c.strength >= 3)) continue;
    if (c.type === 'person' && c.strength >= 3) continue;
    c.type = 'organization';
    c.strength = Math.max(c.strength, 2);
    c.club = true;
    withInitials(c);
  }
}

/** In a list of names ("Flemming , Jason Gillespie , Stuart Law"), an unknown item is of its neighbours' type. */
function resolveLists(tokens: Token[], spans: NameSpan[]): void {
  const byFirst = new Map<number, NameSpan>();
  const byLast = new Map<number, NameSpan>();
  for (const s of spans) {
    byFirst.set(s.first, s);
    byLast.set(s.last, s);
  }
  for (const s of spans) {
    if (s.type !== 'other' || s.last - s.first !== 1) continue;
    const next = tokens[s.last]?.text === ',' ? byFirst.get(s.last + 1) : undefined;
    const prev = tokens[s.first - 1]?.text === ',' ? byLast.get(s.first - 1) : undefined;
    const neighbour = [next, prev].find((x) => x && x.type === 'person' && x.strength >= 1 && x.last - x.first >= 2);
    if (neighbour) {
      s.type = 'person';
      s.strength = 1;
    }
  }
}

/** Document pass: confident mentions type the doubtful ones; sports pages make city names clubs. */
function resolveInDocument(_text: string, tokens: Token[], spans: NameSpan[], sporty: boolean): void {
  resolveLists(tokens, spans);
  const byName = new Map<string, { type: EntityType; strength: number }>();
  const surnames = new Map<string, number>();
  for (const s of spans) {
    if (s.strength < 1) continue;
    const key = tokensText(tokens, s.first, s.last).toLowerCase();
    const had = byName.get(key);
    if (!had || had.strength < s.strength) byName.set(key, { type: s.type, strength: s.strength });
    if (s.type === 'person' && s.last - s.first >= 2) {
      const lastName = tokens[s.last - 1]!.lower;
      surnames.set(lastName, (surnames.get(lastName) ?? 0) + 1);
      surnames.set(stripParticle(lastName), 1);
    }
  }
  const byFirst = new Map<number, NameSpan>();
  for (const s of spans) byFirst.set(s.first, s);
  for (const s of spans) {
    const key = tokensText(tokens, s.first, s.last).toLowerCase();
    if (s.last - s.first === 1 && (surnames.has(key) || surnames.has(stripParticle(key))) && s.type !== 'person') {
      if (s.strength < 3) {
        s.type = 'person';
        s.strength = 2;
        continue;
      }
    }
    const known = byName.get(key);
    if (known && known.strength > s.strength) {
      s.type = known.type;
      s.strength = known.strength;
    }
    if (!sporty || s.type === 'group' || s.type === 'event' || s.type === 'law') continue;
    // Only names that may be a club: a city or county, or a single word nothing else explains.
    // People stay people ("J. Pooley 111", "beat Frederic Magne").
    const single = s.last - s.first === 1;
    const weak =
      s.cityLike ||
      s.type === 'other' ||
      (s.type === 'place' && s.strength < 2) ||
      (s.type === 'organization' && s.strength < 2) ||
      (single && s.type === 'person' && s.strength <= 0);
    if (!weak) continue;
    const prev = tokens[s.first - 1];
    const next = tokens[s.last];
    const sameSentence = (t: Token | undefined) => t && t.sentence === tokens[s.first]!.sentence;
    // Results and tables: "Wigan 4 Chester 2", "Kent 108-3", "against the Reds".
    const score = sameSentence(next) && SCORE.test(next!.text);
    const versus =
      (sameSentence(prev) && SPORT_VERBS.has(prev!.lower)) || (sameSentence(next) && SPORT_VERBS.has(next!.lower));
    const team =
      s.last - s.first === 1 &&
      prev?.lower === 'the' &&
      /s$/.test(tokens[s.first]!.text) &&
      !isDemonym(tokens[s.first]!.text);
    // "Surrey captain Chris Lewis", "Cubs shortstop", and "Everton 's Duncan Ferguson": a player
    // or a role of the team after the name.
    // After an article the town only qualifies the noun: "the Moscow club", "the north London club".
    const article = (t: Token | undefined) => !!t && /^(?:the|a|an|his|her|their|its)$/.test(t.lower);
    const qualifier = article(prev) || (!prev?.cap && article(tokens[s.first - 2]));
    const role = sameSentence(next) && !next!.cap && ORG_CUE_TEAM.has(next!.lower) && !qualifier;
    const after = byFirst.get(s.last + 1);
    const player = next?.lower === "'s" && after?.type === 'person' && after.last - after.first >= 2;
    if (score || versus || team || role || player) {
      // A lone given name that "lost" is more likely a boxer than a club: it is not spread further.
      s.club = s.type !== 'person' || score;
      s.type = 'organization';
      s.strength = Math.max(s.strength, 1);
    }
  }
  if (sporty) clubsInDocument(tokens, spans);
}

/**
 * On a sports page a name once shown to be a team is the team elsewhere too: "Derbyshire beat
 * Kent" makes the later "Derbyshire kept up the hunt" and "title hopefuls Derbyshire" the club.
 * Not where the text places something in it ("in Chicago", "at Leeds") nor in a dateline
 * ("BIRMINGHAM , England", "NEW YORK 1996-08-30"), and not names that something else types surely
 * (countries, people).
 */
function clubsInDocument(tokens: Token[], spans: NameSpan[]): void {
  const clubs = new Set<string>();
  for (const s of spans) if (s.club) clubs.add(tokensText(tokens, s.first, s.last).toLowerCase());
  if (!clubs.size) return;
  for (const s of spans) {
    if (s.club || s.type === 'organization' || s.type === 'group' || s.strength >= 3) continue;
    if (s.type === 'person' && s.strength >= 2) continue;
    if (s.type === 'place' && !s.cityLike && s.strength >= 2) continue;
    if (!clubs.has(tokensText(tokens, s.first, s.last).toLowerCase())) continue;
    const prev = tokens[s.first - 1];
    const next = tokens[s.last];
    const sentence = tokens[s.first]!.sentence;
    if (prev && prev.sentence === sentence && PLACE_PREPS.has(prev.lower)) continue;
    if (next && next.sentence === sentence && next.text === ',' && tokens[s.last + 1]?.cap) continue;
    if (next && next.sentence === sentence && /^\d{4}-\d\d-\d\d$/.test(next.text)) continue;
    s.type = 'organization';
  }
}
