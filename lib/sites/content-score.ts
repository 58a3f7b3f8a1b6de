/**
 * Where the article's prose is on a page, decided the way reader modes decide (Readability.js,
 * DOM Distiller, trafilatura): one pass measures every element (its text, the share of it inside
 * links, commas, paragraphs, images, list items, inputs); paragraphs score the containers above
 * them; class and id words weigh in; the best container wins, its siblings that read like more of
 * the same story join it, and boilerplate inside (share bars, link lists, forms, "related" boxes,
 * mostly-image blocks) is set aside.
 *
 * It reads the live page without cloning or changing it: the answer is a root element and a set
 * of elements under it that are not the article. Markup only, no layout, so it runs the same in
 * the page and on a linkedom document in Node.
 *
 * The parts: measure.ts (the one pass over the page), galleries.ts, boilerplate.ts (what inside
 * the chosen container is set aside); this file scores containers and makes the plan.
 */

import { runSteps, type Steps } from '../annotate/queue';
import { collectExcluded, isTeaserSummary } from './boilerplate';
import { isUnlikely, MIN_PROSE, tagOf } from './dom-rules';
import { findGalleries, inGallery } from './galleries';
import { classWeight, INLINE_TEXT_HOLDERS, PageMeasure, paragraphPoints, STEP_ITEMS } from './measure';

/** Ancestors a paragraph's score reaches: its parent fully, then less and less. */
const SCORE_LEVELS = 5;
/** Of the best candidates, those scoring this share of the best are "about as good". */
const ALTERNATIVE_SHARE = 0.75;
/** How many about-as-good candidates under one ancestor make that ancestor the article. */
const ALTERNATIVES_TO_CLIMB = 3;
/** A sibling joins the article when it scores this share of the best (or at least SIBLING_MIN). */
const SIBLING_SHARE = 0.2;
const SIBLING_MIN = 10;
/** A sibling this much made of links is a link list, not more of the story. */
const SIBLING_LINK_DENSITY = 0.25;

export interface ContentPlan {
  /** The element holding the article's prose. */
  root: Element;
  /** Elements under `root` that are not the article (boilerplate, siblings that did not join). */
  excluded: Set<Element>;
  /** Readability's "probably readerable" measure: how much long-paragraph prose the page has. */
  proseScore: number;
  /** The outermost `<article>` holding most of the page's paragraph text, if one does. */
  dominantArticle: Element | null;
  /**
   * Elements under `root` whose class or id words say "not the story" but which hold most of it
   * (the second try's wrappers): kept, where such words leave other elements out.
   */
  trusted: Set<Element>;
  /**
   * Lines inside the story that point to other stories ("READ: <a>Another story</a>"): not the
   * article's own text, yet read where they stand, since their words name this story's subjects.
   */
  pointers: Set<Element>;
  /** How much of the chosen container's text is code: the mark of technical reference pages. */
  code: { share: number; blocks: number };
}

/** Containers that may hold an article; others only pass scores upward. */
const BASE_SCORE: Record<string, number> = {
  div: 5,
  article: 5,
  section: 5,
  main: 5,
  pre: 3,
  td: 3,
  blockquote: 3,
  address: -3,
  ol: -3,
  ul: -3,
  dl: -3,
  dd: -3,
  dt: -3,
  li: -3,
  form: -3,
  h1: -5,
  h2: -5,
  h3: -5,
  h4: -5,
  h5: -5,
  h6: -5,
  th: -5,
};
/** Gives each container above a paragraph its share of the paragraph's score (captions of slides give none). */
function* scoreParagraphs(measure: PageMeasure, galleries: Set<Element>): Steps<Element[]> {
  const candidates: Element[] = [];
  let budget = STEP_ITEMS;
  for (const { el, length, commas } of measure.paragraphs) {
    if (--budget === 0) {
      budget = STEP_ITEMS;
      yield;
    }
    if (galleries.size && inGallery(measure, galleries, el)) continue;
    if (isTeaserSummary(measure, el, length)) continue;
    const points = paragraphPoints(length, commas);
    let ancestor = el.parentElement;
    for (let level = 0; ancestor && level < SCORE_LEVELS; level++, ancestor = ancestor.parentElement) {
      const stats = measure.get(ancestor);
      if (!stats) break;
      if (Number.isNaN(stats.score)) {
        stats.score = (BASE_SCORE[tagOf(ancestor)] ?? 0) + classWeight(ancestor);
        candidates.push(ancestor);
      }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      stats.score += points / divider;
    }
    // A paragraph-holding <div> (text straight in it) is a candidate itself.
    if (INLINE_TEXT_HOLDERS.has(tagOf(el))) {
      const stats = measure.get(el);
      if (stats && Number.isNaN(stats.score)) {
        stats.score = (BASE_SCORE[tagOf(el)] ?? 0) + classWeight(el) + points;
        candidates.push(el);
      }
    }
  }
  return candidates;
}

