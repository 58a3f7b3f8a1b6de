/**
 * Finding the article on a page and the blocks of text Sidenote may annotate.
 *
 * Pure DOM reading: no layout APIs on the basic path, so the same code runs in the page and on
 * a linkedom `Document` in Node (the command-line annotator). In the page, a visibility check
 * can be passed in to skip text hidden by the page's CSS.
 */

import { CHANGED, runSliced, runSteps, type SliceOptions, type Steps } from '../annotate/queue';
import { BYLINE_TEXT, type ContentPlan, planSteps } from './content-score';
import {
  ELEMENT,
  isEditable,
  isHiddenByMarkup,
  isOwnHost,
  isReadFurniture,
  MIN_PROSE,
  NEVER_ANNOTATED,
  TEXT,
  tagOf,
} from './dom-rules';
import { PageWatch } from './page-watch';

/** One stretch of a block's text that maps onto one text node. */
export interface TextSegment {
  node: Text;
  /** Offset of this stretch in the block's text. */
  blockStart: number;
  /** Length in the block's text (1 for a collapsed run of whitespace). */
  length: number;
  /** Offset of this stretch in the node's data. */
  nodeStart: number;
  /** Length in the node's data (longer than `length` where whitespace was collapsed). */
  nodeLength: number;
}

/**
 * What a block is to the article: its body text, its headline, a caption or credit under a
 * picture, or a line pointing to another story ("READ: …"). All are read and marked; the body
 * alone is what extraction benchmarks count.
 */
export type BlockRole = 'body' | 'title' | 'caption' | 'pointer';

/** A block of prose (paragraph, heading, list item, caption, ...) with its text normalised. */
export interface ArticleBlock {
  element: Element;
  role: BlockRole;
  /** The block's text with runs of whitespace collapsed to one space, trimmed. */
  text: string;
  segments: TextSegment[];
}

export interface ArticleOptions {
  /** Annotate the whole page, not only the article (editable, code and hidden content stay out). */
  wholePage?: boolean;
  /**
   * Whether an element is shown. In the page this is backed by layout (`checkVisibility`); in
   * Node it is left out and only the `hidden` attribute and inline styles count.
   */
  isVisible?: (element: Element) => boolean;
  /**
   * Longer blocks are cut into several at a text node's edge (after a sentence or a line break
   * where one comes), so no single block makes a long task of detection or marking. The page's
   * wall-of-text paragraphs and `<br>`-lined transcripts are the ones this cuts.
   */
  maxBlockChars?: number;
}

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

export interface ArticleExtraction {
  /** The element whose text is annotated: the article body, or `<body>` in whole-page mode. */
  root: Element;
  blocks: ArticleBlock[];
  isArticle: boolean;
}

/** What joins blocks in the text given to detection: a sentence and paragraph break. */
export const BLOCK_SEPARATOR = '\n\n';

/** Elements that end a block of prose (their text is a block of its own). */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hgroup',
  'li',
  'main',
  'ol',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'header',
  'footer',
  'nav',
  'aside',
  'form',
  'fieldset',
  'legend',
  'center',
]);

/** Inline elements that separate words even though they hold no text. */
const BREAKS = new Set(['br', 'hr', 'wbr', 'img']);

/** What the finder decided under an article root beyond the general rules. */
interface RootPlan {
  /** Boilerplate inside the article's container, and siblings that did not join it. */
  aside: ReadonlySet<Element>;
  /** Elements whose class or id words would leave them out, kept because they hold the story. */
  trusted: ReadonlySet<Element>;
  /** Lines pointing to other stories, read as such. */
  pointers: ReadonlySet<Element>;
}

/**
 * The finder's plan for each article root it chose, kept beside the live root rather than in the
 * page, so the page's DOM is never touched; the blocks and the check for added text read it here.
 */
const plans = new WeakMap<Element, RootPlan>();

/**
 * The plan of the article root at or above `el`: text the page adds inside an article (a story
 * rendered late, a "read more" part) is read under the plan of the article it joins.
 */
function planAbove(el: Element): RootPlan | undefined {
  for (let at: Element | null = el; at; at = at.parentElement) {
    const plan = plans.get(at);
    if (plan) return plan;
  }
  return undefined;
}

