/**
 * Finding the article on a page: where to annotate (the article's root, or `<body>` in
 * whole-page mode) and whether the page is an article; articles a page adds later.
 *
 * Pure DOM reading: no layout APIs on the basic path, so the same code runs in the page and on
 * a linkedom `Document` in Node (the command-line annotator). In the page, a visibility check
 * can be passed in to skip text hidden by the page's CSS.
 *
 * The parts, by idea: dom-rules.ts (what is never read), content-score.ts (where the prose is),
 * signals.ts (is it an article), scan.ts (the pass, sliced, and its hand-off), root-plan.ts
 * (what may be annotated under the root), blocks.ts and block-offsets.ts (the text and its map).
 */

import { runSteps, type SliceOptions } from '../annotate/queue';
import { articleText } from './block-offsets';
import { type ArticleBlock, articleBlocks } from './blocks';
import { ELEMENT, MIN_PROSE } from './dom-rules';
import { type ArticleOptions, isAnnotatableAt, isInsideForbidden, keepPlan } from './root-plan';
import { type ArticleScan, type PageScan, scanSliced, scanSteps } from './scan';
import { type ArticleSignals, anySignal } from './signals';

// The first script (lib/page/gate.ts) takes these from the finder.
export { ArticleScan, scanArticle } from './scan';
export { declaresArticle } from './signals';

export interface ArticleExtraction {
  /** The element whose text is annotated: the article body, or `<body>` in whole-page mode. */
  root: Element;
  blocks: ArticleBlock[];
  isArticle: boolean;
}

/** What a pass means for annotating the page in this mode (see `findArticle`). */
function answer(doc: Document, scan: PageScan, options: ArticleOptions): FoundArticle | null {
  const body = doc.body;
  if (!body) return null;
  const { plan, signals } = scan;
  const isArticle = anySignal(signals);
  if (options.wholePage) return { root: body, isArticle, signals };
  if (!isArticle || !plan) return null;
  keepPlan(plan.root, { aside: plan.excluded, trusted: plan.trusted, pointers: plan.pointers });
  return { root: plan.root, isArticle, signals };
}

/** Where to annotate, and why the page is an article or not. */
export interface FoundArticle {
  root: Element;
  isArticle: boolean;
  signals: ArticleSignals;
}

/** Why a page counts as an article, or does not. */
export function articleSignals(doc: Document): ArticleSignals {
  return runSteps(scanSteps(doc)).signals;
}

/**
 * Whether the page is an article: schema.org Article data, `og:type` article, or a dominant
 * `<article>` or prose enough to read as one on a page that does not read as technical reference.
 */
export function isArticlePage(doc: Document): boolean {
  return anySignal(articleSignals(doc));
}

/**
 * Finds where to annotate: the article body (or `<body>` in whole-page mode) and whether the
 * page is an article. Null when there is nothing to annotate: no body, or not an article and
 * whole-page mode is off, or an article whose prose cannot be found.
 *
 * One task: for Node and tests. The page runs `findArticleSliced`, which gives the same answer.
 */
export function findArticle(doc: Document, options: ArticleOptions = {}): FoundArticle | null {
  return answer(doc, runSteps(scanSteps(doc)), options);
}

function proseLength(el: Element): number {
  // Raw length: collapsing whitespace would cost a pass over every paragraph of a huge page.
  const length = (el.textContent ?? '').length;
  return length >= MIN_PROSE ? length : 0;
}

/** Explicit article-body markers publishers use. */
const BODY_SELECTOR = [
  '[itemprop="articleBody"]',
  '[data-component="text-block"]',
  '.article-body',
  '.article__body',
  '.articleBody',
  '.story-body',
  '.entry-content',
  '.post-content',
  '.article-content',
].join(', ');

/** Prose an added `<article>` must hold to count as a further article (the next story, say). */
const MIN_ADDED_ARTICLE_PROSE = 400;

/**
 * Articles a page added at or under `node`, outside what is already annotated: pages that load
 * the next story below the current one add a whole new `<article>` (or a marked-up article
 * body). Outermost ones only, not in off-limits regions, and with enough prose to be a story
 * rather than a teaser card.
 */
export function addedArticles(node: Node, options: ArticleOptions = {}): Element[] {
  if (node.nodeType !== ELEMENT || isInsideForbidden(node)) return [];
  const el = node as Element;
  const selector = `article, ${BODY_SELECTOR}`;
  const candidates = el.matches(selector) ? [el] : Array.from(el.querySelectorAll(selector));
  const found: Element[] = [];
  for (const candidate of candidates) {
    if (found.some((outer) => outer.contains(candidate))) continue;
    if (isInsideForbidden(candidate)) continue;
    if (!isAnnotatableAt(candidate, el.ownerDocument.body ?? el, options)) continue;
    let prose = 0;
    for (const p of Array.from(candidate.querySelectorAll('p'))) prose += proseLength(p);
    if (prose >= MIN_ADDED_ARTICLE_PROSE) found.push(candidate);
  }
  return found;
}

/** `isArticlePage` in slices of the main thread (same answer, no long task). */
export async function isArticlePageSliced(doc: Document, slicing: SliceOptions = {}): Promise<boolean> {
  const { scan, watch } = await scanSliced(doc, slicing);
  watch?.stop();
  return anySignal(scan.signals);
}

/**
 * `findArticle` in slices of the main thread: the same answer (on a page that does not change
 * meanwhile), with no task of its own longer than a slice. Takes over `handed`, the first
 * script's pass, when it is still good. Rejects with the signal's reason when it is aborted.
 */
export async function findArticleSliced(
  doc: Document,
  options: ArticleOptions = {},
  slicing: SliceOptions & { handed?: ArticleScan | undefined } = {},
): Promise<FoundArticle | null> {
  const handed = slicing.handed?.take(doc);
  if (handed) return answer(doc, handed, options);
  const { scan, watch } = await scanSliced(doc, slicing);
  watch?.stop();
  return answer(doc, scan, options);
}

/** Finds the article and all its blocks at once (the annotator's path; the page takes blocks lazily). */
export function extractArticle(doc: Document, options: ArticleOptions = {}): ArticleExtraction | null {
  const found = findArticle(doc, options);
  if (!found) return null;
  return { root: found.root, isArticle: found.isArticle, blocks: Array.from(articleBlocks(found.root, options)) };
}

/** The article's body text (blocks joined by blank lines), or '' when the page is not an article. */
export function articleBodyText(doc: Document, options: ArticleOptions = {}): string {
  const found = extractArticle(doc, options);
  return found ? articleText(found.blocks).text : '';
}
