/**
 * Date expressions of news text, resolved against the article's publication date: absolute
 * ("17 May 2018", "September 14, 2021", "2011"), and relative ("yesterday", "last year",
 * "earlier this month", "in May", "on Friday"). News mostly looks back, so a bare month or weekday
 * resolves to the latest one not after the reference date. Each date says whether it is relative
 * (needs the reference date to mean a day): when the article's date is unknown, `detect` shows
 * those as the text says them and never resolves them against the reader's today.
 *
 * chrono-node does this well but costs more than the whole detection budget of the content
 * script; news needs only these few forms.
 */
import { MONTH_ABBR, MONTHS, NUMBER_WORDS, WEEKDAYS } from './lexicon';
import type { ResolvedDate } from './types';

const MONTH = `(?:${MONTHS.join('|')}|${Object.keys(MONTH_ABBR).join('|')})\\.?`;
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';
const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;

/** A date expression as found: resolved, and whether it needs the reference date to be. */
export interface DateExpression extends ResolvedDate {
  relative: boolean;
}

/** Each form, how it resolves, and whether that needs the reference date (`RELATIVE`). */
const ABSOLUTE = false;
const RELATIVE = true;
const PATTERNS: Array<[RegExp, (m: RegExpExecArray, ref: Date) => string | null, boolean]> = [
  [new RegExp(`\\b${YEAR}-[01]\\d-[0-3]\\d\\b`, 'gi'), (m) => m[0], ABSOLUTE],
  [
    new RegExp(`\\b(${DAY}) (${MONTH}),? (${YEAR})\\b`, 'gi'),
    (m) => ymd(+m[3]!, monthOf(m[2]!), Number.parseInt(m[1]!, 10)),
    ABSOLUTE,
  ],
  [
    new RegExp(`\\b(${MONTH}) (${DAY}),? (${YEAR})\\b`, 'gi'),
    (m) => ymd(+m[3]!, monthOf(m[1]!), Number.parseInt(m[2]!, 10)),
    ABSOLUTE,
  ],
  [new RegExp(`\\b(${MONTH}),? (${YEAR})\\b`, 'gi'), (m) => ym(+m[2]!, monthOf(m[1]!)), ABSOLUTE],
  [
    new RegExp(`\\b(?:on )?(${DAY}) (${MONTH})\\b|\\b(?:on )?(${MONTH}) (${DAY})\\b(?![,:]? ?\\d)`, 'gi'),
    (m, ref) => {
      const month = monthOf((m[2] ?? m[3])!);
      const day = Number.parseInt((m[1] ?? m[4])!, 10);
      const year = month > ref.getUTCMonth() + 1 ? ref.getUTCFullYear() - 1 : ref.getUTCFullYear();
      return ymd(year, month, day);
    },
    RELATIVE,
  ],
  [/\b(?:earlier |later )?this (year|month|week)\b/gi, (m, ref) => unitOf(m[1]!, ref, 0), RELATIVE],
  [/\b(?:last|previous|past) (year|month|week)\b/gi, (m, ref) => unitOf(m[1]!, ref, -1), RELATIVE],
  [/\bnext (year|month|week)\b/gi, (m, ref) => unitOf(m[1]!, ref, 1), RELATIVE],
  [
    /\b(yesterday|today|tomorrow)\b/gi,
    (m, ref) => shiftDays(ref, { yesterday: -1, today: 0, tomorrow: 1 }[m[1]!.toLowerCase() as 'today']),
    RELATIVE,
  ],
  [
    /\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) years? ago\b/gi,
    (m, ref) => String(ref.getUTCFullYear() - (NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]))),
    RELATIVE,
  ],
  [
    new RegExp(`\\b(?:on |last )?(${WEEKDAY})\\b`, 'gi'),
    (m, ref) => {
      const wd = WEEKDAYS.indexOf(m[1]!.toLowerCase());
      let back = (ref.getUTCDay() - wd + 7) % 7;
      if (back === 0 && /^last/i.test(m[0])) back = 7;
      return shiftDays(ref, -back);
    },
    RELATIVE,
  ],
  [
    new RegExp(`\\b(?:(in|since|by|until|from|during|of|last|next|early|late|mid-?) )(${MONTH})\\b(?! \\d)`, 'gi'),
    (m, ref) => {
      const month = monthOf(m[2]!);
      const refMonth = ref.getUTCMonth() + 1;
      const prep = m[1]!.toLowerCase();
      let year = ref.getUTCFullYear();
      if (prep === 'next') year += month <= refMonth ? 1 : 0;
      else if (prep === 'last') year -= month >= refMonth ? 1 : 0;
      else if (month > refMonth) year -= 1;
      return ym(year, month);
    },
    RELATIVE,
  ],
  [
    new RegExp(`\\b(?:in|since|by|until|from|during|of|after|before|early|late|mid-?) (${YEAR})s?\\b`, 'gi'),
    (m) => m[1]!,
    ABSOLUTE,
  ],
  [new RegExp(`\\b(${YEAR})\\b`, 'gi'), (m) => m[1]!, ABSOLUTE],
];

