/**
 * Names are whole or not at all. The tagger sometimes stops inside a name ("A Con Edison worker"
 * → "Con") or takes a date's month for one ("Feb." of "Feb. 21, 2019"); a reader sees a wrong
 * underline either way. After tagging:
 * - a span made only of calendar words (months, their abbreviations, weekdays) is dropped;
 * - a span followed, one space on, by capitalised words in the same sentence that no other span
 *   holds (not function or calendar words) takes them in: "Con" becomes "Con Edison".
 */
import { MONTH_ABBR, MONTHS, WEEKDAYS } from '../calendar';
import type { Doc } from './pipeline/doc';
import { LEX } from './pipeline/lexicon-tags';

/** Month and weekday names and their abbreviations, with or without the full stop. */
const CALENDAR_WORDS = new Set([
  ...MONTHS,
  ...Object.keys(MONTH_ABBR),
  ...WEEKDAYS,
  ...WEEKDAYS.map((d) => d.slice(0, 3)),
  'tues',
  'thur',
  'thurs',
]);
const isCalendarWord = (lower: string) => CALENDAR_WORDS.has(lower.replace(/\.$/, ''));

/** At most this many words are added to a name (a name cut short, not a run of headings). */
const MAX_ADDED_WORDS = 2;

/** `names` (sorted or not) with date parts dropped and names cut short completed; `doc.lex` must be set. */
export function wholeNames<T extends { start: number; end: number; first: number; last: number }>(
  doc: Doc,
  names: T[],
): T[] {
  const { tokens } = doc;
  const lex = doc.lex;
  if (!lex) return names;
  const starts = new Set(names.map((n) => n.first));
  const out: T[] = [];
  for (const n of names) {
    let words = 0;
    let calendar = 0;
    for (let i = n.first; i < n.last; i++) {
      if (!tokens[i]!.word) continue;
      words++;
      if (isCalendarWord(tokens[i]!.lower)) calendar++;
    }
    if (words > 0 && calendar === words) continue;
    let last = n.last;
    while (last < tokens.length && last - n.last < MAX_ADDED_WORDS && !starts.has(last)) {
      const t = tokens[last]!;
      const prev = tokens[last - 1]!;
      const joins =
        t.word &&
        t.cap &&
        !t.upper &&
        t.sentence === prev.sentence &&
        t.start === prev.end + 1 &&
        doc.text[prev.end] === ' ' &&
        !isCalendarWord(t.lower) &&
        !(lex[last]! & (LEX.function | LEX.title | LEX.reporting));
      if (!joins) break;
      last++;
    }
    out.push(last === n.last ? n : { ...n, last, end: tokens[last - 1]!.end });
  }
  return out;
}
