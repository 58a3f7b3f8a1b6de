/**
 * What inside the article's container is not the story, in the way of Readability's conditional
 * cleaning: blocks that read as boilerplate (link lists, forms, mostly pictures, embeds with
 * little text), bylines and labels, teasers of other stories, and lines pointing to them.
 */

import type { Steps } from '../annotate/queue';
import { classWords, isUnlikely, TEXT, tagOf } from './dom-rules';
import {
  CLASS_WEIGHT,
  classWeight,
  type ElementStats,
  HEADINGS,
  LISTS,
  MIN_PARAGRAPH,
  PARAGRAPH_TAGS,
  type PageMeasure,
  STEP_ITEMS,
} from './measure';

/** A teaser's summary is short: a story's paragraph under a linked subhead may be as long as it likes. */
const TEASER_MAX = 400;
/** A link to another page (not an anchor on this one). */
const ELSEWHERE_LINK = 'a[href]:not([href^="#"])';
/** A heading this much made of links is another story's headline. */
const HEADLINE_LINK_DENSITY = 0.8;

/**
 * Whether a paragraph is a teaser's summary: it comes right after a heading that is a link (the
 * headline of another story) and ends its item, as in portals' rivers of "latest news" and cards.
 * Rivers of them can outscore a short story; a story's paragraphs under a linked subhead go on.
 */
export function isTeaserSummary(measure: PageMeasure, el: Element, length: number): boolean {
  if (length > TEASER_MAX) return false;
  const heading = el.previousElementSibling;
  if (!heading || !HEADINGS.has(tagOf(heading)) || measure.linkDensity(heading) < HEADLINE_LINK_DENSITY) return false;
  for (let next = el.nextElementSibling; next; next = next.nextElementSibling)
    if (PARAGRAPH_TAGS.has(tagOf(next))) return false;
  // A heading linking within the page (a live blog's entry, a section's anchor) heads this story.
  return heading.querySelector(ELSEWHERE_LINK) !== null;
}

/** Tags whose boilerplate reader modes remove when it does not read like prose. */
const CONDITIONAL = new Set(['div', 'section', 'ul', 'ol', 'table', 'form', 'fieldset', 'aside', 'dl']);
/** A block holding more than this share of the article's text is never set aside as boilerplate. */
const MOST_OF_ARTICLE = 0.5;
/** Below this many commas a block is checked for boilerplate; above it, it is prose. */
const PROSE_COMMAS = 10;

/**
 * Whether a block inside the article is boilerplate (Readability's conditional cleaning, in our
 * words): negative weight, lists of links, image galleries, forms, embeds with little text.
 */
function isBoilerplate(measure: PageMeasure, el: Element, stats: ElementStats, rootText: number): boolean {
  // Boilerplate is small beside the story: what holds most of the article's text is the story.
  if (stats.text > rootText * MOST_OF_ARTICLE) return false;
  const tag = tagOf(el);
  const weight = classWeight(el);
  const score = Number.isNaN(stats.score) ? 0 : stats.score;
  if (weight + score < 0) return true;
  if (stats.commas >= PROSE_COMMAS) return false;
  const isList = LISTS.has(tag) || (stats.text > 0 && stats.listText / stats.text > 0.9);
  const p = stats.paragraphs;
  const density = measure.linkDensity(el);
  const headingShare = stats.text ? stats.headings / stats.text : 0;
  if (stats.images > 1 && p / stats.images < 0.5 && !el.closest('figure')) return true;
  if (!isList && stats.listItems - 100 > p) return true;
  if (stats.inputs > Math.floor(p / 3)) return true;
  if (
    !isList &&
    headingShare < 0.9 &&
    stats.text < MIN_PARAGRAPH &&
    (stats.images === 0 || stats.images > 2) &&
    density > 0
  )
    return true;
  if (!isList && weight < CLASS_WEIGHT && density > 0.2) return true;
  if (weight >= CLASS_WEIGHT && density > 0.5) return true;
  if ((stats.embeds === 1 && stats.text < 75) || stats.embeds > 1) return true;
  return false;
}

/** A list this much made of links is navigation or "related stories", not the story's prose. */
const LINK_LIST_DENSITY = 0.5;

function isLinkList(measure: PageMeasure, el: Element): boolean {
  return LISTS.has(tagOf(el)) && measure.linkDensity(el) > LINK_LIST_DENSITY;
}

/** Markup that names the author or the date line (Readability's byline test, plus microdata). */
const BYLINE_WORDS = /byline|author|dateline|writtenby|p-author/i;
/** Longer than this, a line is prose whatever its markup says. */
const BYLINE_MAX = 100;
/** "By Jane Doe", "Written by …": a byline by its words, in a short line. */
export const BYLINE_TEXT = /^(?:[Bb]y|[Ww]ritten by|[Pp]osted by|[Ww]ords by|[Rr]eporting by)\s+\p{Lu}/u;
/**
 * Labels that stand for something other than the story: an ad slot, a box of other stories, a
 * call to share or subscribe. A short line made of one, or one and a link ("READ: Other story").
 */
