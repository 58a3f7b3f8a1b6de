import { countWords, hasWord, mentions, normalize, significantWords } from './text-match';

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
 * The sentence of an article that bears most on a claim: it shares the claim's key words,
 * names its entities and its year. Undefined when nothing shares enough to be worth showing.
 */
export function bestPassage(
  text: string,
  claim: { keyPhrase: string; entities: string[]; date?: string },
): string | undefined {
  const keyWords = [...new Set(significantWords(claim.keyPhrase).filter((w) => w.length >= 3))];
  const year = /^(\d{4})/.exec(claim.date ?? '')?.[1];
  let best: { sentence: string; score: number } | undefined;
  for (const sentence of sentences(text)) {
    const hay = normalize(sentence);
    const score =
      countWords(hay, keyWords) * 2 +
      claim.entities.filter((e) => mentions(hay, e)).length +
      (year && hasWord(hay, year) ? 1 : 0);
    if (!best || score > best.score) best = { sentence, score };
  }
  if (!best || best.score < 3) return undefined;
  return best.sentence.length > MAX_PASSAGE ? `${best.sentence.slice(0, MAX_PASSAGE - 1).trimEnd()}…` : best.sentence;
}
