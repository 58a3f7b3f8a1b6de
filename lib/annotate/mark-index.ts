import { type ArticleBlock, nodeRanges } from '../sites/article';
import type { PageMention } from './mentions';

/** A block element Sidenote has read: its text when read, and the marks placed in it. */
export interface BlockRecord {
  element: Element;
  /** The element's own text when it was read (its blocks joined), to notice page rewrites. */
  text: string;
  ids: string[];
}

/** One mark: a mention and the live range of the page's text it covers. */
export interface MarkRecord {
  mention: PageMention;
  range: Range;
  block: BlockRecord;
}

/**
 * The live range over `[start, end)` of a block's text: from the first text node it touches to
 * the last, so a phrase split across elements ("<b>Bashar</b> al-Assad") is one range.
 */
export function rangeOf(block: ArticleBlock, start: number, end: number): Range | null {
  const pieces = nodeRanges(block, start, end);
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!first || !last) return null;
  const range = block.element.ownerDocument.createRange();
  try {
    range.setStart(first.node, first.start);
    range.setEnd(last.node, last.end);
  } catch {
    // The page changed the text since it was read: this mention waits for the next reading.
    return null;
  }
  return range.collapsed ? null : range;
}

/** Whether a range still covers page text (the page may have rewritten or removed it). */
export function isLive(range: Range): boolean {
  return !range.collapsed && range.startContainer.isConnected;
}

/** Whether the point (x, y) is inside one of the range's boxes. */
export function rangeHas(range: Range, x: number, y: number): boolean {
  for (const r of Array.from(range.getClientRects()))
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  return false;
}

/**
 * Every mark on the page, one record per mention, and the blocks they sit in. The blocks are the
 * processed-block marker (a rescan never marks a block twice) and the hit test's index: the marks
 * under the pointer are among those of the block element that holds it.
 */
export class MarkIndex {
  private readonly marks = new Map<string, MarkRecord>();
  private blocks = new WeakMap<Element, BlockRecord>();
  private blockList: BlockRecord[] = [];
  /** Marks in document order, rebuilt after marks change. */
  private ordered: MarkRecord[] | null = null;

  get size(): number {
    return this.marks.size;
  }

  get(id: string): MarkRecord | undefined {
    return this.marks.get(id);
  }

  values(): IterableIterator<MarkRecord> {
    return this.marks.values();
  }

  /** The record of a block element, if it was read. */
  block(element: Element): BlockRecord | undefined {
    return this.blocks.get(element);
  }

  /** Every block record, in the order they were read. */
  allBlocks(): readonly BlockRecord[] {
    return this.blockList;
  }

  /** Notes that a block of `element` was read; returns its record. */
  read(element: Element, text: string): BlockRecord {
    let record = this.blocks.get(element);
    if (!record) {
      record = { element, text: '', ids: [] };
      this.blocks.set(element, record);
      this.blockList.push(record);
    }
    record.text = record.text ? `${record.text}\n${text}` : text;
    return record;
  }

  add(mention: PageMention, range: Range, block: BlockRecord): MarkRecord {
    const record = { mention, range, block };
    this.marks.set(mention.id, record);
    block.ids.push(mention.id);
    this.ordered = null;
    return record;
  }

  /** Drops blocks and their marks; returns the marks dropped. */
  forget(records: readonly BlockRecord[]): MarkRecord[] {
    if (!records.length) return [];
    const gone: MarkRecord[] = [];
    const set = new Set(records);
    for (const block of records) {
      for (const id of block.ids) {
        const mark = this.marks.get(id);
        if (mark) gone.push(mark);
        this.marks.delete(id);
      }
      this.blocks.delete(block.element);
    }
    this.blockList = this.blockList.filter((b) => !set.has(b));
    this.ordered = null;
    return gone;
  }

  /** Drops everything. */
  clear(): MarkRecord[] {
    const all = [...this.marks.values()];
    this.marks.clear();
    this.blocks = new WeakMap();
    this.blockList = [];
    this.ordered = null;
    return all;
  }

  /** Live marks in document order (sorted once per change). */
  inOrder(): MarkRecord[] {
    if (!this.ordered) {
      const live = [...this.marks.values()].filter((m) => isLive(m.range));
      this.ordered = live.sort((a, b) => a.range.compareBoundaryPoints(0 /* START_TO_START */, b.range));
    }
    return this.ordered.filter((m) => isLive(m.range));
  }

  /**
   * The marks at (x, y), innermost first, among those of the block that holds `target` (the
   * element under the pointer) and its outer blocks: a handful of boxes read, whatever the page's size.
   */
  at(target: Node | null, x: number, y: number): MarkRecord[] {
    const hits: MarkRecord[] = [];
    for (let node: Node | null = target; node; node = node.parentNode) {
      const block = node.nodeType === 1 ? this.blocks.get(node as Element) : undefined;
      if (!block) continue;
      for (const id of block.ids) {
        const mark = this.marks.get(id);
        if (mark && isLive(mark.range) && rangeHas(mark.range, x, y)) hits.push(mark);
      }
    }
    return hits.sort((a, b) => a.mention.text.length - b.mention.text.length);
  }
}
