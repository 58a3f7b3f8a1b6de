/**
 * The scorer's one pass over a page (content-score.ts): what every element holds (its text, the
 * share of it inside links, commas, paragraphs, pictures, list items, inputs, code), measured
 * depth-first in pausable steps, and where galleries may be (galleries.ts decides).
 */

import type { Steps } from '../annotate/queue';
import { ELEMENT, isHiddenByMarkup, isMeasuredFurniture, isUnlikely, SKIP_TAGS, TEXT, tagOf } from './dom-rules';

/**
 * Elements (or paragraphs) handled between two points where the work may pause: enough that the
 * pauses cost nothing measurable, few enough that a slice ends near its budget (a step is well
 * under a millisecond, a few on a cold start before the code is compiled).
 */
export const STEP_ITEMS = 64;
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
export const CLASS_WEIGHT = 25;

/** A paragraph shorter than this scores nothing: a label, a date, a link. */
export const MIN_PARAGRAPH = 25;
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
export const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'blockquote']);
export const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
export const LISTS = new Set(['ul', 'ol', 'dl']);
/** Elements whose text is code or program output, not prose. */
const CODE_TAGS = new Set(['pre', 'code', 'kbd', 'samp']);
const EMBEDS = new Set(['iframe', 'object', 'embed', 'video', 'audio']);
/** Blocks inside which an element's own text is not a paragraph of its own. */
export const INLINE_TEXT_HOLDERS = new Set(['div', 'section', 'article', 'main', 'span', 'font', 'center']);

/** Fewest numbered slides in a row that make a gallery. */
export const MIN_GALLERY = 3;
/**
 * Fewest unnumbered slides (siblings each holding one picture and a caption) that make a gallery:
 * more than a story's few pictures in a row, or a recipe's steps.
 */
export const MIN_SLIDE_RUN = 8;
/** ARIA's words for a carousel or slideshow (`aria-roledescription`). */
const CAROUSEL_WORDS = /carousel|slideshow|gallery/i;

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

/**
 * Adds a child's measurements to its parent's. Field by field on purpose: it runs once per element
 * of the page, and a loop over the field names made the scorer about a fifth slower on the portal pages.
 */
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
export const paragraphPoints = (length: number, commas: number) => 1 + commas + Math.min(Math.floor(length / 100), 3);
