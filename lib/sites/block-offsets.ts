/**
 * Offsets in the text given to detection (blocks joined by BLOCK_SEPARATOR) mapped to blocks, and
 * stretches of a block's text mapped to the page's text nodes.
 */

import type { ArticleBlock } from './blocks';

/** What joins blocks in the text given to detection: a sentence and paragraph break. */
export const BLOCK_SEPARATOR = '\n\n';

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

/**
 * Which block an offset in a text of joined blocks falls in (binary search over where each block
 * starts), or -1 before the first block or in a separator. `lengthOf(i)` is block i's length.
 */
export function blockIndexAt(starts: readonly number[], lengthOf: (index: number) => number, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  const index = hi;
  if (index < 0) return -1;
  return offset < starts[index]! + lengthOf(index) ? index : -1;
}

/** Which block an offset in `articleText` falls in, or -1 in a separator. */
export function blockAt(starts: readonly number[], blocks: readonly ArticleBlock[], offset: number): number {
  return blockIndexAt(starts, (index) => blocks[index]!.text.length, offset);
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
