import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { readingBlocks } from '../../lib/annotate/long-blocks';
import { nodeRanges } from '../../lib/sites/article';

describe('readingBlocks', () => {
  test('a wall of text in one node is cut at sentence ends into blocks that map back onto the node', () => {
    const sentence = 'Officials in  Berlin said the count would finish soon. ';
    const { document } = parseHTML(`<html><body><article><p>${sentence.repeat(400)}</p></article></body></html>`);
    const p = document.querySelector('p') as unknown as Element;
    const blocks = [...readingBlocks(p, { maxBlockChars: 1000 })];
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) {
      expect(block.element).toBe(p);
      expect(block.text.length).toBeLessThanOrEqual(1500);
      expect(block.text.startsWith('Officials')).toBe(true);
      // Each piece's text maps back onto the page's node exactly (whitespace runs read as one space).
      const at = block.text.indexOf('Berlin');
      const [piece] = nodeRanges(block, at, at + 'Berlin'.length);
      expect(piece!.node.data.slice(piece!.start, piece!.end)).toBe('Berlin');
      const last = block.text.lastIndexOf('soon');
      const [end] = nodeRanges(block, last, last + 4);
      expect(end!.node.data.slice(end!.start, end!.end)).toBe('soon');
    }
    // Nothing lost: the pieces hold the whole text.
    expect(blocks.map((b) => b.text).join(' ')).toBe(sentence.replace('  ', ' ').repeat(400).trim());
  });

  test('blocks of ordinary length pass as they are', () => {
    const { document } = parseHTML('<html><body><article><p>Short text in Paris.</p></article></body></html>');
    const p = document.querySelector('p') as unknown as Element;
    expect([...readingBlocks(p, { maxBlockChars: 1000 })].map((b) => b.text)).toEqual(['Short text in Paris.']);
  });
});
