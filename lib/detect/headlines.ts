/**
 * Headlines read as headlines. In a line capitalised by style (title case, "Manhole Fires and
 * Burst Pipes: How Winter Wreaks Havoc") a capital says nothing about names, and a tagger that
 * learned from running text, where it does, underlines half the headline. So before tagging, such
 * a line is re-cased the way a careful reader reads it: a word keeps its capital only when it is a
 * name by other evidence, and the tagger then reads the line as it would read a sentence:
 * - the article's own usage: the word is capitalised in the middle of a sentence of the body
 *   ("the Senate voted"), and not also written there in lower case;
 * - the word lists: a country, city, region, people or news agency (whole listed phrases, "New
 *   York"); a given name and the word after it ("Tim Cook"), unless the body uses that given name
 *   alone ("Chelsea paid");
 * - its shape: capitals inside the word ("MacBook", "McDonald"), or all capitals between words
 *   that are not ("NASA", "N.Y.C.").
 * Everything else is written in lower case; the line's first word keeps its capital, as a
 * sentence's does. Only letters change case, never the length of the text, so the tokens,
 * sentences and offsets stay those of the text as given (`recaseHeadlines` returns a `Doc` over
 * the same tokens), and what detection reports is the text as the page shows it.
 *
 * A line is title case when every content word is capitalised (one may slip in a line of eight
 * or more), three or more of them, and either two capitalised words past the first are common
 * words (function words such as "Are" or "How", or words the text writes in lower case
 * elsewhere), or the line opens the text (where an article's headline is) and has one such word,
 * function words between its capitals, or a run of six capitals. Lines of names ("Blackburn
 * Rovers v Sheffield Wednesday", a results table) are capitalised because they are names and
 * stay as they are.
 *
 * Lines of capitals are not re-cased: the tagger learned them from news wires (CoNLL's headlines)
 * and reads them well; `trimCapitalsHeadlineNames` only cuts its spans there to the words with the
 * same evidence.
 */
import { FUNCTION_WORDS } from './lexicon';
import type { Doc } from './pipeline/doc';
import { LEX, tagLexicon } from './pipeline/lexicon-tags';
import type { Token } from './tokens';

/** Capitalised common words ("How", "Will", "Fires" when the text writes "fires") that make any line title case. */
const TITLE_CASE_COMMON_WORDS = 2;
/** A line with this many content words may have one in lower case and still be title case. */
const TITLE_CASE_LONG_LINE = 8;
/** Fewest capitalised content words in a title-case line. */
const TITLE_CASE_MIN_WORDS = 3;
/** A line whose content words, this many or more, are all capitalised is title case whatever they are. */
const TITLE_CASE_LONG_RUN = 6;
/** Words headlines capitalise that the function-word list leaves out. */
const HEADLINE_COMMON = new Set(['how', 'why', "what's", 'what’s', 'says', 'say', 'said', 'new', 'more', 'just']);
/**
 * Fewest words in a line of capitals read as a headline: shorter ones are datelines ("UNITED
 * NATIONS 1996-08-29"), section names ("KOMPAS") and table heads ("EASTERN DIVISION").
 */
const CAPITALS_HEADLINE_MIN_WORDS = 4;
/** Word-list bits that make a capitalised word a name on their own. */
const NAME_BITS = LEX.country | LEX.city | LEX.region | LEX.demonym | LEX.agency;

/** One line of the text: its sentences [first, last) and tokens [tokenFirst, tokenLast). */
interface Line {
  tokenFirst: number;
  tokenLast: number;
  allCaps: boolean;
}

/** A word of two letters or more that does not start with a digit ("16-Inch" is a figure). */
const hasLetters = (t: Token) => t.word && /\p{L}.*\p{L}/u.test(t.text) && !/^\d/.test(t.text);

/** How many words of two letters or more a line has. */
function letterWords(doc: Doc, line: Line): number {
  let n = 0;
  for (let i = line.tokenFirst; i < line.tokenLast; i++) if (hasLetters(doc.tokens[i]!)) n++;
  return n;
}

