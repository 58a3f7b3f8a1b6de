// @vitest-environment happy-dom
/** The highlight painter: names people can rely on, one highlight per range, and a clean exit. */
import { describe, expect, test } from 'vitest';
import {
  HIGHLIGHT_NAMES,
  HighlightPainter,
  type HighlightPort,
  type HighlightSet,
  highlightName,
  MemoryHighlights,
} from '../../lib/annotate/highlights';
import { highlightStylesheet } from '../../lib/annotate/styles';

const rangeOver = (text: string) => {
  document.body.innerHTML = `<p>${text}</p>`;
  const range = document.createRange();
  range.selectNodeContents(document.body.firstChild!);
  return range;
};

describe('highlights', () => {
  test('names: sidenote-<kind> with a line, sidenote-<kind>-quiet without; open and focus apart', () => {
    expect(highlightName('entity', false)).toBe('sidenote-entity');
    expect(highlightName('disputed', true)).toBe('sidenote-disputed-quiet');
    expect(HIGHLIGHT_NAMES).toEqual([
      'sidenote-entity',
      'sidenote-entity-quiet',
      'sidenote-claim',
      'sidenote-claim-quiet',
      'sidenote-disputed',
      'sidenote-disputed-quiet',
      'sidenote-source',
      'sidenote-source-quiet',
      'sidenote-open',
      'sidenote-focus',
    ]);
  });

  test('a range lives in one highlight at a time; names paint over claims; clear() takes every name out', () => {
    const port = new MemoryHighlights();
    const painter = new HighlightPainter(port);
    const range = rangeOver('Lisbon');
    painter.paint(range, 'sidenote-entity-quiet');
    painter.paint(range, 'sidenote-entity');
    expect(port.texts('sidenote-entity')).toEqual(['Lisbon']);
    expect(port.texts('sidenote-entity-quiet')).toEqual([]);
    const claim = rangeOver('rose 12 per cent');
    painter.paint(claim, 'sidenote-claim');
    const priority = (name: string) => (port.registered.get(name) as unknown as HighlightSet).priority;
    expect(priority('sidenote-entity')).toBeGreaterThan(priority('sidenote-claim'));
    painter.paint(range, null);
    expect(port.texts('sidenote-entity')).toEqual([]);
    painter.clear();
    expect(port.registered.size).toBe(0);
  });

  test('only what a content script may do in Firefox: create, set, add, delete, clear; never iterate', () => {
    const calls: string[] = [];
    const port: HighlightPort = {
      create: () => {
        const set: HighlightSet & { [Symbol.iterator]?: never } = {
          priority: 0,
          add: () => calls.push('add'),
          delete: () => {
            calls.push('delete');
            return true;
          },
          clear: () => calls.push('clear'),
        };
        return set;
      },
      set: (name) => calls.push(`set ${name}`),
      delete: (name) => calls.push(`delete ${name}`),
    };
    const painter = new HighlightPainter(port);
    const range = rangeOver('Porto');
    painter.paint(range, 'sidenote-source');
    painter.paint(range, 'sidenote-source-quiet');
    painter.only('sidenote-open', [range]);
    painter.clear();
    expect(calls).toEqual([
      'set sidenote-source',
      'add',
      'delete',
      'set sidenote-source-quiet',
      'add',
      'set sidenote-open',
      'clear',
      'add',
      'delete sidenote-source',
      'delete sidenote-source-quiet',
      'delete sidenote-open',
    ]);
  });

  test('the stylesheet draws each kind its own line, nothing for quiet marks, and a dark theme under the host', () => {
    const light = highlightStylesheet('light');
    expect(light).toContain('::highlight(sidenote-entity) { text-decoration: underline dotted');
    expect(light).toContain('::highlight(sidenote-source) { text-decoration: underline dashed');
    expect(light).toContain('::highlight(sidenote-claim) { text-decoration: underline solid');
    expect(light).toMatch(/::highlight\(sidenote-disputed\) \{ text-decoration: underline dashed #c62828/);
    expect(light).not.toContain('quiet');
    const both = highlightStylesheet('both');
    expect(both).toContain(':root:has(> sidenote-root[data-sidenote-theme="dark"]) ::highlight(sidenote-entity)');
    // Only paint: no property that could move the page's text.
    expect(both).not.toMatch(/padding|margin|border|font-size|letter-spacing/);
  });
});
