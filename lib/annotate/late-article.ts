/**
 * Articles the page renders after Sidenote first looked: the served HTML holds a loading line or
 * a skeleton, and the page's script puts the story in later (client-side rendering, a feed that
 * fetches the body). At first look the finder finds no article body, or only a thin guess (a
 * footer's line, a teaser); the story that comes later is often not an `<article>` either.
 *
 * While what was found is missing or thin, and for a bounded time, each batch of content the
 * page adds gets the finder again; a better root found replaces the thin guess.
 */
import { declaresArticle } from '../sites/signals';

/** Article text read below this many characters (about 80 words) is a thin guess, not a story. */
export const THIN_ARTICLE_CHARS = 500;
/** How long after the first look a page's added content may still bring the article, in ms. */
export const LATE_ARTICLE_MS = 60_000;

/** Whether the page says it is an article in its metadata (schema.org, og:type), whatever its body holds now. */
export function saysArticle(doc: Document): boolean {
  // Metadata only: the finder's whole pass over the body is not needed for this.
  return declaresArticle(doc);
}

/** Whether the finder should look again when the page adds content: until the deadline, while thin. */
export function shouldLookAgain(lateUntil: number, shownChars: number, now = Date.now()): boolean {
  return lateUntil > 0 && now < lateUntil && shownChars < THIN_ARTICLE_CHARS;
}
