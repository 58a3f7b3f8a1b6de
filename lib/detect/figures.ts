/** Figures a sentence states, normalised: percentages, money, counts, ranks. */
import { MULTIPLIERS, NUMBER_WORDS } from './lexicon';
import type { Figure } from './types';

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
/** Longest first, so "seventy" is not read as "seven"; tens may take a unit: "forty-two". */
const WORDNUM = `(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)\\b|(?:${Object.keys(
  NUMBER_WORDS,
)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\b)`;
const MULT = String.raw`(?:\s?(?:hundred|thousand|million|billion|trillion|bn|mn)\b|(?:m|k)\b)?`;
const CURRENCY_SIGNS: Record<string, string> = { $: 'USD', US$: 'USD', '£': 'GBP', '€': 'EUR', '¥': 'JPY' };
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  yen: 'JPY',
  yuan: 'CNY',
  rouble: 'RUB',
  roubles: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
  rupees: 'INR',
};

const MONEY_SIGN = new RegExp(String.raw`(US\$|\$|£|€|¥)\s?(${NUM})(${MULT})`, 'g');
const UNIT = String.raw`(?:\s?(%|per ?cent\b|percent\b|percentage points?\b)|\s(${Object.keys(CURRENCY_WORDS).join('|')})\b)?`;
// Two scans: digits (cheap to find) and spelled-out numbers, the second only where such words occur.
const AMOUNT_DIGITS = new RegExp(String.raw`\b(${NUM})(${MULT})${UNIT}`, 'gi');
const AMOUNT_WORDS = new RegExp(String.raw`\b(${WORDNUM})(${MULT})${UNIT}`, 'gi');
const HAS_NUMBER_WORD = new RegExp(String.raw`\b${WORDNUM}`, 'i');
const RANK =
  /\b(?:No\.? ?(\d+)|(\d+)(?:st|nd|rd|th)|(first|second|third|fourth|fifth|tenth))\b(?= (?:largest|biggest|highest|lowest|most|least|best|worst|richest|poorest|place|position|ranked|in the world))/gi;
const ANY_NUMBER = new RegExp(String.raw`[\d$£€¥]|\b(?:${WORDNUM}|first|second|third|fourth|fifth|tenth)\b`, 'i');
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, tenth: 10 };
const YEAR = /^(?:1[89]|20)\d\d$/;
/** What follows a count: up to three words, through "of": "320 types of weapons". */
/** An adjective may come first ("new homes"), so a second word is taken when the first is not plural. */
const COUNTED = /^\s((?:[\p{Ll}-]*[^s\s] (?!of )(?=[\p{Ll}-]+s\b))?[\p{Ll}-]+(?: of [\p{Ll}-]+)?)/u;
const STOP_NOUN = new Set([
  'and',
  'or',
  'but',
  'the',
  'a',
  'to',
  'in',
  'on',
  'at',
  'for',
  'from',
  'by',
  'with',
  'is',
  'was',
  'were',
  'are',
  'of',
]);

function amountOf(num: string, mult: string): number {
  const lower = num.toLowerCase();
  const base = lower.includes('-')
    ? lower.split('-').reduce((sum, w) => sum + (NUMBER_WORDS[w] ?? 0), 0)
    : (NUMBER_WORDS[lower] ?? Number(num.replace(/,/g, '')));
  const m = mult.trim().toLowerCase();
  return base * (m ? (MULTIPLIERS[m] ?? 1) : 1);
}

/** Finds figures in text; years ("in 2011") come out with unit "year" so callers can tell them apart. */
export function findFigures(text: string, offset = 0): Figure[] {
  const out: Figure[] = [];
  // Most sentences hold no figure: one cheap test spares them the three scans below.
  if (!ANY_NUMBER.test(text)) return out;
  const taken = new Uint8Array(text.length + 1);
  const push = (f: Figure) => {
    const s = f.start - offset;
    const e = f.end - offset;
    for (let i = s; i < e; i++) if (taken[i]) return;
    for (let i = s; i < e; i++) taken[i] = 1;
    out.push(f);
  };
  for (const m of text.matchAll(MONEY_SIGN)) {
    const start = m.index;
    push({
      start: start + offset,
      end: start + m[0].length + offset,
      text: m[0],
      number: amountOf(m[2]!, m[3] ?? ''),
      unit: 'money',
      currency: CURRENCY_SIGNS[m[1]!],
    });
  }
  for (const m of text.matchAll(RANK)) {
    const n = m[1] ?? m[2];
    push({
      start: m.index + offset,
      end: m.index + m[0].length + offset,
      text: m[0],
      number: n ? Number(n) : (ORDINALS[m[3]!.toLowerCase()] ?? 1),
      unit: 'rank',
    });
  }
  const amounts = [...text.matchAll(AMOUNT_DIGITS)];
  if (HAS_NUMBER_WORD.test(text)) amounts.push(...text.matchAll(AMOUNT_WORDS));
  for (const m of amounts) {
    const fig = amountFigure(text, m, offset);
    if (fig) push(fig);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The figure an amount match `m` (AMOUNT_DIGITS or AMOUNT_WORDS) makes: none for a clock time, an
 * ordinary small number word, or part of a longer number.
 */
function amountFigure(text: string, m: RegExpExecArray, offset: number): Figure | undefined {
  const start = m.index;
  const raw = m[1]!;
  const isWord = !/\d/.test(raw);
  // Clock times ("2:31 pm") are not figures.
  if (
    /:\d/.test(text.slice(start + m[0].length, start + m[0].length + 2)) ||
    /\d:$/.test(text.slice(Math.max(0, start - 2), start))
  )
    return undefined;
  // Spelled-out small numbers are ordinary words ("one of them") unless a unit or multiplier follows.
  // A spelled-out number counting a plural noun is a figure: "seventy votes", "six predecessors".
  const countsNoun =
    isWord && /^\s(?:[\p{Ll}-]+\s)?[\p{Ll}-]{3,}s\b/u.test(text.slice(start + m[0].length, start + m[0].length + 30));
  // Small spelled-out numbers ("the two leaders") are ordinary words; from ten up they count.
  if (isWord && !m[2] && !m[3] && !m[4] && (!countsNoun || amountOf(raw, '') < 10)) return undefined;
  if (
    /^[.,]/.test(text.slice(start + m[0].length)) &&
    /\d$/.test(m[0]) &&
    /^[.,]\d/.test(text.slice(start + m[0].length))
  )
    return undefined;
  const number = amountOf(raw, m[2] ?? '');
  let unit: Figure['unit'] = 'count';
  let currency: string | undefined;
  if (m[3]) unit = 'percent';
  else if (m[4]) {
    unit = 'money';
    currency = CURRENCY_WORDS[m[4].toLowerCase()];
  } else if (YEAR.test(raw) && !m[2]) unit = 'year';
  const fig: Figure = { start: start + offset, end: start + m[0].length + offset, text: m[0], number, unit };
  if (currency) fig.currency = currency;
  if (unit === 'count') {
    const of = countedOf(text.slice(start + m[0].length));
    if (of) fig.of = of;
  }
  return fig;
}

/** What a count counts, read from the text after it ("40 people killed" → "people"). */
function countedOf(after: string): string | undefined {
  const rest = COUNTED.exec(after);
  if (!rest?.[1]) return undefined;
  const words = rest[1].split(' ');
  while (words.length && STOP_NOUN.has(words[words.length - 1]!)) words.pop();
  return words.length && !STOP_NOUN.has(words[0]!) ? words.join(' ') : undefined;
}
