// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { Annotator, type DetectFn } from '../../lib/annotate/annotator';
import { MentionRegistry } from '../../lib/annotate/mentions';
import type { Detection, EntityMention } from '../../lib/detect/types';

/** A stand-in detector for the marking tests: capitalised words from a fixed list are places. */
const PLACES = ['Lisbon', 'Porto', 'Madrid', 'Seville'];
const fakeDetect: DetectFn = (text) => {
  const entities: EntityMention[] = [];
  for (const name of PLACES) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
      entities.push({ start: at, end: at + name.length, text: name, type: 'place', entityId: name, name });
  }
  const claims: Detection['claims'] = [];
  const m = /rose \d+ per cent/.exec(text);
  if (m)
    claims.push({
      id: 'c0',
      kind: 'statistic',
      score: 0.9,
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      sentence: { start: 0, end: text.length },
      figures: [],
      dates: [],
      entityIds: [],
      keyPhrase: m[0],
    });
  return { entities, claims, attributions: [] };
};

const PAGE = `<header class="site-header">Lisbon news</header>
<article>
  <h1>Rail link from Lisbon to Madrid</h1>
  <p id="a">Trains from <b>Lisbon</b> to Madrid will run hourly, and fares rose 12 per cent.</p>
  <p id="b">Porto is not on the line.</p>
  <textarea>Lisbon</textarea>
</article>
<footer>Madrid office</footer>`;

const kinds = { entities: true, claims: true, source: true };
const settle = (ms = 400) => new Promise((done) => setTimeout(done, ms));
const textNodes = () => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n = 0;
  while (walker.nextNode()) n += 1;
  return n;
};

