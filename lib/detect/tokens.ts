/** Tokens and sentences with offsets: the one pass over the text every detector shares. */

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-cased text. */
  lower: string;
  /** A word (letters or digits) rather than punctuation. */
  word: boolean;
  /** First letter upper-case ("Putin", "al-Assad" counts through its particle). */
  cap: boolean;
  /** Two or more letters, all upper-case ("NATO", "U.S."). */
  upper: boolean;
  /** Index of the sentence the token is in. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of the first token and one past the last. */
  first: number;
  last: number;
  /** Most words are upper-case: a headline ("LEICESTERSHIRE TAKE OVER AT TOP"). */
  headline: boolean;
}

/** Abbreviations that keep their full stop and do not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st jr sr prof gen lt col capt sgt gov sen rep rev mt ft inc ltd co corp vs v etc ave bros dept est fig jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);
const NAME_PARTICLE = /^(?:al|el|ad|as|ash|at|az|bin|ibn|abu|bint|van|von|de|di|da|du|le|la|mc|o)[-'’]\p{Lu}/u;
const WORD = /[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*|\S/gu;

/** Splits text into tokens and sentences. Sentence ends: . ! ? followed by a space and a capital or a quote, or a line break. */
export function tokenize(text: string): { tokens: Token[]; sentences: Sentence[] } {
  const tokens = splitTokens(text);
  const sentences = splitSentences(text, tokens);
  return { tokens, sentences };
}

/** The tokens of `text`; each one's `sentence` is set when the sentences are split. */
function splitTokens(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let t = m[0];
    const start = m.index;
    const c0 = t.charCodeAt(0);
    const word = isAsciiLetterOrDigit(c0) || (c0 > 127 && /[\p{L}\p{N}]/u.test(t[0]!));
    if (word) {
      // Possessive 's splits off so "Moscow’s" gives the place "Moscow".
      if (t.length > 2 && isPossessiveEnd(t)) {
        pushToken(tokens, t.slice(0, -2), start);
        pushToken(tokens, t.slice(-2), start + t.length - 2, true);
        continue;
      }
      // Keep the full stop of initials and abbreviations: "U.S.", "Mr.".
      if (
        text[start + t.length] === '.' &&
        (/^(?:\p{L}\.)+\p{L}$/u.test(t) || /^\p{Lu}$/u.test(t) || ABBREVIATIONS.has(t.toLowerCase()))
      ) {
        t += '.';
        WORD.lastIndex += 1;
      }
    }
    pushToken(tokens, t, start);
  }
  return tokens;
}

/** Groups `tokens` into sentences, at a line break or at a full stop, ! or ? that ends one. */
function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (lastExclusive: number) => {
    if (lastExclusive <= first) return;
    sentences.push(sentenceOf(tokens, first, lastExclusive, sentences.length));
    first = lastExclusive;
  };
  let newline = -2;
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i]!;
    const next = tokens[i + 1];
    // The first line break at or after this token: looked up again only once passed, so the scan stays linear.
    if (newline !== -1 && newline < tk.end) newline = text.indexOf('\n', tk.end);
    if (next && newline !== -1 && newline < next.start) {
      close(i + 1);
      continue;
    }
    if (tk.text === '.' || tk.text === '!' || tk.text === '?') {
      const j = endAfterStop(tokens, i);
      if (j !== undefined) {
        close(j);
        i = j - 1;
      }
    }
  }
  close(tokens.length);
  return sentences;
}

/**
 * Whether the full stop, ! or ? at token `i` ends its sentence, and if so the index one past the
 * sentence's last token (closing quotes and brackets stay with the sentence they end).
 */
function endAfterStop(tokens: Token[], i: number): number | undefined {
  let j = i + 1;
  // A straight quote after a space opens the next sentence rather than closing this one.
  while (
    j < tokens.length &&
    /^["”’')\]]$/.test(tokens[j]!.text) &&
    !(/^["']$/.test(tokens[j]!.text) && tokens[j]!.start > tokens[j - 1]!.end)
  )
    j++;
  const after = tokens[j];
  if (
    !after ||
    ((after.start > tokens[j - 1]!.end || /^["']$/.test(after.text)) && /^[\p{Lu}\p{N}"“‘'([]/u.test(after.text))
  )
    return j;
  return undefined;
}

/** The sentence of tokens [first, last), the `index`th: its tokens are marked as in it. */
function sentenceOf(tokens: Token[], first: number, last: number, index: number): Sentence {
  const a = tokens[first]!;
  const b = tokens[last - 1]!;
  let upperWords = 0;
  let letterWords = 0;
  for (let i = first; i < last; i++) {
    const tk = tokens[i]!;
    if (!tk.word || !/\p{L}{2}/u.test(tk.text)) continue;
    letterWords++;
    if (tk.upper) upperWords++;
  }
  for (let i = first; i < last; i++) tokens[i]!.sentence = index;
  return {
    start: a.start,
    end: b.end,
    first,
    last,
    // A lone capitalised word before a date is a dateline ("BRUSSELS 2021-09-13").
    headline: letterWords >= 1 && upperWords / letterWords >= 0.7 && (letterWords >= 2 || last - first <= 4),
  };
}

const isAsciiUpper = (c: number) => c >= 65 && c <= 90;

/** Ends in 's or ’s, either case: a possessive the tokenizer splits off. */
function isPossessiveEnd(t: string): boolean {
  const s = t.charCodeAt(t.length - 1);
  const mark = t.charCodeAt(t.length - 2);
  return (s === 115 || s === 83) && (mark === 39 || mark === 0x2019);
}
const isAsciiLetterOrDigit = (c: number) => (c >= 48 && c <= 57) || isAsciiUpper(c) || (c >= 97 && c <= 122);

/** Counts letters, stopping at two: an all-caps word needs two ("NATO", "U.S."), "A" is just a capital. */
function twoLetters(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length && n < 2; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && /\p{L}/u.test(text[i]!))) n++;
  }
  return n >= 2;
}

// Hot path: one call per token, so ASCII is tested by char code and Unicode classes only beyond it.
function pushToken(tokens: Token[], text: string, start: number, forcedLower = false): void {
  const c0 = text.charCodeAt(0);
  const word = isAsciiLetterOrDigit(c0) || (c0 > 127 && /[\p{L}\p{N}]/u.test(text));
  const cap =
    !forcedLower &&
    word &&
    (isAsciiUpper(c0) || (c0 > 127 && /^\p{Lu}/u.test(text)) || (text.length > 3 && NAME_PARTICLE.test(text)));
  const upper = cap && text === text.toUpperCase() && twoLetters(text);
  tokens.push({ start, end: start + text.length, text, lower: text.toLowerCase(), word, cap, upper, sentence: 0 });
}
