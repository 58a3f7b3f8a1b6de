/**
 * The blocks of text Sidenote may annotate under a root: each block's text with runs of
 * whitespace collapsed, and the map from that text back to the page's text nodes. Pure DOM
 * reading, so the same code runs in the page and on a linkedom `Document` in Node.
 */

import { ELEMENT, TEXT, tagOf } from './dom-rules';
import { type ArticleOptions, excluded, isInsideForbidden, planAbove, type RootPlan } from './root-plan';

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

/** The nearest element at or above `node` (up to `root`) that starts a block of prose. */
export function closestBlockElement(node: Node, root: Element): Element {
  for (let el = node.nodeType === ELEMENT ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (el === root || BLOCK_TAGS.has(tagOf(el))) return el;
  }
  return root;
}

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
 *
 * One loop on purpose (about 80 lines): its steps as generator methods, delegated to per node,
 * read the 100,000-word page's blocks some 15% slower.
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