const NAME_WORD = new RegExp(`\\b(?:${MONTH}|${WEEKDAY})\\b`, 'i');
function monthOf(s: string): number {
  const k = s.toLowerCase().replace('.', '');
  const i = MONTHS.indexOf(k);
  return i >= 0 ? i + 1 : (MONTH_ABBR[k] ?? 1);
}
const pad = (n: number) => String(n).padStart(2, '0');
const ym = (y: number, m: number) => `${y}-${pad(m)}`;
function ymd(y: number, m: number, d: number): string | null {
  return d >= 1 && d <= 31 ? `${y}-${pad(m)}-${pad(d)}` : null;
}
function shiftDays(ref: Date, days: number): string {
  const d = new Date(ref.getTime() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
function unitOf(unit: string, ref: Date, delta: number): string {
  const u = unit.toLowerCase();
  if (u === 'year') return String(ref.getUTCFullYear() + delta);
  if (u === 'week') return shiftDays(ref, 7 * delta).slice(0, 10);
  const d = new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** Parses "YYYY-MM-DD" (or a longer ISO string) into a UTC date; undefined when absent or invalid. */
export function knownReferenceDate(value?: string): Date | undefined {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Parses "YYYY-MM-DD" (or a longer ISO string) into a UTC date; today when absent or invalid.
 * Today only stands in for detection's features (is a date after the article's?): `detect` never
 * shows a relative date resolved against it.
 */
export function referenceDate(value?: string): Date {
  const known = knownReferenceDate(value);
  if (known) return known;
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Finds date expressions in text, longest first, without overlaps. A capitalised "May" right
 * after a given name or at a sentence start is left alone (it may be a name or the verb).
 */
export function findDates(text: string, ref: Date): DateExpression[] {
  const found: DateExpression[] = [];
  const taken = new Uint8Array(text.length + 1);
  for (const [re, resolve, relative] of PATTERNS) {
    re.lastIndex = 0;
    const global = new RegExp(re.source, 'gi');
    for (let m = global.exec(text); m; m = global.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken[start] || taken[end - 1]) continue;
      // Month and weekday names are capitalised in English: "in march" or "may" are other words.
      if (
        NAME_WORD.test(m[0]) &&
        /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?(?=\W|$)/.test(m[0])
      )
        continue;
      const value = resolve(m, ref);
      if (!value) continue;
      for (let i = start; i < end; i++) taken[i] = 1;
      found.push({ start, end, text: m[0], value, relative });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A date as detection gives it out: without the `relative` flag it was found with. */
export function plainDate({ start, end, text, value }: ResolvedDate): ResolvedDate {
  return { start, end, text, value };
}