/** Whether an element's subtree is left out, in this mode, under a root with this plan. */
function excluded(el: Element, wholePage: boolean, allowHeader: boolean, plan?: RootPlan): boolean {
  const tag = tagOf(el);
  if (NEVER_ANNOTATED.has(tag) || isOwnHost(el)) return true;
  if (isEditable(el) || isHiddenByMarkup(el)) return true;
  if (wholePage) return false;
  if (plan?.aside.has(el)) return true;
  return isReadFurniture(el, allowHeader, !plan?.trusted.has(el) && !plan?.pointers.has(el));
}

/** Whether any ancestor of `el` up to (not including) `stop` makes it off limits in every mode. */
export function isInsideForbidden(node: Node, stop?: Node | null): boolean {
  for (let el = node.nodeType === ELEMENT ? (node as Element) : node.parentElement; el && el !== stop; ) {
    const tag = tagOf(el);
    if (NEVER_ANNOTATED.has(tag) || isOwnHost(el) || isEditable(el)) return true;
    el = el.parentElement;
  }
  return false;
}

/**
 * Whether text at `node` may be annotated when `root` is what is being annotated: nothing
 * between it and `root` is excluded (and nothing anywhere above is editable or code).
 */
export function isAnnotatableAt(node: Node, root: Element, options: ArticleOptions = {}): boolean {
  if (!root.contains(node)) return false;
  if (isInsideForbidden(node)) return false;
  const wholePage = options.wholePage === true;
  const allowHeader = tagOf(root) !== 'body';
  const plan = plans.get(root);
  for (let el = node.nodeType === ELEMENT ? (node as Element) : node.parentElement; el && el !== root; ) {
    if (excluded(el, wholePage, allowHeader, plan)) return false;
    el = el.parentElement;
  }
  return true;
}

