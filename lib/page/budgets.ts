/**
 * What one page may cost, whatever its size: characters read, marks drawn, names looked up. Each
 * cap is sized from the 181 real articles of `../shared/pages-dev` (`npm run -s bench:budgets`
 * prints the figures below) so that no real article comes near it; past a cap, Sidenote stops
 * there and the popup says so (the `limits` of the `pageMentions` reply, lib/messaging/protocol.ts).
 * A hostile or generated page (10 MB of text) then costs what a long article costs, not more.
 */

/**
 * Characters of article text read (every block: body, headline, captions). The longest real
 * article measured has 54,025; the next 20,645; the median 3,374. 200,000 is 3.7× the longest,
 * about 30,000 words: a book chapter, not a news story.
 */
export const MAX_ARTICLE_CHARS = 200_000;

/**
 * Marks drawn (entities, claims, attributions). The most on a real article is 475 (then 448,
 * 353); the median 58. 2,000 is 4.2× the most.
 */
export const MAX_MARKS = 2_000;

/**
 * Distinct names looked up by the page's load batch (lib/page/lookups.ts). The most on a real
 * article is 249 (then 117, 97); the median 20. 500 is 2× the most: at most 25 batched Wikipedia
 * title requests (20 titles each) and a dozen Wikidata ones, about 3 s of the sources' rate
 * (lib/wikimedia/http.ts `RATE_PER_SECOND`). Names the reader opens a card for are looked up past
 * the cap: one at a time, at the reader's pace.
 */
export const MAX_LOOKUPS = 500;
