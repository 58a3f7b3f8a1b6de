import { candidateScore, countMatchedWords, hasWord, mentions, normalize, significantWords } from './text-match';

/** Longest passage a card shows. */
const MAX_PASSAGE = 420;

/** Splits plain text into sentences (good enough for encyclopedia prose). */
export function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[\p{Lu}\d"“])/u))
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

/**
 * The passage of an article that bears most on a claim: the sentence that shares the claim's key
 * words, names its entities and its year, joined by a neighbour that also bears on it (a figure
 * and its qualification often sit in consecutive sentences). Undefined when nothing shares enough.
 */
export function bestPassage(
  text: string,
  claim: { keyPhrase: string; entities: string[]; date?: string },
): string | undefined {
  const keyWords = [...new Set(significantWords(claim.keyPhrase).filter((w) => w.length >= 3))];
  const year = /^(\d{4})/.exec(claim.date ?? '')?.[1];
  const all = sentences(text);
  const scores = all.map((sentence) => {
    const hay = normalize(sentence);
    const named = claim.entities.filter((e) => mentions(hay, e)).length;
    return candidateScore(countMatchedWords(hay, keyWords), named) + (year && hasWord(hay, year) ? 1 : 0);
  });
  let at = -1;
  scores.forEach((score, i) => {
    if (at < 0 || score > scores[at]!) at = i;
  });
  if (at < 0 || scores[at]! < 3) return undefined;
  const before = at > 0 ? scores[at - 1]! : -1;
  const after = at + 1 < all.length ? scores[at + 1]! : -1;
  const neighbour = Math.max(before, after) >= 2 ? (before >= after ? at - 1 : at + 1) : -1;
  const picked =
    neighbour < 0 ? [all[at]!] : neighbour < at ? [all[neighbour]!, all[at]!] : [all[at]!, all[neighbour]!];
  const passage = picked.join(' ').length <= MAX_PASSAGE ? picked.join(' ') : all[at]!;
  return passage.length > MAX_PASSAGE ? `${passage.slice(0, MAX_PASSAGE - 1).trimEnd()}…` : passage;
}