/** The nearest element at or above `node` (up to `root`) that starts a block of prose. */
export function closestBlockElement(node: Node, root: Element): Element {
  for (let el = node.nodeType === ELEMENT ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (el === root || BLOCK_TAGS.has(tagOf(el))) return el;
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Is this an article?

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

function* signalsOf(doc: Document, plan: ContentPlan | null): Steps<ArticleSignals> {
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
const anySignal = (s: ArticleSignals) =>
  s.schemaArticle || s.ogArticle || ((s.articleElement || s.prose) && !s.reference);

/** What one pass of the finder learnt about a page: where its prose is, and why it is an article or not. */
export interface PageScan {
  plan: ContentPlan | null;
  signals: ArticleSignals;
}

/** The finder's pass as pausable steps: the one implementation, run at once or in slices. */
function* scanSteps(doc: Document): Steps<PageScan> {
  const plan = doc.body ? yield* planSteps(doc.body) : null;
  return { plan, signals: yield* signalsOf(doc, plan) };
}

/** What a pass means for annotating the page in this mode (see `findArticle`). */
function answer(doc: Document, scan: PageScan, options: ArticleOptions): FoundArticle | null {
  const body = doc.body;
  if (!body) return null;
  const { plan, signals } = scan;
  const isArticle = anySignal(signals);
  if (options.wholePage) return { root: body, isArticle, signals };
  if (!isArticle || !plan) return null;
  plans.set(plan.root, { aside: plan.excluded, trusted: plan.trusted, pointers: plan.pointers });
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

/** Whether the page's metadata says it is an article (schema.org, og:type), whatever its body holds. */
export function declaresArticle(doc: Document): boolean {
  return runSteps(schemaArticle(doc)) || ogArticle(doc);
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

/**
 * How many times a sliced pass starts again because the page added or removed content while it
 * was paused. Past that, the last pass's answer is taken: a page that never stops changing (a
 * ticker, ads coming in) would otherwise never get one, and what it adds later is followed as
 * any later change is (the annotator's observer; a root the page takes out is found again).
 */
const MAX_RESTARTS = 2;

/** The pass in slices, started again (up to MAX_RESTARTS) when the page changed meanwhile. */
async function scanSliced(doc: Document, slicing: SliceOptions): Promise<{ scan: PageScan; watch: PageWatch | null }> {
  const watch = PageWatch.start(doc);
  try {
    for (let restarts = 0; ; restarts++) {
      watch?.reset();
      const changed = watch && restarts < MAX_RESTARTS ? () => watch.changed() : undefined;
      const result = await runSliced(scanSteps(doc), { ...slicing, changed });
      if (result !== CHANGED) return { scan: result, watch };
    }
  } catch (error) {
    watch?.stop();
    throw error;
  }
}

/** How long a finished pass stays on offer to the page part before its watch ends, in ms. */
const HANDOFF_MS = 10_000;

/**
 * A pass the first script made (lib/page/gate.ts), offered to the page part so an article page
 * pays for one pass, not two: the two are separate bundles, each with its own copy of this module,
 * so the pass travels as a value. It is taken only while the page has added or removed nothing
 * since; otherwise, or where that cannot be known, the page part makes its own pass.
 */
export class ArticleScan {
  private timer: ReturnType<typeof setTimeout> | undefined;

  private scan: PageScan | null;

  constructor(
    readonly doc: Document,
    scan: PageScan,
    private watch: PageWatch | null,
  ) {
    this.scan = scan;
    this.isArticle = anySignal(scan.signals);
    if (watch) this.timer = setTimeout(() => this.release(), HANDOFF_MS);
  }

  /** Whether the page is an article, by this pass. */
  readonly isArticle: boolean;

  /** The pass, if it is of `doc` and the page has not changed since; it can be taken once. */
  take(doc: Document): PageScan | null {
    const fresh = doc === this.doc && this.watch !== null && !this.watch.changed() ? this.scan : null;
    this.release();
    return fresh;
  }

  /** Ends the watch and drops the pass. */
  release(): void {
    clearTimeout(this.timer);
    this.watch?.stop();
    this.watch = null;
    this.scan = null;
  }
}

/** The finder's pass over the page in slices, kept to be handed to the page part (`ArticleScan`). */
export async function scanArticle(doc: Document, slicing: SliceOptions = {}): Promise<ArticleScan> {
  const { scan, watch } = await scanSliced(doc, slicing);
  return new ArticleScan(doc, scan, watch);
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

// ---------------------------------------------------------------------------------------------
// Blocks

/** Builds one block's normalised text and the map back to its text nodes. */
/**
 * Where a text node is read in pieces: a wall of text (a whole story in one node, with no markup)
 * is cut after sentences about every half block, so its blocks stay short like any other's. The
 * node itself is never touched; the pieces are only offsets. One piece for an ordinary node.
 */
function textPieces(data: string, maxBlockChars: number | undefined): [number, number][] {
  const piece = maxBlockChars ? Math.floor(maxBlockChars / 2) : 0;
  if (!piece || data.length <= piece * 2) return [[0, data.length]];
  const cuts: number[] = [0];
  let at = 0;
  while (data.length - at > piece * 1.5) {
    const window = data.slice(at + piece, at + Math.round(piece * 1.5));
    const sentence = /[.!?…]["'”’)\]]?\s+(?=\S)/g;
    let cut = -1;
    for (let m = sentence.exec(window); m; m = sentence.exec(window)) cut = m.index + m[0].length;
    if (cut < 0) {
      const space = window.search(/\s\S/);
      cut = space < 0 ? 0 : space + 1;
    }
    at += piece + cut;
    cuts.push(at);
  }
  cuts.push(data.length);
  return cuts.slice(1).map((end, i) => [cuts[i]!, end]);
}

class BlockBuilder {
  text = '';
  segments: TextSegment[] = [];
  /** A space is owed before the next word (whitespace or a break was seen). */
  private pendingSpace = false;
  private pendingSource: { node: Text; offset: number; length: number } | null = null;

  constructor(
    readonly element: Element,
    readonly role: BlockRole,
  ) {}

  /** A word boundary that maps to no text (a `<br>`, an image). */
  softBreak(): void {
    if (this.text) this.pendingSpace = true;
  }

  /** Whether the text so far is long enough to end this block before the next text node. */
  full(max: number): boolean {
    const length = this.text.length;
    if (length < max) return false;
    // Past the limit, a sentence end or a break is the place to cut; well past it, any node edge is.
    return length >= max * 1.5 || this.pendingSpace || /[.!?…:;]["'”’)\]]?$/.test(this.text);
  }

  /** Adds the text of `node` from `from` to `to` (the whole node by default). */
  add(node: Text, from = 0, to = node.data.length): void {
    const data = node.data;
    const re = /\s+/g;
    re.lastIndex = from;
    let at = from;
    for (;;) {
      let match = re.exec(data);
      if (match && match.index >= to) match = null;
      const end = match ? match.index : to;
      if (end > at) {
        this.flushSpace();
        this.push(node, at, end - at, data.slice(at, end));
      }
      if (!match) break;
      if (this.text) {
        // Remember the first whitespace run after a word; it maps onto the space we emit.
        if (!this.pendingSpace || !this.pendingSource)
          this.pendingSource = { node, offset: match.index, length: match[0].length };
        this.pendingSpace = true;
      }
      at = match.index + match[0].length;
    }
  }

  private flushSpace(): void {
    if (!this.pendingSpace) return;
    const source = this.pendingSource;
    if (source) this.push(source.node, source.offset, source.length, ' ');
    else this.text += ' ';
    this.pendingSpace = false;
    this.pendingSource = null;
  }

  /** Appends `text`, which stands for `nodeLength` characters of `node` from `nodeStart`. */
  private push(node: Text, nodeStart: number, nodeLength: number, text: string): void {
    const blockStart = this.text.length;
    const length = text.length;
    this.text += text;
    const last = this.segments[this.segments.length - 1];
    // Merge stretches that continue each other in the same node, to keep the map small.
    if (
      last &&
      last.node === node &&
      last.blockStart + last.length === blockStart &&
      last.nodeStart + last.nodeLength === nodeStart &&
      last.length === last.nodeLength &&
      length === nodeLength
    ) {
      last.length += length;
      last.nodeLength += nodeLength;
      return;
    }
    this.segments.push({ node, blockStart, length, nodeStart, nodeLength });
  }

  build(): ArticleBlock | null {
    return this.text ? { element: this.element, role: this.role, text: this.text, segments: this.segments } : null;
  }
}

/** Class or id words of a caption or a picture credit. */
const CAPTION_WORDS = /caption|credit/i;

/** A headline is a title block; a caption, and all under it, a caption block; else as its outer block. */
function roleOf(el: Element, outer: BlockRole, plan?: RootPlan): BlockRole {
  if (plan?.pointers.has(el)) return 'pointer';
  const tag = tagOf(el);
  if (tag === 'h1') return 'title';
  if (tag === 'figcaption' || tag === 'figure') return 'caption';
  if (CAPTION_WORDS.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) return 'caption';
  return outer;
}

/**
 * Walks the blocks of text under `root` in document order, lazily, so the page can take them
 * a few at a time. Text in excluded subtrees is skipped; an element's own text (outside nested
 * blocks) forms its own block.
 */
export function* articleBlocks(root: Element, options: ArticleOptions = {}): Generator<ArticleBlock> {
  const wholePage = options.wholePage === true;
  if (isInsideForbidden(root)) return;
  // A <header> inside the article holds its headline; only the page's own header is furniture.
  const keepHeader = tagOf(root) !== 'body';
  // A stack of open blocks: text joins the innermost; a block is emitted when its element closes.
  const plan = wholePage ? undefined : planAbove(root);
  const open: BlockBuilder[] = [];
  type Frame = { node: Node; next: Node | null; builder: BlockBuilder | null };
  const stack: Frame[] = [];
  const enter = (el: Element, outer: BlockBuilder | undefined): BlockBuilder | null =>
    BLOCK_TAGS.has(tagOf(el)) || el === root ? new BlockBuilder(el, roleOf(el, outer?.role ?? 'body', plan)) : null;

  /** The innermost open block goes on in a new builder, after its text so far was emitted. */
  const restart = (current: BlockBuilder): BlockBuilder => {
    const fresh = new BlockBuilder(current.element, current.role);
    open[open.length - 1] = fresh;
    const owner = stack.find((f) => f.builder === current);
    if (owner) owner.builder = fresh;
    return fresh;
  };

  const rootBuilder = new BlockBuilder(root, roleOf(root, 'body'));
  open.push(rootBuilder);
  stack.push({ node: root, next: root.firstChild, builder: rootBuilder });
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const child = frame.next;
    if (!child) {
      stack.pop();
      if (frame.builder) {
        open.pop();
        const block = frame.builder.build();
        if (block) yield block;
        // Text after a nested block starts a new stretch of the outer block.
        const outer = open[open.length - 1];
        if (outer) outer.softBreak();
      }
      continue;
    }
    frame.next = child.nextSibling;
    if (child.nodeType === TEXT) {
      const node = child as Text;
      for (const [from, to] of textPieces(node.data, options.maxBlockChars)) {
        const current = open[open.length - 1]!;
        if (options.maxBlockChars && current.full(options.maxBlockChars)) {
          // A long block ends here, at a node's edge or a sentence's end inside a wall of text,
          // and the same element goes on in a new one.
          const before = current.build();
          if (before) yield before;
          restart(current).add(node, from, to);
          continue;
        }
        current.add(node, from, to);
      }
      continue;
    }
    if (child.nodeType !== ELEMENT) continue;
    const el = child as Element;
    const tag = tagOf(el);
    if (BREAKS.has(tag)) {
      open[open.length - 1]!.softBreak();
      continue;
    }
    if (excluded(el, wholePage, keepHeader, plan)) {
      open[open.length - 1]!.softBreak();
      continue;
    }
    const builder = enter(el, open[open.length - 1]);
    if (builder) {
      if (options.isVisible && !options.isVisible(el)) continue;
      // Text before the nested block is emitted now, so blocks come out in reading order.
      const current = open[open.length - 1]!;
      const before = current.build();
      if (before) {
        yield before;
        restart(current);
      }
      open.push(builder);
    }
    stack.push({ node: el, next: el.firstChild, builder });
  }
}

/** Finds the article and all its blocks at once (the annotator's path; the page takes blocks lazily). */
export function extractArticle(doc: Document, options: ArticleOptions = {}): ArticleExtraction | null {
  const found = findArticle(doc, options);
  if (!found) return null;
  return { root: found.root, isArticle: found.isArticle, blocks: Array.from(articleBlocks(found.root, options)) };
}

/** The text given to detection: blocks joined by `BLOCK_SEPARATOR`, with where each block starts. */
export function articleText(blocks: readonly ArticleBlock[]): { text: string; starts: number[] } {
  const starts: number[] = [];
  let at = 0;
  for (const block of blocks) {
    starts.push(at);
    at += block.text.length + BLOCK_SEPARATOR.length;
  }
  return { text: blocks.map((b) => b.text).join(BLOCK_SEPARATOR), starts };
}

/** The article's body text (blocks joined by blank lines), or '' when the page is not an article. */
export function articleBodyText(doc: Document, options: ArticleOptions = {}): string {
  const found = extractArticle(doc, options);
  return found ? articleText(found.blocks).text : '';
}

/** Which block an offset in `articleText` falls in (binary search), or -1 in a separator. */
export function blockAt(starts: readonly number[], blocks: readonly ArticleBlock[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  const index = hi;
  if (index < 0) return -1;
  return offset < starts[index]! + blocks[index]!.text.length ? index : -1;
}

/**
 * The pieces of text nodes that a stretch `[start, end)` of a block's text covers, one per node,
 * in document order. Collapsed whitespace is covered whole when the stretch covers its space.
 */
export function nodeRanges(
  block: ArticleBlock,
  start: number,
  end: number,
): { node: Text; start: number; end: number }[] {
  const out: { node: Text; start: number; end: number }[] = [];
  for (const seg of block.segments) {
    const segEnd = seg.blockStart + seg.length;
    if (segEnd <= start) continue;
    if (seg.blockStart >= end) break;
    let from: number;
    let to: number;
    if (seg.length !== seg.nodeLength) {
      from = seg.nodeStart;
      to = seg.nodeStart + seg.nodeLength;
    } else {
      from = seg.nodeStart + Math.max(0, start - seg.blockStart);
      to = seg.nodeStart + Math.min(seg.length, end - seg.blockStart);
    }
    const last = out[out.length - 1];
    if (last && last.node === seg.node && last.end === from) last.end = to;
    else out.push({ node: seg.node, start: from, end: to });
  }
  return out;
}
