/**
 * Small, language-light text matching for choosing among encyclopedia candidates: names are
 * compared as lower-case words without diacritics, and a word matches the start of a word in
 * the other text ("Syria" matches "Syrian", "sanction" matches "sanctions").
 */

const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'its',
  'his',
  'her',
  'their',
  'this',
  'that',
  'which',
  'who',
  'was',
  'were',
  'is',
  'are',
  'be',
  'has',
  'have',
  'had',
  'per',
  'al',
  'el',
]);

/** Lower-case, diacritics removed, anything but letters and digits turned into spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a name or phrase that carry meaning, with a plural "s" dropped. */
export function significantWords(text: string): string[] {
  return normalize(text)
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `word` starts a word of the normalized `haystack`. */
export function hasWord(haystack: string, word: string): boolean {
  return new RegExp(`(^| )${escapeRegExp(word)}`).test(haystack);
}

/** Whether every significant word of `phrase` appears in the normalized `haystack`. */
export function hasAllWords(haystack: string, phrase: string): boolean {
  const words = significantWords(phrase);
  return words.length > 0 && words.every((w) => hasWord(haystack, w));
}

/** How many of `words` appear in the normalized `haystack` (matched words, not the haystack's own count). */
export function countMatchedWords(haystack: string, words: string[]): number {
  return words.filter((w) => hasWord(haystack, w)).length;
}

/**
 * How well a candidate fits (an article for a name or a claim, a sentence for a passage): its
 * strong matches (key words, related names) count twice, its weak ones (entities named, a fitting
 * type) once, and an earlier place in the source's list (`rank`) breaks ties.
 */
export function candidateScore(strong: number, weak: number, rank = 0): number {
  return strong * 2 + weak - rank * 0.01;
}

/**
 * Whether a related name shows up in the haystack: the whole name, or its last significant word
 * when that is distinctive enough (a surname, "Assad" for "Bashar al-Assad").
 */
export function mentions(haystack: string, name: string): boolean {
  const whole = normalize(name);
  if (!whole) return false;
  if (new RegExp(`(^| )${escapeRegExp(whole)}`).test(haystack)) return true;
  const words = significantWords(name);
  const last = words[words.length - 1];
  return words.length > 1 && last !== undefined && last.length >= 4 && hasWord(haystack, last);
}
