import { type ArticleBlock, type ArticleOptions, articleBlocks } from '../sites/article';

/**
 * The article's blocks, with any block still longer than `maxBlockChars` cut into several inside
 * its text. Reading cuts long blocks only at a text node's edge; a wall of text in one node (a
 * 100,000-word paragraph) stays one block, longer than one detection message may carry, and was
 * never marked. Marks are ranges now, so a block can end inside a node: no node is split.
 */
export function* readingBlocks(root: Element, options: ArticleOptions): Generator<ArticleBlock> {
  const max = options.maxBlockChars;
  for (const block of articleBlocks(root, options)) {
    if (!max || block.text.length <= max * 1.5) {
      yield block;
      continue;
    }
    let from = 0;
    while (block.text.length - from > max * 1.5) {
      const to = cutAt(block.text, from, max);
      // (The space between two pieces belongs to neither: a block's text is trimmed.)
      yield sliceBlock(block, from, block.text[to - 1] === ' ' ? to - 1 : to);
      from = to;
    }
    yield sliceBlock(block, from, block.text.length);
  }
}

/** Where to end a piece that starts at `from`: after a sentence near `max` characters, else a space. */
function cutAt(text: string, from: number, max: number): number {
  const window = text.slice(from + Math.floor(max / 2), from + max);
  let at = -1;
  for (const m of window.matchAll(/[.!?…]["'”’)\]]? /g)) at = (m.index ?? 0) + m[0].length;
  if (at < 0) at = window.lastIndexOf(' ') + 1;
  return at > 0 ? from + Math.floor(max / 2) + at : from + max;
}

/** The part `[from, to)` of a block's text, its segments clipped to it and counted from its start. */
function sliceBlock(block: ArticleBlock, from: number, to: number): ArticleBlock {
  const segments: ArticleBlock['segments'] = [];
  for (const seg of block.segments) {
    const lo = Math.max(from, seg.blockStart);
    const hi = Math.min(to, seg.blockStart + seg.length);
    if (lo >= hi) continue;
    if (seg.length !== seg.nodeLength) {
      // A run of whitespace read as one space: whole or not at all.
      segments.push({ ...seg, blockStart: lo - from });
      continue;
    }
    const skip = lo - seg.blockStart;
    segments.push({
      node: seg.node,
      blockStart: lo - from,
      length: hi - lo,
      nodeStart: seg.nodeStart + skip,
      nodeLength: hi - lo,
    });
  }
  return { ...block, text: block.text.slice(from, to), segments };
}