describe('the annotator on a live document', () => {
  beforeEach(() => {
    document.head.innerHTML = '<meta property="og:type" content="article">';
    document.body.innerHTML = PAGE;
  });

  test('marks the article only, and stop() restores the DOM exactly', async () => {
    const before = { html: document.body.innerHTML, nodes: textNodes() };
    const annotator = new Annotator(document, { detect: fakeDetect, kinds: { ...kinds } });
    await annotator.start();
    const marked = Array.from(document.querySelectorAll('sidenote-mark')).map((m) => m.textContent);
    expect(marked).toEqual(expect.arrayContaining(['Lisbon', 'Madrid', 'Porto', 'rose 12 per cent']));
    expect(document.querySelector('header sidenote-mark, footer sidenote-mark, textarea sidenote-mark')).toBeNull();
    expect(document.querySelector('#a b sidenote-mark')?.textContent).toBe('Lisbon');
    // Every Lisbon mention belongs to one page entity.
    const lisbon = annotator.visibleMentions().filter((m) => m.text === 'Lisbon');
    expect(new Set(lisbon.map((m) => m.entity?.pageEntityId)).size).toBe(1);
    expect(annotator.counts()).toMatchObject({ entities: 3, claims: 1 });
    annotator.stop();
    expect(document.body.innerHTML).toBe(before.html);
    expect(textNodes()).toBe(before.nodes);
  });

  test('first fragments take keyboard focus; hidden kinds leave the keyboard order', async () => {
    const annotator = new Annotator(document, { detect: fakeDetect, kinds: { ...kinds } });
    await annotator.start();
    const claim = annotator.visibleMentions().find((m) => m.kind === 'claim')!;
    expect(annotator.firstMark(claim.id)?.getAttribute('tabindex')).toBe('0');
    expect(annotator.firstMark(claim.id)?.getAttribute('role')).toBe('button');
    annotator.setKinds({ ...kinds, claims: false });
    expect(annotator.firstMark(claim.id)?.hasAttribute('tabindex')).toBe(false);
    expect(annotator.visibleMentions().some((m) => m.kind === 'claim')).toBe(false);
    annotator.stop();
  });

  test('added paragraphs are marked, rewritten ones re-marked, untouched ones left alone', async () => {
    const annotator = new Annotator(document, { detect: fakeDetect, kinds: { ...kinds } });
    await annotator.start();
    const untouched = document.getElementById('a')!.innerHTML;
    const p = document.createElement('p');
    p.textContent = 'Seville joins the network next year.';
    document.querySelector('article')!.append(p);
    document.getElementById('b')!.textContent = 'Madrid and Porto are now linked.';
    await settle();
    await annotator.done;
    await settle(50);
    expect(p.querySelector('sidenote-mark')?.textContent).toBe('Seville');
    expect(Array.from(document.querySelectorAll('#b sidenote-mark')).map((m) => m.textContent)).toEqual([
      'Madrid',
      'Porto',
    ]);
    expect(document.getElementById('b')!.textContent).toBe('Madrid and Porto are now linked.');
    expect(document.getElementById('a')!.innerHTML).toBe(untouched);
    expect(document.querySelectorAll('sidenote-mark sidenote-mark')).toHaveLength(0);
    annotator.stop();
    expect(document.querySelectorAll('sidenote-mark')).toHaveLength(0);
  });

  test('an article swapped for another (single-page navigation) is found and marked', async () => {
    const annotator = new Annotator(document, { detect: fakeDetect, kinds: { ...kinds } });
    await annotator.start();
    const next = document.createElement('article');
    next.innerHTML = '<h1>Ferries</h1><p id="c">Ferries from Seville now stop in Porto twice a day.</p>';
    document.querySelector('article')!.replaceWith(next);
    await settle();
    await settle(100);
    expect(Array.from(document.querySelectorAll('#c sidenote-mark')).map((m) => m.textContent)).toEqual([
      'Seville',
      'Porto',
    ]);
    annotator.stop();
    expect(document.querySelectorAll('sidenote-mark')).toHaveLength(0);
  });

  test('a paragraph the page removes takes its mentions out of the counts, and its marks out of it', async () => {
    let removals = 0;
    const annotator = new Annotator(document, {
      detect: fakeDetect,
      kinds: { ...kinds },
      onRemoved: () => {
        removals += 1;
      },
    });
    await annotator.start();
    const before = annotator.counts();
    expect(before).toMatchObject({ entities: 3, claims: 1 });
    const gone = document.getElementById('a')!;
    const html = gone.innerHTML;
    gone.remove();
    await settle();
    await annotator.done;
    // Its Lisbon, Madrid and claim went with it; the heading's Lisbon and Madrid and #b's Porto stay.
    expect(annotator.counts()).toMatchObject({ entities: 3, claims: 0, mentions: before.mentions - 3 });
    expect(annotator.visibleMentions().map((m) => m.text)).toEqual(['Lisbon', 'Madrid', 'Porto']);
    expect(removals).toBeGreaterThan(0);
    // Put back later, it is the page's own markup again, and it is marked afresh, once.
    expect(gone.querySelector('sidenote-mark')).toBeNull();
    expect(gone.innerHTML).not.toBe(html);
    document.querySelector('article')!.prepend(gone);
    await settle();
    await annotator.done;
    await settle(50);
    expect(Array.from(gone.querySelectorAll('sidenote-mark')).map((m) => m.textContent)).toContain('Madrid');
    expect(document.querySelectorAll('sidenote-mark sidenote-mark')).toHaveLength(0);
    expect(annotator.counts()).toEqual(before);
    annotator.stop();
  });

  test('the next story appended below the article is marked; a teaser in an aside is not', async () => {
    const annotator = new Annotator(document, { detect: fakeDetect, kinds: { ...kinds } });
    await annotator.start();
    const story = 'Seville opens its new station to trains from Porto this spring, with more to come. ';
    const next = document.createElement('article');
    next.innerHTML = `<h2>Next story</h2><p id="n1">${story.repeat(3)}</p><p>${story.repeat(3)}</p>`;
    const aside = document.createElement('aside');
    aside.innerHTML = `<article><p id="t1">${story.repeat(8)}</p></article>`;
    document.body.append(next, aside);
    await settle();
    await annotator.done;
    await settle(50);
    expect(Array.from(document.querySelectorAll('#n1 sidenote-mark')).map((m) => m.textContent)).toContain('Seville');
    expect(document.querySelector('#t1 sidenote-mark')).toBeNull();
    // The first article stays marked, and stop() clears both.
    expect(document.querySelector('#a sidenote-mark')).not.toBeNull();
    annotator.stop();
    expect(document.querySelectorAll('sidenote-mark')).toHaveLength(0);
  });

  test('a wall of text (one long text node) is read in pieces and joined again by stop()', async () => {
    const sentence = (i: number) => `Ferry ${i} left Lisbon for Porto at dawn. `;
    const wall = Array.from({ length: 3000 }, (_, i) => sentence(i)).join('');
    document.body.innerHTML = `<article><h1>Ferries</h1><p id="wall">${wall}</p></article>`;
    const before = document.body.innerHTML;
    const runs: number[] = [];
    const annotator = new Annotator(document, {
      detect: (text, options) => {
        runs.push(text.length);
        return fakeDetect(text, options);
      },
      kinds: { ...kinds },
    });
    await annotator.start();
    const p = document.getElementById('wall')!;
    // Every Lisbon and Porto is marked, though no detection run read the whole paragraph.
    expect(p.querySelectorAll('sidenote-mark')).toHaveLength(6000);
    expect(wall.length).toBeGreaterThan(120_000);
    expect(Math.max(...runs)).toBeLessThan(25_000);
    expect(p.textContent).toBe(wall);
    annotator.stop();
    expect(document.body.innerHTML).toBe(before);
    expect(p.childNodes).toHaveLength(1);
    // 120,000 characters marked in a DOM emulator: behaviour, not speed, on a busy machine.
  }, 30_000);

  test('a pass with many slices answering out of order: its names are known once, before any mark', async () => {
    const paragraphs = Array.from(
      { length: 60 },
      (_, i) =>
        `<p>Ferry ${i} left ${PLACES[i % PLACES.length]} at dawn, and the crossing took ${i + 2} hours in a calm sea.</p>`,
    );
    document.body.innerHTML = `<article><h1>Ferries</h1>${paragraphs.join('')}</article>`;
    const events: string[] = [];
    let slices = 0;
    const annotator = new Annotator(document, {
      // Later slices answer first: the background may finish them in any order.
      detect: async (text, options) => {
        const wait = 60 - 20 * slices++;
        await new Promise((done) => setTimeout(done, Math.max(0, wait)));
        return fakeDetect(text, options);
      },
      kinds: { ...kinds },
      onDetected: (mentions) => events.push(`detected ${new Set(mentions.map((m) => m.entity?.name)).size}`),
      onMarked: () => events.push('marked'),
    });
    await annotator.start();
    expect(slices).toBeGreaterThan(1);
    expect(events[0]).toBe(`detected ${PLACES.length}`);
    expect(events.filter((e) => e.startsWith('detected'))).toHaveLength(1);
    expect(events.slice(1).every((e) => e === 'marked')).toBe(true);
    expect(document.querySelectorAll('sidenote-mark')).toHaveLength(60);
    annotator.stop();
  });

  test('a detector that throws costs only its chunk', async () => {
    const errors: unknown[] = [];
    const annotator = new Annotator(document, {
      detect: () => {
        throw new Error('boom');
      },
      kinds: { ...kinds },
      onError: (e) => errors.push(e),
    });
    await annotator.start();
    expect(errors.length).toBeGreaterThan(0);
    expect(document.querySelectorAll('sidenote-mark')).toHaveLength(0);
    annotator.stop();
  });
});

describe('mention ids across detection runs', () => {
  test('a bare surname in a later run joins the full name from an earlier one', () => {
    const registry = new MentionRegistry();
    const full = 'Ada Lovelace wrote the notes.';
    const first = registry.place(
      {
        entities: [{ start: 0, end: 12, text: 'Ada Lovelace', type: 'person', entityId: 'e1', name: 'Ada Lovelace' }],
        claims: [],
        attributions: [],
      },
      [0],
      [full.length],
    );
    const second = registry.place(
      {
        entities: [{ start: 0, end: 8, text: 'Lovelace', type: 'person', entityId: 'e1', name: 'Lovelace' }],
        claims: [],
        attributions: [],
      },
      [0],
      [20],
      5,
    );
    expect(second[0]!.entity!.pageEntityId).toBe(first[0]!.entity!.pageEntityId);
    expect(second[0]!.block).toBe(5);
    expect(registry.entities.get(first[0]!.entity!.pageEntityId)!.name).toBe('Ada Lovelace');
    expect(second[0]!.id).not.toBe(first[0]!.id);
  });
});
