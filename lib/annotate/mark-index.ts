import { nodeRanges } from '../sites/block-offsets';
import type { ArticleBlock } from '../sites/blocks';
import type { PageMention } from './mentions';

/** A block element Sidenote has read: its text when read, and the marks placed in it. */
export interface BlockRecord {
  element: Element;
  /** The element's own text when it was read (its blocks joined), to notice page rewrites. */
  text: string;
  ids: string[];
}

/**
 * One mark: a mention and the live range of the page's text it covers (more than one only where
 * text the block leaves out, such as inline code, sits inside the phrase: no mark covers it).
 */
export interface MarkRecord {
  mention: PageMention;
  ranges: Range[];
  block: BlockRecord;
}

/** Whether text the block does not read (code, a form field's label, hidden text) lies between two of its nodes. */
function gapBetween(root: Element, from: Text, to: Text): boolean {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* SHOW_TEXT */);
  walker.currentNode = from;
  for (let node = walker.nextNode(); node && node !== to; node = walker.nextNode())
    if (/\S/.test((node as Text).data)) return true;
  return false;
}

/**
 * The live ranges over `[start, end)` of a block's text: from the first text node it touches to
 * the last, so a phrase split across elements ("<b>Bashar</b> al-Assad") is one range; split only
 * around text the block leaves out (inline code inside a sentence), which no mark may cover.
 */
export function rangesOf(block: ArticleBlock, start: number, end: number): Range[] {
  const pieces = nodeRanges(block, start, end);
  const out: Range[] = [];
  let first = 0;
  for (let i = 0; i < pieces.length; i++) {
    const next = pieces[i + 1];
    if (next && (next.node === pieces[i]!.node || !gapBetween(block.element, pieces[i]!.node, next.node))) continue;
    const range = block.element.ownerDocument.createRange();
    try {
      range.setStart(pieces[first]!.node, pieces[first]!.start);
      range.setEnd(pieces[i]!.node, pieces[i]!.end);
      if (!range.collapsed) out.push(range);
    } catch {
      // The page changed the text since it was read: this mention waits for the next reading.
      return [];
    }
    first = i + 1;
  }
  return out;
}

/** Whether a range still covers page text (the page may have rewritten or removed it). */
export function isLive(range: Range): boolean {
  return !range.collapsed && range.startContainer.isConnected;
}

/** Whether any of a mark's ranges still covers page text. */
export function isMarkLive(mark: MarkRecord): boolean {
  return mark.ranges.some(isLive);
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

  add(mention: PageMention, ranges: Range[], block: BlockRecord): MarkRecord {
    const record = { mention, ranges, block };
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
      const live = [...this.marks.values()].filter(isMarkLive);
      this.ordered = live.sort((a, b) => a.ranges[0]!.compareBoundaryPoints(0 /* START_TO_START */, b.ranges[0]!));
    }
    return this.ordered.filter(isMarkLive);
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
        if (mark?.ranges.some((r) => isLive(r) && rangeHas(r, x, y))) hits.push(mark);
      }
    }
    return hits.sort((a, b) => a.mention.text.length - b.mention.text.length);
  }
}