/** The sentences of the text grouped by line (a line break ends a line, a full stop does not). */
function linesOf(doc: Doc): Line[] {
  const out: Line[] = [];
  const { sentences, text } = doc;
  let first = 0;
  let allCaps = true;
  // The next line break at or after a sentence's end, found again only once passed: one scan.
  let newline = -2;
  for (let s = 0; s < sentences.length; s++) {
    const here = sentences[s]!;
    allCaps &&= here.headline;
    const next = sentences[s + 1];
    if (newline !== -1 && newline < here.end) newline = text.indexOf('\n', here.end);
    if (next && !(newline !== -1 && newline < next.start)) continue;
    out.push({ tokenFirst: sentences[first]!.first, tokenLast: here.last, allCaps });
    first = s + 1;
    allCaps = true;
  }
  return out;
}

/** Words the text writes in lower case somewhere. */
function lowerWords(doc: Doc): Set<string> {
  const out = new Set<string>();
  for (const t of doc.tokens) if (t.word && !t.cap) out.add(t.lower);
  return out;
}

const isFunctionWord = (t: Token) => FUNCTION_WORDS.has(t.lower) || HEADLINE_COMMON.has(t.lower);

/**
 * Whether a line is title case (see the module comment); `lower`: words written in lower case
 * somewhere; `first`: the line opens the text (where an article's headline is).
 */
function isTitleCase(doc: Doc, line: Line, lower: () => ReadonlySet<string>, first: boolean): boolean {
  // Most lines have a lower-case content word: they are out before the text's words are gathered.
  for (let i = line.tokenFirst, lowerContent = 0; i < line.tokenLast; i++) {
    const t = doc.tokens[i]!;
    if (hasLetters(t) && !t.cap && !isFunctionWord(t) && ++lowerContent > 1) return false;
  }
  let content = 0;
  let capitalised = 0;
  let common = 0;
  let functionWords = 0;
  for (let i = line.tokenFirst; i < line.tokenLast; i++) {
    const t = doc.tokens[i]!;
    if (!hasLetters(t)) continue;
    const isFunction = isFunctionWord(t);
    if (t.cap && i > line.tokenFirst && (isFunction || lower().has(t.lower))) common++;
    if (isFunction) {
      functionWords++;
      continue;
    }
    content++;
    if (t.cap) capitalised++;
  }
  // Title case capitalises every content word (one may slip in a long line); a sentence that is
  // mostly names ("… First Bank System Inc. and Norwest Corp. …") has lower-case words between them.
  const slack = content >= TITLE_CASE_LONG_LINE ? 1 : 0;
  if (capitalised < TITLE_CASE_MIN_WORDS || content - capitalised > slack) return false;
  // Capitalised common words say style anywhere. A list of names ("Blackburn Rovers v Sheffield
  // Wednesday", "Man of the Match: …") has at most one; at the top of the text, where the
  // headline is, one is enough, or function words between capitalised words ("Adam Schiff
  // Working against the Clock"), or a long run of capitals.
  if (common >= TITLE_CASE_COMMON_WORDS) return true;
  return first && (common >= 1 || functionWords >= 1 || capitalised >= TITLE_CASE_LONG_RUN);
}

/** How the article's body writes each word (lower-cased key): capitalised mid-sentence, in lower case. */
function bodyUsage(
  doc: Doc,
  styled: ReadonlySet<number>,
): { cap: Map<string, string>; capStart: Set<string>; lower: Set<string> } {
  const cap = new Map<string, string>();
  /** Capitalised where a capital says nothing (a sentence's first word): weaker evidence. */
  const capStart = new Set<string>();
  const lower = new Set<string>();
  for (const s of doc.sentences) {
    for (let i = s.first; i < s.last; i++) {
      if (styled.has(i)) break;
      const t = doc.tokens[i]!;
      if (!hasLetters(t)) continue;
      if (!t.cap) lower.add(t.lower);
      // A capital at a sentence's start, or after an opening quote or colon, says little.
      else if (i > s.first && doc.tokens[i - 1]!.word) {
        if (!cap.has(t.lower)) cap.set(t.lower, t.text);
      } else capStart.add(t.lower);
    }
  }
  return { cap, capStart, lower };
}

/**
 * A word's shape says it is a name: capitals inside it ("MacBook", "McDonald"), or all capitals
 * between words that are not ("NASA Picks", "Underneath N.Y.C."; "BREAKING NEWS:" is style).
 */
