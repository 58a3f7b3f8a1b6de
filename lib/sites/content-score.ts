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
 */

import { runSteps, type Steps } from '../annotate/queue';
import {
  classWords,
  ELEMENT,
  isHiddenByMarkup,
  isMeasuredFurniture,
  isUnlikely,
  MIN_PROSE,
  SKIP_TAGS,
  TEXT,
  tagOf,
} from './dom-rules';

/**
 * Elements (or paragraphs) handled between two points where the work may pause: enough that the
 * pauses cost nothing measurable, few enough that a slice ends near its budget (a step is well
 * under a millisecond, a few on a cold start before the code is compiled).
 */
const STEP_ITEMS = 64;
/**
 * Measuring costs by the character as well as by the element: an element counts one unit of
 * work, a text node one more per CHARS_PER_WORK characters, and the pass may pause every
 * STEP_WORK units (a page of long paragraphs pauses as often as a page of many small elements).
 */
const STEP_WORK = 128;
const CHARS_PER_WORK = 64;

/** Class or id words that raise or lower a container's score. */
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|byline|caption|combx|comment|com-|contact|credit|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|recirc|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|newsletter|subscri|author|social/i;

/** Weight of one matching class or id word list, as Readability gives it. */
const CLASS_WEIGHT = 25;

/** A paragraph shorter than this scores nothing: a label, a date, a link. */
const MIN_PARAGRAPH = 25;
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

/** What one pass measured of an element (its subtree, skipping what is never prose). */
export interface ElementStats {
  /** Characters of text, whitespace collapsed. */
  text: number;
  /** Characters of that text inside links. */
  links: number;
  commas: number;
  paragraphs: number;
  images: number;
  listItems: number;
  inputs: number;
  embeds: number;
  /** Characters of text inside headings. */
  headings: number;
  /** Characters of text inside lists. */
  listText: number;
  /** Points of every paragraph in the subtree, however deep (the score counts five levels only). */
  points: number;
  /** Characters of text inside code: `<pre>` blocks and inline `<code>`, `<kbd>`, `<samp>`. */
  code: number;
  /** `<pre>` blocks. */
  codeBlocks: number;
  /** Text nodes that open with a slide's number ("3/50", "3 of 50", "Photo 3 of 50"). */
  counters: number;
  /** The "of N" those numbers share: 0 with none, MIXED_TOTALS when they disagree. */
  counterTotal: number;
  /** Readability-style content score; NaN until a paragraph scores it. */
  score: number;
}

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

/** Commas of other scripts (Arabic, CJK, small and presentation forms). */
const WIDE_COMMAS = /[،﹐︐︑⹁⸴⸲，]/g;

/** +25 for content words, -25 for boilerplate words, as reader modes weigh class and id. */
export function classWeight(el: Element): number {
  let weight = 0;
  for (const value of [el.getAttribute('class'), el.getAttribute('id')]) {
    if (!value) continue;
    if (NEGATIVE.test(value)) weight -= CLASS_WEIGHT;
    if (POSITIVE.test(value)) weight += CLASS_WEIGHT;
  }
  return weight;
}

/** Tags whose text is one paragraph for scoring. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'blockquote']);
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
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LISTS = new Set(['ul', 'ol', 'dl']);
/** Elements whose text is code or program output, not prose. */
const CODE_TAGS = new Set(['pre', 'code', 'kbd', 'samp']);
const EMBEDS = new Set(['iframe', 'object', 'embed', 'video', 'audio']);
/** Blocks inside which an element's own text is not a paragraph of its own. */
const INLINE_TEXT_HOLDERS = new Set(['div', 'section', 'article', 'main', 'span', 'font', 'center']);

const emptyStats = (): ElementStats => ({
  text: 0,
  links: 0,
  commas: 0,
  paragraphs: 0,
  images: 0,
  listItems: 0,
  inputs: 0,
  embeds: 0,
  headings: 0,
  listText: 0,
  points: 0,
  code: 0,
  codeBlocks: 0,
  counters: 0,
  counterTotal: 0,
  score: Number.NaN,
});

/**
 * A text node's length without its leading and trailing whitespace. (Runs of whitespace inside
 * are counted as they are: collapsing them would cost a pass in script over every character of
 * a huge page, and scores need no such precision.)
 */
