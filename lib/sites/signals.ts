/**
 * Why a page counts as an article, or does not: its metadata (schema.org, og:type), and its
 * structure as the scorer found it (a dominant `<article>`, prose enough), unless it reads as
 * technical reference.
 */

import { runSteps, type Steps } from '../annotate/queue';
import { BYLINE_TEXT } from './boilerplate';
import type { ContentPlan } from './content-score';

export interface ArticleSignals {
  /** schema.org Article (or a subtype) in JSON-LD or microdata. */
  schemaArticle: boolean;
  /** `og:type` is "article". */
  ogArticle: boolean;
  /** An `<article>` element holds most of the page's prose. */
  articleElement: boolean;
  /** The page holds enough long paragraphs to read as an article (reader modes' test). */
  prose: boolean;
  /**
   * The page reads as technical reference (documentation, a README, an API page): its main text
   * is partly code, and nothing on it says news (a publication date, a byline, a dateline). Such
   * a page is an article only by its metadata; its prose or its `<article>` do not make it one.
   */
  reference: boolean;
}

const ARTICLE_TYPES =
  /^(?:https?:\/\/schema\.org\/)?(?:Article|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|SatiricalArticle|TechArticle)$/;

function hasArticleType(node: unknown, depth = 0): boolean {
  if (depth > 6 || node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((n) => hasArticleType(n, depth + 1));
  const record = node as Record<string, unknown>;
  const type = record['@type'];
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) return true;
  return hasArticleType(record['@graph'], depth + 1) || hasArticleType(record.mainEntity, depth + 1);
}

function* schemaArticle(doc: Document): Steps<boolean> {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const source = script.textContent ?? '';
    if (source.length > 500_000) continue;
    try {
      if (hasArticleType(JSON.parse(source))) return true;
    } catch {
      // Malformed JSON-LD is common; it simply does not count.
    }
    // A page may carry many blocks of JSON-LD, some long: each is parsed in a step of its own.
    yield;
  }
  for (const el of Array.from(doc.querySelectorAll('[itemscope][itemtype]'))) {
    const types = (el.getAttribute('itemtype') ?? '').split(/\s+/);
    if (types.some((t) => ARTICLE_TYPES.test(t))) return true;
  }
  return false;
}

function ogArticle(doc: Document): boolean {
  const meta = doc.querySelector('meta[property="og:type"], meta[name="og:type"]');
  return (meta?.getAttribute('content') ?? '').trim().toLowerCase() === 'article';
}

/** Reader modes' "probably readerable" bar: the sum over long paragraphs of √(length − 140). */
const PROSE_SCORE_FOR_ARTICLE = 20;

/**
 * The share of the article's text in code (blocks and inline) from which a page reads as
 * technical reference. News and blog prose holds next to none (none of the 181 development
 * pages' articles holds any); documentation pages hold several percent or more.
 */
const REFERENCE_CODE_SHARE = 0.03;
/** As many code blocks make a page read as reference, however much prose surrounds them. */
const REFERENCE_CODE_BLOCKS = 2;

/** Metadata that dates a story: what documentation pages do not carry (a "last modified" is not it). */
const PUBLISHED_SELECTOR = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  '[itemprop="datePublished"]',
  'time[pubdate]',
].join(', ');
/** Markup of an author's line. */
const BYLINE_SELECTOR = '[rel="author"], [itemprop~="author"], [class*="byline"], [class*="Byline"]';
/** Lines looked at for a byline or a dateline: the top of the story. */
const STORY_TOP_LINES = 6;
/** A byline or a dateline is a short line, or the start of the first paragraph. */
const STORY_LINE_MAX = 100;
/** "WASHINGTON (AP) — ", "LONDON, March 3 - ": a news dateline opening the first paragraph. */
const DATELINE = /^\p{Lu}[\p{Lu} .'’-]{2,40}(?:,[^—–\n]{2,30})?\s*(?:\([^)]{2,40}\)\s*)?[—–-]{1,2}\s/u;

/**
 * Whether the story carries what news carries and reference pages do not: a publication date in
 * its metadata, or at its top an author's line or a dateline.
 */
function newsEvidence(doc: Document, plan: ContentPlan): boolean {
  if (doc.querySelector(PUBLISHED_SELECTOR)) return true;
  // Bylines often sit just outside the body the finder chose (in the article's header).
  const region = plan.dominantArticle ?? plan.root.parentElement ?? plan.root;
  if (region.querySelector(BYLINE_SELECTOR)) return true;
  const lines = region.querySelectorAll('p, address, div, span');
  let looked = 0;
  for (let i = 0; i < lines.length && looked < STORY_TOP_LINES; i++) {
    const text = (lines[i]!.textContent ?? '').trim();
    if (!text) continue;
    looked++;
    const head = text.slice(0, STORY_LINE_MAX);
    if ((text.length <= STORY_LINE_MAX && BYLINE_TEXT.test(text)) || DATELINE.test(head)) return true;
  }
  return false;
}

/** Whether the page reads as technical reference rather than a story (see `ArticleSignals.reference`). */
function readsAsReference(doc: Document, plan: ContentPlan | null): boolean {
  if (!plan) return false;
  const { share, blocks } = plan.code;
  if (share < REFERENCE_CODE_SHARE && blocks < REFERENCE_CODE_BLOCKS) return false;
  return !newsEvidence(doc, plan);
}

export function* signalsOf(doc: Document, plan: ContentPlan | null): Steps<ArticleSignals> {
  const structural = plan?.dominantArticle != null || (plan?.proseScore ?? 0) >= PROSE_SCORE_FOR_ARTICLE;
  return {
    schemaArticle: yield* schemaArticle(doc),
    ogArticle: ogArticle(doc),
    articleElement: plan?.dominantArticle != null,
    prose: (plan?.proseScore ?? 0) >= PROSE_SCORE_FOR_ARTICLE,
    // Only asked where the page's structure alone would make it an article.
    reference: structural && readsAsReference(doc, plan),
  };
}

/** Metadata says article; or the page's structure does, and it does not read as reference. */
export const anySignal = (s: ArticleSignals) =>
  s.schemaArticle || s.ogArticle || ((s.articleElement || s.prose) && !s.reference);

/** Whether the page's metadata says it is an article (schema.org, og:type), whatever its body holds. */
export function declaresArticle(doc: Document): boolean {
  return runSteps(schemaArticle(doc)) || ogArticle(doc);
}