const finalScore = (measure: PageMeasure, el: Element) => {
  const stats = measure.get(el);
  if (!stats || Number.isNaN(stats.score)) return 0;
  return stats.score * (1 - measure.linkDensity(el));
};

/** The best-scoring container, moved up where the page's prose is spread over several. */
function topCandidate(measure: PageMeasure, candidates: Element[], body: Element): Element | null {
  const ranked = candidates
    .map((el) => ({ el, score: finalScore(measure, el) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
  const best = ranked[0];
  if (!best || best.score <= 0) return null;
  let top = best.el;
  // Several about-as-good candidates share an ancestor: the article is that ancestor.
  const alternatives = ranked.slice(1).filter((r) => r.score / best.score >= ALTERNATIVE_SHARE);
  if (alternatives.length >= ALTERNATIVES_TO_CLIMB) {
    for (let parent = top.parentElement; parent && parent !== body; parent = parent.parentElement) {
      const holds = alternatives.filter((a) => parent.contains(a.el)).length;
      if (holds >= ALTERNATIVES_TO_CLIMB) {
        top = parent;
        break;
      }
    }
  }
  // A parent scoring more than the candidate is a better container (its prose is split below it).
  let lastScore = finalScore(measure, top);
  const threshold = lastScore / 3;
  for (let parent = top.parentElement; parent && parent !== body; parent = parent.parentElement) {
    const stats = measure.get(parent);
    if (!stats) break;
    if (Number.isNaN(stats.score)) continue;
    const score = finalScore(measure, parent);
    if (score < threshold) break;
    if (score > lastScore) {
      top = parent;
      break;
    }
    lastScore = score;
  }
  // A lone child is no different from its parent (whose siblings may then join); an <article>
  // already says where the story ends.
  while (
    tagOf(top) !== 'article' &&
    top.parentElement &&
    top.parentElement !== body &&
    top.parentElement.children.length === 1
  )
    top = top.parentElement;
  return top;
}

const SENTENCE_END = /\.( |$)/;

/**
 * The siblings of `top` that read like more of the same article: they score well, share its
 * class, or are plain paragraphs of prose. Returns the elements that join.
 */
function joiningSiblings(measure: PageMeasure, top: Element): Set<Element> {
  const parent = top.parentElement;
  const joined = new Set<Element>([top]);
  if (!parent) return joined;
  const topScore = finalScore(measure, top);
  const threshold = Math.max(SIBLING_MIN, topScore * SIBLING_SHARE);
  const topClass = top.getAttribute('class') ?? '';
  for (let sibling = parent.firstElementChild; sibling; sibling = sibling.nextElementSibling) {
    if (sibling === top) continue;
    const stats = measure.get(sibling);
    if (!stats) continue;
    const bonus = topClass && sibling.getAttribute('class') === topClass ? topScore * SIBLING_SHARE : 0;
    if (!Number.isNaN(stats.score) && finalScore(measure, sibling) + bonus >= threshold) {
      joined.add(sibling);
      continue;
    }
    // Prose nested deeper than scores reach: its paragraphs' points, if few of its words are links.
    const density = measure.linkDensity(sibling);
    if (stats.points * (1 - density) >= threshold && density < SIBLING_LINK_DENSITY) {
      joined.add(sibling);
      continue;
    }
    if (tagOf(sibling) !== 'p') continue;
    const text = stats.text;
    if (text > 80 && density < SIBLING_LINK_DENSITY) joined.add(sibling);
    else if (text > 0 && text <= 80 && density === 0 && SENTENCE_END.test(sibling.textContent ?? ''))
      joined.add(sibling);
  }
  return joined;
}

/** The share of the page's prose an `<article>` must hold to say the page is that article. */
const ARTICLE_SHARE = 0.5;

/**
 * The outermost `<article>` holding most of the page's prose: nested ones are usually comments
 * or embedded cards, and a listing of teasers has no single one holding most.
 */
function* dominantArticle(measure: PageMeasure): Steps<Element | null> {
  const held = new Map<Element, number>();
  let total = 0;
  let budget = STEP_ITEMS;
  for (const { el, length } of measure.paragraphs) {
    if (length < MIN_PROSE) continue;
    if (--budget === 0) {
      budget = STEP_ITEMS;
      yield;
    }
    total += length;
    let outer: Element | null = null;
    for (let a: Element | null = el; a && a !== measure.body; a = a.parentElement)
      if (tagOf(a) === 'article') outer = a;
    if (outer) held.set(outer, (held.get(outer) ?? 0) + length);
  }
  for (const [el, length] of held) if (length / total > ARTICLE_SHARE) return el;
  return null;
}

/** Minimum length of a paragraph counted by the "probably readerable" measure. */
const READERABLE_MIN = 140;

function proseScore(measure: PageMeasure): number {
  let score = 0;
  for (const { el, length } of measure.paragraphs) {
    const tag = tagOf(el);
    if (tag !== 'p' && tag !== 'pre' && !INLINE_TEXT_HOLDERS.has(tag)) continue;
    if (length < READERABLE_MIN) continue;
    score += Math.sqrt(length - READERABLE_MIN);
  }
  return score;
}

/** Below this much text kept, a plan is tried again with class and id words trusted less. */
const MIN_ARTICLE_TEXT = 500;

/**
 * Where the article is on the page: the container the prose scores highest in (with its siblings
 * that join it) and what inside it is boilerplate. Null when the page has no scoring prose.
 *
 * Class words mislead on some pages (a wrapper of the whole page called "Page-ad-margins", a row
 * called "pageRow"), so, as Readability does, a first try that leaves such elements out and keeps
 * too little text is followed by one that reads them.
 */
export function planContent(body: Element): ContentPlan | null {
  return runSteps(planSteps(body));
}

/** `planContent` as pausable steps: the one implementation, run at once or in slices. */
export function* planSteps(body: Element): Steps<ContentPlan | null> {
  const beside = yield* tryPlans(body, true);
  // Galleries with too little story beside them are the page's content (a photo story): read.
  if (beside.galleries && (beside.tried?.kept ?? 0) < MIN_ARTICLE_TEXT) {
    const whole = yield* tryPlans(body, false);
    if (whole.tried && whole.tried.kept > (beside.tried?.kept ?? 0)) return whole.tried.plan;
  }
  return beside.tried?.plan ?? null;
}

interface TriedPlan {
  plan: ContentPlan;
  /** Characters of text the plan keeps. */
  kept: number;
}

/** The first try, and the second where the first keeps too little; and whether either met a gallery. */
function* tryPlans(body: Element, galleriesAside: boolean): Steps<{ tried: TriedPlan | null; galleries: boolean }> {
  const first = new PageMeasure(body, true, galleriesAside);
  const strict = yield* planWith(first);
  if (strict && strict.kept >= MIN_ARTICLE_TEXT) return { tried: strict, galleries: first.galleries.size > 0 };
  const second = new PageMeasure(body, false, galleriesAside);
  const loose = yield* planWith(second);
  const galleries = first.galleries.size > 0 || second.galleries.size > 0;
  if (!loose) return { tried: strict, galleries };
  return { tried: !strict || loose.kept > strict.kept ? loose : strict, galleries };
}

function* planWith(measure: PageMeasure): Steps<TriedPlan | null> {
  yield* measure.steps();
  const body = measure.body;
  if (measure.setsGalleriesAside) measure.galleries = yield* findGalleries(measure);
  const galleries = measure.galleries;
  const candidates = yield* scoreParagraphs(measure, galleries);
  const top = topCandidate(measure, candidates, body);
  const prose = proseScore(measure);
  const article = yield* dominantArticle(measure);
  if (!top) return null;
  const excluded = new Set<Element>();
  const joined = joiningSiblings(measure, top);
  let root = top;
  if (joined.size > 1 && top.parentElement) {
    root = top.parentElement;
    for (let sibling = root.firstElementChild; sibling; sibling = sibling.nextElementSibling)
      if (!joined.has(sibling)) excluded.add(sibling);
  }
  // The chosen containers themselves are kept whatever their class says.
  const keep = new Set<Element>(joined);
  const trusted = new Set<Element>();
  const pointers = new Set<Element>();
  for (const el of joined) yield* collectExcluded(measure, el, keep, excluded, trusted, pointers, galleries);
  for (const el of joined) if (isUnlikely(el)) trusted.add(el);
  if (isUnlikely(root)) trusted.add(root);
  const rootStats = measure.get(root);
  let kept = rootStats?.text ?? 0;
  for (const el of excluded) kept -= measure.get(el)?.text ?? 0;
  const code = {
    share: rootStats?.text ? rootStats.code / rootStats.text : 0,
    blocks: rootStats?.codeBlocks ?? 0,
  };
  return { plan: { root, excluded, proseScore: prose, dominantArticle: article, trusted, pointers, code }, kept };
}