function nameShaped(tokens: readonly Token[], i: number, allCapsLine: boolean): boolean {
  if (allCapsLine) return false;
  const t = tokens[i]!;
  if (/\p{Ll}\p{Lu}/u.test(t.text)) return true;
  if (!t.upper) return false;
  const neighbour = (k: number) =>
    tokens[k] !== undefined && tokens[k]!.word && hasLetters(tokens[k]!) && tokens[k]!.upper;
  return !neighbour(i - 1) && !neighbour(i + 1);
}

/** `text` in lower case when that keeps its length (a few letters change length in lower case). */
function lowered(text: string): string {
  const l = text.toLowerCase();
  return l.length === text.length ? l : text;
}

/** "FLOODS" → "Floods", keeping the length. */
function titled(text: string): string {
  const t = text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  return t.length === text.length ? t : text;
}

/**
 * The lines of `doc` capitalised by style (title case or all capitals), as token ranges
 * [first, last), for tests and for the re-casing.
 */
export function styledLines(doc: Doc): Array<{ first: number; last: number; allCaps: boolean }> {
  let words: Set<string> | undefined;
  const lower = () => (words ??= lowerWords(doc));
  return linesOf(doc)
    .filter((l, n) => l.allCaps || isTitleCase(doc, l, lower, n === 0))
    .map((l) => ({ first: l.tokenFirst, last: l.tokenLast, allCaps: l.allCaps }));
}

/**
 * `doc` with its headline lines re-cased by the article's own usage (see the module comment):
 * the same tokens and offsets, with `text`, `cap` and `upper` of the words in those lines
 * rewritten. Returns `doc` itself when no line is capitalised by style. About 75 lines: one pass
 * per line whose word-by-word decisions read each other (kept names, the opening word).
 */
export function recaseHeadlines(doc: Doc): Doc {
  let words: Set<string> | undefined;
  const lower = () => (words ??= lowerWords(doc));
  const lines = linesOf(doc).filter((l, n) => !l.allCaps && isTitleCase(doc, l, lower, n === 0));
  if (!lines.length) return doc;
  const lex = tagLexicon({ text: doc.text, tokens: doc.tokens, sentences: doc.sentences, setting: doc.setting }).lex!;
  const styled = new Set<number>();
  for (const l of lines) for (let i = l.tokenFirst; i < l.tokenLast; i++) styled.add(i);
  const usage = bodyUsage(doc, styled);
  const tokens = doc.tokens.slice();
  const chars = doc.text.split('');
  const write = (i: number, text: string) => {
    const t = doc.tokens[i]!;
    const cap = text !== lowered(text);
    tokens[i] = { ...t, text, cap, upper: cap && text === text.toUpperCase() && /\p{L}\p{L}/u.test(text) };
    for (let k = 0; k < text.length; k++) chars[t.start + k] = text[k]!;
  };
  for (const line of lines) {
    // First the words with evidence of their own, then given names that a surname or another
    // name follows ("Tim Cook"), then the rest in lower case.
    const keep = new Map<number, string>();
    const words: number[] = [];
    const inPhrase = (i: number) =>
      (lex[i]! & LEX.phraseInside) !== 0 || (i + 1 < line.tokenLast && (lex[i + 1]! & LEX.phraseInside) !== 0);
    for (let i = line.tokenFirst; i < line.tokenLast; i++) {
      const t = doc.tokens[i]!;
      if (!t.word || !/\p{L}/u.test(t.text)) continue;
      words.push(i);
      if (!t.cap) continue;
      const bits = lex[i]!;
      const bodyForm = usage.cap.get(t.lower);
      const inBodyLower = usage.lower.has(t.lower);
      if (nameShaped(doc.tokens, i, line.allCaps)) keep.set(i, t.text);
      else if (bodyForm && !inBodyLower) keep.set(i, bodyForm);
      // A listed place or people, whole phrases first: "New York" even though "New" is a common word.
      else if (bits & NAME_BITS && !inBodyLower && (!isFunctionWord(t) || inPhrase(i)))
        keep.set(i, line.allCaps ? titled(t.text) : t.text);
    }
    for (let w = 0; w + 1 < words.length; w++) {
      const i = words[w]!;
      const j = words[w + 1]!;
      const next = doc.tokens[j]!;
      const given = doc.tokens[i]!;
      // A given name that is also a listed place ("Chelsea") is not read as the start of a person's name.
      if (j !== i + 1 || !(lex[i]! & LEX.given) || lex[i]! & NAME_BITS || isFunctionWord(given)) continue;
      // The body names it without this second word ("Chelsea paid"): a name of one word.
      if (usage.lower.has(given.lower) || usage.cap.has(given.lower) || usage.capStart.has(given.lower)) continue;
      if (!next.cap || usage.lower.has(next.lower) || isFunctionWord(next)) continue;
      for (const k of [i, j])
        if (!keep.has(k)) keep.set(k, line.allCaps ? titled(doc.tokens[k]!.text) : doc.tokens[k]!.text);
    }
    // A listed phrase is kept whole ("North America", "Lower Manhattan" when "Manhattan" is known).
    for (let w = 1; w < words.length; w++) {
      const i = words[w]!;
      if (lex[i]! & LEX.phraseInside && keep.has(words[w - 1]!) && !keep.has(i))
        keep.set(i, line.allCaps ? titled(doc.tokens[i]!.text) : doc.tokens[i]!.text);
    }
    // The line's first word keeps its capital, as a sentence's does (after an opening quote too,
    // not after a number: "15 Helpful Tips")…
    let opening = true;
    for (let i = line.tokenFirst; i < line.tokenLast; i++) {
      const t = doc.tokens[i]!;
      if (!words.includes(i)) {
        if (t.word) opening = false;
        continue;
      }
      const kept = keep.get(i);
      if (kept !== undefined) write(i, kept);
      // …unless a kept name follows it, which a capital would seem to extend ("Stolen Van Gogh").
      else if (opening && !keep.has(i + 1)) write(i, t.upper ? titled(t.text) : t.text);
      else write(i, lowered(t.text));
      opening = false;
    }
  }
  const sentences = doc.sentences.map((s) => (s.headline && styled.has(s.first) ? { ...s, headline: false } : s));
  return { text: chars.join(''), tokens, sentences, setting: doc.setting };
}