const LABEL =
  /^(?:advertisement|advert|sponsored(?: content)?|promoted|related(?: articles?| stories| content| coverage| posts?| reading)?|read (?:more|next|also)|also read|see (?:more|also)|more (?:on this|stories|from)[^.]*|don'?t miss|you (?:may|might) (?:also )?like|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|popular|latest(?: news)?|share (?:this|on)[^.]*|continue reading[^.]*|follow us[^.]*|sign up[^.]*|subscribe[^.]*|watch|listen|opinion|read|more)\b\s*[:|›»>-]?/i;
/** A label line is short: a label and perhaps the title of one story. */
const LABEL_MAX = 200;

/** A short line this much made of links is the title of another story, not a line of this one. */
const LINK_LINE_DENSITY = 0.9;

/** Elements that make a line of their own; a link or a bold word inside a paragraph does not. */
const LINE_TAGS = new Set(['p', 'div', 'section', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'time']);

function isBylineOrLabel(measure: PageMeasure, el: Element, stats: ElementStats): boolean {
  if (stats.text === 0 || stats.text > LABEL_MAX) return false;
  if (stats.text <= BYLINE_MAX) {
    const marked = `${classWords(el)} ${el.getAttribute('rel') ?? ''} ${el.getAttribute('itemprop') ?? ''}`;
    if (BYLINE_WORDS.test(marked)) return true;
  }
  if (!LINE_TAGS.has(tagOf(el))) return false;
  if (measure.linkDensity(el) > LINK_LINE_DENSITY) return true;
  const text = (el.textContent ?? '').trim();
  if (stats.text <= BYLINE_MAX && BYLINE_TEXT.test(text)) return true;
  const label = LABEL.exec(text);
  if (!label) return false;
  // The label alone, or the label and a link (the title of another story).
  const rest = text.length - label[0].length;
  return rest <= 3 || measure.linkDensity(el) > LINK_LIST_DENSITY;
}

/** A paragraph made of a label and the link to another story: "READ: <a>…</a>". */
function isPointerLine(el: Element): boolean {
  if (tagOf(el) !== 'p') return false;
  const first = el.firstChild;
  const link = el.firstElementChild;
  if (!first || first.nodeType !== TEXT || !link || tagOf(link) !== 'a' || link.nextElementSibling) return false;
  const label = (first as Text).data.trim();
  if (!/[:|›»]$/.test(label) || !LABEL.test(label)) return false;
  const after = link.nextSibling;
  return !after || (after.nodeType === TEXT && !(after as Text).data.trim());
}

/** What the walk under the article does with an element. */
type Verdict = 'aside' | 'pointer' | 'unmeasured' | 'enter';

/** What the walk under one joined container knows. */
interface ExclusionWalk {
  measure: PageMeasure;
  /** Characters of text in the container. */
  rootText: number;
  keep: Set<Element>;
  trusted: Set<Element>;
  galleries: Set<Element>;
}

/**
 * Whether `child` is set aside, read as a pointer, skipped unmeasured (a part the measure left
 * out), or gone into. A wrapper whose words say "not the story" but which holds most of it is
 * noted as trusted on the way.
 */
function verdictOf(walk: ExclusionWalk, child: Element): Verdict {
  const { measure, rootText, keep } = walk;
  // A gallery is left out however much of the container's text its captions make.
  if (walk.galleries.has(child)) return 'aside';
  if (isPointerLine(child)) return 'pointer';
  if (measure.unlikely.has(child)) return 'aside';
  const stats = measure.get(child);
  if (!stats) return 'unmeasured';
  if (isUnlikely(child)) {
    // Measured anyway (the second try): a small part is left out as its words say, a wrapper
    // of most of the story is kept.
    if (stats.text <= rootText * MOST_OF_ARTICLE && !keep.has(child)) return 'aside';
    walk.trusted.add(child);
  }
  if (!keep.has(child) && CONDITIONAL.has(tagOf(child)) && isBoilerplate(measure, child, stats, rootText))
    return 'aside';
  if (tagOf(child) === 'p' && isTeaserSummary(measure, child, stats.text)) return 'aside';
  if (HEADINGS.has(tagOf(child)) && classWeight(child) < 0) return 'aside';
  if (!keep.has(child) && (isLinkList(measure, child) || isBylineOrLabel(measure, child, stats))) return 'aside';
  return 'enter';
}

/** Collects what under `root` is not the article, outermost elements only. */
export function* collectExcluded(
  measure: PageMeasure,
  root: Element,
  keep: Set<Element>,
  out: Set<Element>,
  trusted: Set<Element>,
  pointers: Set<Element>,
  galleries: Set<Element>,
): Steps<void> {
  const walk: ExclusionWalk = { measure, rootText: measure.get(root)?.text ?? 0, keep, trusted, galleries };
  // Depth-first in document order, with a stack of where the walk is in each open element.
  const stack: (Element | null)[] = [root.firstElementChild];
  let budget = STEP_ITEMS;
  while (stack.length) {
    const child = stack[stack.length - 1];
    if (!child) {
      stack.pop();
      continue;
    }
    stack[stack.length - 1] = child.nextElementSibling;
    const verdict = verdictOf(walk, child);
    if (verdict === 'aside') out.add(child);
    else if (verdict === 'pointer') pointers.add(child);
    if (verdict !== 'enter') continue;
    stack.push(child.firstElementChild);
    if (--budget === 0) {
      budget = STEP_ITEMS;
      yield;
    }
  }
}