function textLength(data: string): number {
  const n = data.length;
  // Most prose nodes start and end with a word: their length needs no new string.
  if (n && data.charCodeAt(0) > 32 && data.charCodeAt(n - 1) > 32) return n;
  return data.trim().length;
}

/** Commas in a text: native searches only (no match arrays), the Latin comma first. */
function countCommas(data: string): number {
  let n = 0;
  for (let at = data.indexOf(','); at >= 0; at = data.indexOf(',', at + 1)) n++;
  // Other scripts' commas, only where the text has characters beyond printable ASCII at all.
  if (/[^ -~\s]/.test(data)) n += data.match(WIDE_COMMAS)?.length ?? 0;
  return n;
}

/**
 * A slide's number at the start of a text: "3/50", "3 / 50", "3 of 50", "Photo 3 of 50",
 * "Image 3/50". What galleries and slideshows put before (or in) each caption.
 */
const SLIDE_COUNTER = /^\s*(?:(?:photo|picture|image|slide|foto)s?\s+)?(\d{1,3})\s*(?:\/|of)\s*(\d{1,3})(?![\d/])/i;
/** Longest text of an element read whole for a slide's number written in pieces ("Photo 12 of 50"). */
const SPLIT_COUNTER_MAX = 16;
/** Totals of slide numbers that disagree: not one gallery's run. */
const MIXED_TOTALS = -1;

const mergeTotals = (a: number, b: number) => (a === 0 ? b : b === 0 || a === b ? a : MIXED_TOTALS);

/** Letters a slide's number may follow ("Photo", "Image", "Slide", "Foto"): the rest need no regex. */
const COUNTER_WORD_START = /^[pisfPISF]/;

/** A text opening with a slide's number: that number and the "of N", or null. */
function slideNumber(data: string): { index: number; total: number } | null {
  // Most text opens with a letter or a digit that is no slide's number: no regex runs for it.
  if (data.charCodeAt(0) > 57 && !COUNTER_WORD_START.test(data)) return null;
  const match = SLIDE_COUNTER.exec(data);
  if (!match) return null;
  const index = Number(match[1]);
  const total = Number(match[2]);
  return index >= 1 && total >= MIN_GALLERY && index <= total ? { index, total } : null;
}

/** Adds a child's measurements to its parent's. */
function addStats(into: ElementStats, sub: ElementStats): void {
  into.text += sub.text;
  into.links += sub.links;
  into.commas += sub.commas;
  into.paragraphs += sub.paragraphs;
  into.images += sub.images;
  into.listItems += sub.listItems;
  into.inputs += sub.inputs;
  into.embeds += sub.embeds;
  into.headings += sub.headings;
  into.listText += sub.listText;
  into.points += sub.points;
  into.code += sub.code;
  into.codeBlocks += sub.codeBlocks;
  if (sub.counters) {
    into.counters += sub.counters;
    into.counterTotal = mergeTotals(into.counterTotal, sub.counterTotal);
  }
}

/** An element being measured: its stats so far and where the walk is among its children. */
interface MeasureFrame {
  el: Element;
  tag: string;
  stats: ElementStats;
  /** Whether text here is link text (inside an `<a>` that no later `<a>` has closed). */
  link: boolean;
  /** Characters of the element's own text that are link text. */
  ownLinks: number;
  depth: number;
  next: ChildNode | null;
  ownText: number;
  ownCommas: number;
  /** Lines of prose written straight into the element (split by `<br>`): paragraphs in all but name. */
  ownLines: number;
}

/**
 * A link opening inside a link: the outer one ends here, as HTML's parser ends it (the "adoption
 * agency": a browser never builds a link inside a link). A parser that does not (htmlparser2,
 * under linkedom) nests the rest of the container in the unclosed link, and one end tag written
 * `<a>` for `</a>` in a skip link would make a whole page read as link text; what follows the
 * inner link is read as a browser has it, outside any link. (What came before stays link text,
 * as it does in the browser.)
 */
function closeLinks(stack: MeasureFrame[]): void {
  for (let i = stack.length - 1; i >= 0 && stack[i]!.link; i--) stack[i]!.link = false;
}

/** Very deep markup is read as flat text below this depth. */
const MAX_DEPTH = 400;

