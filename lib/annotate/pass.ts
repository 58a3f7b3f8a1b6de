import type { ArticleBlock } from '../sites/blocks';
import { Slice } from './queue';

/**
 * Length of the first slice of text sent to detection: small, so the marks nearest the viewport
 * come back soon. Each further slice is twice as long, up to MAX_CHUNK_CHARS: fewer messages for
 * long pages, and detection runs off the page's main thread, so a longer slice costs the page
 * only its marking, which is sliced by frames on its own.
 */
export const FIRST_CHUNK_CHARS = 2500;
export const MAX_CHUNK_CHARS = 16_000;

/** Blocks read for one pass, with how far each was from the viewport when read. */
export interface ReadBlocks {
  blocks: ArticleBlock[];
  distance: number[];
  /** Reading stopped at the page's budget of characters. */
  capped: boolean;
}

export interface ReadOptions {
  /** Whether a block's element was read in an earlier pass (a rescan never reads it twice). */
  known: (element: Element) => boolean;
  /** Characters this pass may still read (the page's budget); Infinity for no limit. */
  room: number;
  /** Called for each block taken (to count its text slice by slice). */
  onBlock?: (block: ArticleBlock) => void;
  stopped: () => boolean;
}

/**
 * Reads a pass's blocks in slices of the main thread, before any mark is placed, noting how far
 * each is from the viewport (reading where blocks are forces no layout that marking dirtied).
 */
export async function readBlocks(
  doc: Document,
  blocks: Iterable<ArticleBlock>,
  options: ReadOptions,
): Promise<ReadBlocks> {
  const slice = new Slice();
  const out: ReadBlocks = { blocks: [], distance: [], capped: false };
  const height = doc.defaultView?.innerHeight ?? 0;
  const measure = typeof doc.body?.getBoundingClientRect === 'function';
  // Elements first met in this pass: an element with text on both sides of a nested block
  // yields several blocks, and all of them belong to this pass.
  const seen = new Set<Element>();
  let room = options.room;
  for (const block of blocks) {
    if (options.stopped()) break;
    if (options.known(block.element) && !seen.has(block.element)) {
      await slice.maybeYield();
      continue;
    }
    if (block.text.length > room) {
      out.capped = true;
      break;
    }
    room -= block.text.length;
    seen.add(block.element);
    out.blocks.push(block);
    options.onBlock?.(block);
    if (measure) {
      const r = block.element.getBoundingClientRect();
      out.distance.push(r.bottom < 0 ? -r.bottom : r.top > height ? r.top - height : 0);
    } else out.distance.push(0);
    await slice.maybeYield();
  }
  return out;
}

/**
 * Cuts a pass into detection slices: from the block nearest the viewport down to the page's end,
 * then back at the top; each slice twice the previous one's length, and never wrapping from the
 * end back to the top (text stays in reading order within a slice).
 */
export function planChunks(blocks: readonly ArticleBlock[], distance: readonly number[]): number[][] {
  if (!blocks.length) return [];
  let first = 0;
  for (let i = 1; i < blocks.length; i++) if (distance[i]! < distance[first]!) first = i;
  const keys = [...blocks.keys()];
  const order = keys.slice(first).concat(keys.slice(0, first));
  const chunks: number[][] = [];
  let chunkChars = FIRST_CHUNK_CHARS;
  for (let at = 0; at < order.length; ) {
    const chunk: number[] = [];
    let chars = 0;
    while (at < order.length && (chars < chunkChars || !chunk.length)) {
      if (chunk.length && order[at]! < chunk[chunk.length - 1]!) break;
      chunk.push(order[at]!);
      chars += blocks[order[at]!]!.text.length;
      at += 1;
    }
    chunks.push(chunk);
    chunkChars = Math.min(MAX_CHUNK_CHARS, chunkChars * 2);
  }
  return chunks;
}

/** The blocks of a slice nearest the viewport first (by where they were before any mark), then in order. */
export function nearestFirst(distance: readonly number[]): number[] {
  return distance.map((_, i) => i).sort((a, b) => distance[a]! - distance[b]! || a - b);
}