/**
 * Names the tagger found in lines of capitals ("FLOODS FORCE THOUSANDS FROM HOMES IN NORTHERN
 * ITALY"), kept to the words that are names by other evidence: the body writes the word
 * capitalised mid-sentence, or the lexicons know it (see `recaseHeadlines`). The tagger learned
 * such lines from news wires and reads them well, so they are not re-cased; this only trims its
 * spans to their supported words ("WILDFIRE SMOKE BLANKETS CALIFORNIA" → "CALIFORNIA") and drops
 * those with none ("FLOODS FORCE").
 */
export function trimCapitalsHeadlineNames<T extends { start: number; end: number; first: number; last: number }>(
  doc: Doc,
  names: T[],
): T[] {
  const lines = linesOf(doc).filter((l) => l.allCaps && letterWords(doc, l) >= CAPITALS_HEADLINE_MIN_WORDS);
  if (!lines.length) return names;
  const inCaps = new Set<number>();
  for (const l of lines) for (let i = l.tokenFirst; i < l.tokenLast; i++) inCaps.add(i);
  if (!names.some((n) => inCaps.has(n.first))) return names;
  const usage = bodyUsage(doc, inCaps);
  const lex =
    doc.lex ?? tagLexicon({ text: doc.text, tokens: doc.tokens, sentences: doc.sentences, setting: doc.setting }).lex!;
  const supported = (i: number) => {
    const t = doc.tokens[i]!;
    if (!hasLetters(t)) return false;
    // Listed places and peoples, with the words inside their phrases ("NEW YORK", "THE HAGUE").
    if (lex[i]! & NAME_BITS) return true;
    if (usage.cap.has(t.lower) || (usage.capStart.has(t.lower) && !usage.lower.has(t.lower))) return true;
    if (usage.lower.has(t.lower) || isFunctionWord(t)) return false;
    return (lex[i]! & (LEX.given | LEX.surname)) !== 0;
  };
  const out: T[] = [];
  for (const n of names) {
    if (!inCaps.has(n.first)) {
      out.push(n);
      continue;
    }
    let first = n.first;
    let last = n.last;
    while (first < last && !supported(first)) first++;
    while (last > first && !supported(last - 1)) last--;
    if (first === last) continue;
    if (first === n.first && last === n.last) out.push(n);
    else out.push({ ...n, first, last, start: doc.tokens[first]!.start, end: doc.tokens[last - 1]!.end });
  }
  return out;
}