/** The measurements of one page: `steps()` fills them in, one pass depth-first over the body. */
export class PageMeasure {
  readonly stats = new Map<Element, ElementStats>();
  /** Elements left out of measuring because their class or id says they are not the story. */
  readonly unlikely = new Set<Element>();
  /** Elements whose text reads as a paragraph, with their own text length. */
  readonly paragraphs: { el: Element; length: number; commas: number }[] = [];
  /** Elements with a text that opens with a slide's number (see `galleries`). */
  readonly counterHolders: { el: Element; index: number }[] = [];
  /** Elements holding MIN_SLIDE_RUN pictures or more: where a run of slides may be. */
  readonly pictureHolders: Element[] = [];
  /** Elements ARIA calls a carousel or slideshow. */
  readonly carousels: Element[] = [];

  /** Galleries and slideshows found once measured (`findGalleries`), set aside from the story. */
  galleries = new Set<Element>();

  constructor(
    readonly body: Element,
    /** Leave out elements whose class or id says they are not the story (the first try). */
    readonly stripUnlikely: boolean,
    /** Set galleries aside (not on a page where nothing else is the story). */
    readonly setsGalleriesAside = true,
  ) {}

  /** The measuring pass, pausable (an explicit stack, so it can stop between any two elements). */
  *steps(): Steps<void> {
    const first = this.open(this.body, false, 0);
    if (!first) return;
    const stack: MeasureFrame[] = [first];
    let work = 0;
    while (stack.length) {
      if (work >= STEP_WORK) {
        work = 0;
        yield;
      }
      const frame = stack[stack.length - 1]!;
      const node = frame.next;
      if (!node) {
        stack.pop();
        const stats = this.close(frame);
        const parent = stack[stack.length - 1];
        if (parent) addStats(parent.stats, stats);
        continue;
      }
      frame.next = node.nextSibling;
      if (node.nodeType === TEXT) {
        const data = (node as Text).data;
        const length = textLength(data);
        if (!length) continue;
        frame.ownText += length;
        if (frame.link) frame.ownLinks += length;
        frame.ownCommas += countCommas(data);
        if (length >= MIN_PARAGRAPH) frame.ownLines++;
        const slide = slideNumber(data);
        if (slide) {
          frame.stats.counters++;
          frame.stats.counterTotal = mergeTotals(frame.stats.counterTotal, slide.total);
          this.counterHolders.push({ el: frame.el, index: slide.index });
        }
        work += 1 + Math.floor(data.length / CHARS_PER_WORK);
        continue;
      }
      if (node.nodeType !== ELEMENT) continue;
      const child = node as Element;
      const childTag = tagOf(child);
      const stats = frame.stats;
      if (childTag === 'img' || childTag === 'picture') stats.images++;
      else if (childTag === 'input' || childTag === 'select' || childTag === 'textarea') stats.inputs++;
      else if (EMBEDS.has(childTag)) stats.embeds++;
      if (frame.depth >= MAX_DEPTH) continue;
      if (childTag === 'a' && frame.link) closeLinks(stack);
      const sub = this.open(child, frame.link, frame.depth + 1);
      if (!sub) {
        // A link in a part not measured (a menu, a hidden box) still ends the link it opens in.
        if (frame.link && !SKIP_TAGS.has(childTag) && child.querySelector('a')) closeLinks(stack);
        continue;
      }
      stack.push(sub);
      work++;
    }
  }

  get(el: Element): ElementStats | undefined {
    return this.stats.get(el);
  }

  /** Starts measuring `el`, or returns null when its subtree is skipped. */
  private open(el: Element, inLink: boolean, depth: number): MeasureFrame | null {
    const tag = tagOf(el);
    if (SKIP_TAGS.has(tag) || isHiddenByMarkup(el)) return null;
    if (depth > 0 && isMeasuredFurniture(el)) return null;
    if (depth > 0 && this.stripUnlikely && isUnlikely(el)) {
      this.unlikely.add(el);
      return null;
    }
    return {
      el,
      tag,
      stats: emptyStats(),
      link: inLink || tag === 'a',
      ownLinks: 0,
      depth,
      next: el.firstChild,
      ownText: 0,
      ownCommas: 0,
      ownLines: 0,
    };
  }

