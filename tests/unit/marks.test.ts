import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { MARK_ATTR, MarkTracker, removeLeftoverMarks } from '../../lib/annotate/marks';
import type { PageMention } from '../../lib/annotate/mentions';
import { articleBlocks } from '../../lib/sites/article';

function setup(html: string) {
  const { document } = parseHTML(`<!doctype html><html><body><p id="p">${html}</p></body></html>`);
  const p = document.getElementById('p') as unknown as Element;
  const block = Array.from(articleBlocks(p))[0]!;
  return { p, block };
}

const mention = (id: string, kind: PageMention['kind'], type: string, text: string, phrase: string, from = 0) => {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`${phrase} not in text`);
  return { id, kind, type, block: 0, start, end: start + phrase.length, text: phrase, label: phrase } as PageMention;
};

function textNodes(el: Element): number {
  let count = 0;
  const walk = (n: Node) => {
    if (n.nodeType === 3) count += 1;
    for (const c of Array.from(n.childNodes)) walk(c);
  };
  walk(el);
  return count;
}

/** The text of every mark of a mention (its own and those it contains), joined. */
const markedText = (root: Element, id: string) =>
  Array.from(root.querySelectorAll('sidenote-mark'))
    .filter((m) => m.getAttribute(MARK_ATTR.id) === id || m.getAttribute(MARK_ATTR.within)?.split(' ').includes(id))
    .map((m) => m.textContent)
    .join('');

describe('marks', () => {
  test('a claim around entities is split around them, and both stay whole and reachable', () => {
    const { p, block } = setup('Putin said the government, headed by Assad, controls 90 per cent of the territory.');
    const t = block.text;
    const claim = mention('c1', 'claim', 'statistic', t, 'the government, headed by Assad, controls 90 per cent');
    const putin = mention('e1', 'entity', 'person', t, 'Putin');
    const assad = mention('e2', 'entity', 'person', t, 'Assad');
    const marks = new MarkTracker().markBlock(block, [claim, putin, assad]);
    expect(markedText(p, 'c1')).toBe('the government, headed by Assad, controls 90 per cent');
    expect(markedText(p, 'e2')).toBe('Assad');
    expect(markedText(p, 'e1')).toBe('Putin');
    const assadMark = p.querySelector('sidenote-mark[data-sidenote-id="e2"]')!;
    expect(assadMark.getAttribute(MARK_ATTR.within)).toBe('c1');
    expect(assadMark.getAttribute(MARK_ATTR.claim)).toBe('statistic');
    // No mark inside another: each stretch of text has one owner.
    expect(p.querySelector('sidenote-mark sidenote-mark')).toBeNull();
    expect(marks.first.get('c1')?.textContent).toBe('the government, headed by ');
    expect(p.textContent).toBe(t);
  });

  test('taking marks out restores the DOM exactly: same markup, same text nodes, same node objects', () => {
    const html = 'Prime Minister <b>Jacinda Ardern</b> met\n  officials in <a href="/w">Wellington</a> on Monday.';
    const { p, block } = setup(html);
    const firstNode = p.firstChild;
    const before = { html: p.innerHTML, nodes: textNodes(p) };
    const t = block.text;
    const tracker = new MarkTracker();
    const marks = tracker.markBlock(block, [
      mention('c1', 'claim', 'event', t, 'Jacinda Ardern met officials in Wellington'),
      mention('e1', 'entity', 'person', t, 'Prime Minister Jacinda'),
      mention('e2', 'entity', 'place', t, 'Wellington'),
    ]);
    expect(p.innerHTML).not.toBe(before.html);
    expect(markedText(p, 'c1')).toBe('Jacinda Ardern met\n  officials in Wellington');
    tracker.unmark(marks);
    expect(p.innerHTML).toBe(before.html);
    expect(textNodes(p)).toBe(before.nodes);
    expect(p.firstChild).toBe(firstNode);
  });

  test('a mention that crosses an inline element becomes one fragment per text node', () => {
    const { p, block } = setup('The <i>European</i> Union said so.');
    const m = mention('e1', 'entity', 'organization', block.text, 'European Union');
    const marks = new MarkTracker().markBlock(block, [m]);
    expect(marks.marks.map((x) => x.textContent)).toEqual(['European', ' Union']);
    expect(p.querySelector('i sidenote-mark')?.textContent).toBe('European');
    expect(marks.first.get('e1')?.textContent).toBe('European');
  });

  test('marks a stopped script left behind are taken out, and the text they split is joined again', () => {
    const { p, block } = setup('In <b>Daraa</b>, Putin met Assad, officials said.');
    const before = { html: p.innerHTML, nodes: textNodes(p) };
    const t = block.text;
    new MarkTracker().markBlock(block, [
      mention('e1', 'entity', 'place', t, 'Daraa'),
      mention('e2', 'entity', 'person', t, 'Putin'),
      mention('e3', 'entity', 'person', t, 'Assad'),
    ]);
    expect(p.querySelectorAll('sidenote-mark')).toHaveLength(3);
    // No tracker: the script that made them is gone.
    expect(removeLeftoverMarks(p)).toBe(3);
    expect(p.innerHTML).toBe(before.html);
    expect(textNodes(p)).toBe(before.nodes);
  });
});