  /** Ends measuring an element, its children all measured: its own text, paragraphs and points. */
  private close(frame: MeasureFrame): ElementStats {
    const { el, tag, stats, ownText, ownCommas } = frame;
    stats.text += ownText;
    stats.commas += ownCommas;
    stats.links += frame.ownLinks;
    if (tag === 'p') stats.paragraphs++;
    else if (INLINE_TEXT_HOLDERS.has(tag)) stats.paragraphs += frame.ownLines;
    if (tag === 'li') stats.listItems++;
    if (HEADINGS.has(tag)) stats.headings = stats.text;
    if (LISTS.has(tag)) stats.listText = stats.text;
    if (CODE_TAGS.has(tag)) stats.code = stats.text;
    if (tag === 'pre') stats.codeBlocks++;
    if (!stats.counters && stats.text >= 3 && stats.text <= SPLIT_COUNTER_MAX && el.firstElementChild)
      this.splitCounter(el, stats);
    this.stats.set(el, stats);
    if (stats.images >= MIN_SLIDE_RUN) this.pictureHolders.push(el);
    const role = el.getAttribute('aria-roledescription');
    if (role && CAROUSEL_WORDS.test(role)) this.carousels.push(el);
    if (PARAGRAPH_TAGS.has(tag)) {
      if (stats.text >= MIN_PARAGRAPH) {
        this.paragraphs.push({ el, length: stats.text, commas: stats.commas });
        stats.points += paragraphPoints(stats.text, stats.commas);
      }
    } else if (INLINE_TEXT_HOLDERS.has(tag) && ownText >= MIN_PARAGRAPH) {
      // Text written straight into a <div> (lines split by <br>) is a paragraph too.
      this.paragraphs.push({ el, length: ownText, commas: ownCommas });
      stats.points += paragraphPoints(ownText, ownCommas);
    }
    return stats;
  }

  /** A slide's number written in pieces ("<b>3</b> / <b>50</b>"): read whole in its short element. */
  private splitCounter(el: Element, stats: ElementStats): void {
    const slide = slideNumber(el.textContent ?? '');
    if (!slide) return;
    stats.counters = 1;
    stats.counterTotal = slide.total;
    this.counterHolders.push({ el, index: slide.index });
  }

  linkDensity(el: Element): number {
    const s = this.stats.get(el);
    return s?.text ? s.links / s.text : 0;
  }
}

/** A paragraph's points: one, one per comma, one per hundred characters up to three. */
const paragraphPoints = (length: number, commas: number) => 1 + commas + Math.min(Math.floor(length / 100), 3);

/** Fewest numbered slides in a row that make a gallery. */
const MIN_GALLERY = 3;
/**
 * Fewest unnumbered slides (siblings each holding one picture and a caption) that make a gallery:
 * more than a story's few pictures in a row, or a recipe's steps.
 */
const MIN_SLIDE_RUN = 8;
/** A slide holds a picture, or two (a thumbnail and the full size). */
const SLIDE_PICTURES = 2;
/** A slide's caption is short; a photo essay's sections, each a picture and prose, are longer. */
const SLIDE_TEXT_MAX = 300;
/** The share of a container's children that must be slides for it to be a gallery. */
const SLIDE_SHARE = 0.8;
/** ARIA's words for a carousel or slideshow (`aria-roledescription`). */
const CAROUSEL_WORDS = /carousel|slideshow|gallery/i;

/**
 * Galleries and slideshows beside a story, however long their captions: the containers of
 *  - a run of slides numbered in order ("1/50", "2/50", … of one total): a slide is the largest
 *    element above its number that holds no other number, its gallery the element above it;
 *  - a run of MIN_SLIDE_RUN or more siblings, each one picture and a short caption;
 *  - what ARIA calls a carousel or slideshow.
 */
function* findGalleries(measure: PageMeasure): Steps<Set<Element>> {
  const galleries = new Set<Element>();
  for (const el of measure.carousels) galleries.add(el);
  // Every element above many pictures is looked at, child by child: pausable on a page of thousands.
  let budget = STEP_ITEMS;
  for (const el of measure.pictureHolders) {
    if (isSlideRun(measure, el)) galleries.add(el);
    budget -= el.childElementCount;
    if (budget <= 0) {
      budget = STEP_ITEMS;
      yield;
    }
  }
  if (measure.counterHolders.length < MIN_GALLERY) return galleries;
  const runs = new Map<Element, { slides: number; last: number; inOrder: boolean }>();
  for (const { el, index } of measure.counterHolders) {
    let slide = el;
    for (let up = el.parentElement; up && up !== measure.body && measure.get(up)?.counters === 1; up = up.parentElement)
      slide = up;
    const gallery = slide.parentElement;
    if (!gallery || slide === measure.body) continue;
    if ((measure.get(gallery)?.counterTotal ?? 0) <= 0) continue;
    const run = runs.get(gallery);
    if (!run) runs.set(gallery, { slides: 1, last: index, inOrder: true });
    else {
      run.inOrder &&= index === run.last + 1;
      run.last = index;
      run.slides++;
    }
  }
  for (const [gallery, run] of runs) if (run.inOrder && run.slides >= MIN_GALLERY) galleries.add(gallery);
  return galleries;
}

/** Whether most of `el`'s children are slides (one picture, a short caption), MIN_SLIDE_RUN or more. */
function isSlideRun(measure: PageMeasure, el: Element): boolean {
  let slides = 0;
  let children = 0;
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    children++;
    const stats = measure.get(child);
    if (
      stats &&
      stats.images >= 1 &&
      stats.images <= SLIDE_PICTURES &&
      stats.text > 0 &&
      stats.text <= SLIDE_TEXT_MAX &&
      stats.paragraphs <= 2
    )
      slides++;
  }
  return slides >= MIN_SLIDE_RUN && slides >= children * SLIDE_SHARE;
}

/** Whether `el` is inside one of the galleries. */
function inGallery(measure: PageMeasure, galleries: Set<Element>, el: Element): boolean {
  for (let at: Element | null = el; at && at !== measure.body; at = at.parentElement)
    if (galleries.has(at)) return true;
  return false;
}

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
function isTeaserSummary(measure: PageMeasure, el: Element, length: number): boolean {
  if (length > TEASER_MAX) return false;
  const heading = el.previousElementSibling;
  if (!heading || !HEADINGS.has(tagOf(heading)) || measure.linkDensity(heading) < HEADLINE_LINK_DENSITY) return false;
  for (let next = el.nextElementSibling; next; next = next.nextElementSibling)
    if (PARAGRAPH_TAGS.has(tagOf(next))) return false;
  // A heading linking within the page (a live blog's entry, a section's anchor) heads this story.
  return heading.querySelector(ELSEWHERE_LINK) !== null;
}

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

/** Collects what under `root` is not the article, outermost elements only. */
function* collectExcluded(
  measure: PageMeasure,
  root: Element,
  keep: Set<Element>,
  out: Set<Element>,
  trusted: Set<Element>,
  pointers: Set<Element>,
  galleries: Set<Element>,
): Steps<void> {
  const rootText = measure.get(root)?.text ?? 0;
  /** Whether `child` is left out (or read as a pointer); false when the walk goes into it. */
  const setAside = (child: Element): boolean => {
    // A gallery is left out however much of the container's text its captions make.
    if (galleries.has(child)) {
      out.add(child);
      return true;
    }
    if (isPointerLine(child)) {
      pointers.add(child);
      return true;
    }
    if (measure.unlikely.has(child)) {
      out.add(child);
      return true;
    }
    const stats = measure.get(child);
    if (!stats) return true;
    if (isUnlikely(child)) {
      // Measured anyway (the second try): a small part is left out as its words say, a wrapper
      // of most of the story is kept.
      if (stats.text <= rootText * MOST_OF_ARTICLE && !keep.has(child)) {
        out.add(child);
        return true;
      }
      trusted.add(child);
    }
    if (!keep.has(child) && CONDITIONAL.has(tagOf(child)) && isBoilerplate(measure, child, stats, rootText)) {
      out.add(child);
      return true;
    }
    if (tagOf(child) === 'p' && isTeaserSummary(measure, child, stats.text)) {
      out.add(child);
      return true;
    }
    if (HEADINGS.has(tagOf(child)) && classWeight(child) < 0) {
      out.add(child);
      return true;
    }
    if (!keep.has(child) && (isLinkList(measure, child) || isBylineOrLabel(measure, child, stats))) {
      out.add(child);
      return true;
    }
    return false;
  };
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
    if (setAside(child)) continue;
    stack.push(child.firstElementChild);
    if (--budget === 0) {
      budget = STEP_ITEMS;
      yield;
    }
  }
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
