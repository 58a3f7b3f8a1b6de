// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { Annotator, type AnnotatorOptions, type DetectFn } from '../../lib/annotate/annotator';
import { MemoryHighlights } from '../../lib/annotate/highlights';
import { MentionRegistry } from '../../lib/annotate/mentions';
import type { Detection } from '../../lib/detect/types';
import { PLACES, perCentClaim, stubDetect } from './helpers/detect';

/** A stand-in detector for the marking tests: capitalised words from a fixed list are places. */
const fakeDetect = stubDetect({
  names: [...PLACES, 'Seville'],
  claims: (text) => {
    const m = /rose \d+ per cent/.exec(text);
    return m ? [perCentClaim(m, 'c0', 0.9, { start: 0, end: text.length })] : [];
  },
});

const PAGE = `<header class="site-header">Lisbon news</header>
<article>
  <h1>Rail link from Lisbon to Madrid</h1>
  <p id="a">Trains from <b>Lisbon</b> to Madrid will run hourly, and fares rose 12 per cent.</p>
  <p id="b">Porto is not on the line.</p>
  <textarea>Lisbon</textarea>
</article>
<footer>Madrid office</footer>`;

const kinds = { entities: true, claims: true, source: true };
const textNodes = () => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n = 0;
  while (walker.nextNode()) n += 1;
  return n;
};

/** The texts marked (in any of Sidenote's highlights) inside `within`, in document order. */
function marked(highlights: MemoryHighlights, within: Element | null = document.body): string[] {
  const ranges: Range[] = [];
  for (const [name, set] of highlights.registered) {
    if (name === 'sidenote-open' || name === 'sidenote-focus') continue;
    for (const r of set) if (!r.collapsed && within?.contains(r.startContainer)) ranges.push(r);
  }
  return ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b)).map((r) => r.toString());
}

/** Lets the page's mutation records arrive, then waits until the annotator has read them. */
async function changed(annotator: Annotator): Promise<void> {
  await new Promise((done) => setTimeout(done, 0));
  await annotator.settled();
}

function start(options: Partial<AnnotatorOptions> = {}) {
  const highlights = new MemoryHighlights();
  const annotator = new Annotator(document, { detect: fakeDetect, kinds: { ...kinds }, highlights, ...options });
  return { annotator, highlights };
}

describe('the annotator on a live document', () => {
  beforeEach(() => {
    document.head.innerHTML = '<meta property="og:type" content="article">';
    document.body.innerHTML = PAGE;
  });

  test("marks the article only, as ranges: the page's DOM is never touched, and stop() empties the highlights", async () => {
    const before = { html: document.body.innerHTML, nodes: textNodes() };
    const { annotator, highlights } = start();
    await annotator.start();
    expect(marked(highlights)).toEqual(expect.arrayContaining(['Lisbon', 'Madrid', 'Porto', 'rose 12 per cent']));
    for (const outside of ['header', 'footer', 'textarea'])
      expect(marked(highlights, document.querySelector(outside))).toEqual([]);
    expect(marked(highlights, document.querySelector('#a b'))).toEqual(['Lisbon']);
    // While marked, the page is byte for byte its own.
    expect(document.body.innerHTML).toBe(before.html);
    expect(textNodes()).toBe(before.nodes);
    // Every Lisbon mention belongs to one page entity.
    const lisbon = annotator.visibleMentions().filter((m) => m.text === 'Lisbon');
    expect(new Set(lisbon.map((m) => m.entity?.pageEntityId)).size).toBe(1);
    expect(annotator.counts()).toMatchObject({ entities: 3, claims: 1 });
    annotator.stop();
    expect(highlights.registered.size).toBe(0);
    expect(document.body.innerHTML).toBe(before.html);
  });

  test('a phrase split across elements is one range; a claim holding a name is one range beside it', async () => {
    document.body.innerHTML =
      '<article><h1>Rail</h1><p id="s">Fares from <i>Lis</i>bon rose 12 per cent this year, and more from Porto.</p></article>';
    const detect: DetectFn = (text) => {
      const out = fakeDetect(text, {}) as Detection;
      const at = text.indexOf('Lisbon rose');
      if (at >= 0)
        out.claims = [
          { ...out.claims[0]!, start: at, end: at + 'Lisbon rose 12 per cent'.length, text: 'Lisbon rose 12 per cent' },
        ];
      return out;
    };
    const { annotator, highlights } = start({ detect });
    await annotator.start();
    expect(highlights.texts('sidenote-entity')).toContain('Lisbon');
    expect([...highlights.texts('sidenote-claim'), ...highlights.texts('sidenote-claim-quiet')]).toEqual([
      'Lisbon rose 12 per cent',
    ]);
    annotator.stop();
  });

  test('no mark covers inline code inside a phrase: the phrase is marked around it', async () => {
    document.body.innerHTML =
      '<article><h1>Votes</h1><p id="c">Readers in Lisbon search the records with <code>grep Porto votes.csv</code> or the script below.</p></article>';
    const detect: DetectFn = (text) => ({
      entities: [],
      claims: [
        {
          ...(fakeDetect('rose 1 per cent', {}) as Detection).claims[0]!,
          start: text.indexOf('Readers'),
          end: text.indexOf('below') + 5,
          text: 'x',
        },
      ],
      attributions: [],
    });
    const { annotator, highlights } = start({ detect });
    await annotator.start();
    const ranges = [
      ...(highlights.registered.get('sidenote-claim') ?? []),
      ...(highlights.registered.get('sidenote-claim-quiet') ?? []),
    ];
    expect(ranges.map((r) => r.toString())).toEqual([
      'Readers in Lisbon search the records with ',
      'or the script below',
    ]);
    const code = document.querySelector('code')!;
    expect(ranges.some((r) => r.intersectsNode(code))).toBe(false);
    annotator.stop();
  });

  test('hidden kinds leave the highlights and the keyboard order; quiet marks show their line while hovered, open or focused', async () => {
    const { annotator, highlights } = start({ lines: { claims: 'key', names: 'first' } });
    await annotator.start();
    const claim = annotator.visibleMentions().find((m) => m.kind === 'claim')!;
    const later = annotator.visibleMentions().filter((m) => m.text === 'Madrid')[1]!;
    expect(annotator.highlightOf(later.id)).toBe('sidenote-entity-quiet');
    annotator.setState({ hover: later.id });
    expect(annotator.highlightOf(later.id)).toBe('sidenote-entity');
    annotator.setState({ hover: null, open: later.id });
    expect(highlights.texts('sidenote-open')).toEqual(['Madrid']);
    annotator.setState({ open: null, focus: later.id });
    expect(highlights.texts('sidenote-focus')).toEqual(['Madrid']);
    expect(annotator.highlightOf(later.id)).toBe('sidenote-entity');
    annotator.setState({ focus: null });
    expect(annotator.highlightOf(later.id)).toBe('sidenote-entity-quiet');
    expect(highlights.texts('sidenote-focus')).toEqual([]);
    annotator.setKinds({ ...kinds, claims: false });
    expect(annotator.highlightOf(claim.id)).toBeUndefined();
    expect(annotator.visibleMentions().some((m) => m.kind === 'claim')).toBe(false);
    expect(marked(highlights)).not.toContain('rose 12 per cent');
    annotator.setKinds({ ...kinds });
    expect(marked(highlights)).toContain('rose 12 per cent');
    annotator.stop();
  });

  test('added paragraphs are marked, rewritten ones marked again, untouched ones left alone; nothing is written back', async () => {
    const { annotator, highlights } = start();
    await annotator.start();
    const untouched = document.getElementById('a')!.innerHTML;
    const p = document.createElement('p');
    p.textContent = 'Seville joins the network next year.';
    document.querySelector('article')!.append(p);
    document.getElementById('b')!.textContent = 'Madrid and Porto are now linked.';
    await changed(annotator);
    expect(marked(highlights, p)).toEqual(['Seville']);
    expect(marked(highlights, document.getElementById('b'))).toEqual(['Madrid', 'Porto']);
    expect(document.getElementById('b')!.textContent).toBe('Madrid and Porto are now linked.');
    expect(document.getElementById('b')!.innerHTML).toBe('Madrid and Porto are now linked.');
    expect(document.getElementById('a')!.innerHTML).toBe(untouched);
    // The earlier "Porto is not on the line." left: one Porto mark in #b.
    expect(annotator.visibleMentions().filter((m) => m.text === 'Porto')).toHaveLength(1);
    annotator.stop();
    expect(marked(highlights)).toEqual([]);
  });

  test('text rewritten in place (a framework updating a text node) is read again; its stale marks leave', async () => {
    const { annotator, highlights } = start();
    await annotator.start();
    const text = document.getElementById('b')!.firstChild as Text;
    text.data = 'Seville is not on the line.';
    await changed(annotator);
    expect(marked(highlights, document.getElementById('b'))).toEqual(['Seville']);
    expect(annotator.visibleMentions().some((m) => m.text === 'Porto')).toBe(false);
    annotator.stop();
  });

  test('a node the page keeps rewriting is backed off, while the rest of its paragraph is read at once', async () => {
    document.body.innerHTML =
      '<article><h1>Live</h1><p id="live">As of <span id="t">10:00</span> GMT, <span id="s">Porto is calm.</span></p></article>';
    let runs = 0;
    const { annotator, highlights } = start({
      detect: (text, o) => {
        runs += 1;
        return fakeDetect(text, o);
      },
    });
    await annotator.start();
    const clock = document.getElementById('t')!.firstChild as Text;
    for (let i = 1; i <= 8; i++) {
      clock.data = `10:0${i}`;
      await changed(annotator);
    }
    const afterTicks = runs;
    // The clock was read again its first few times, then left for its backoff.
    expect(afterTicks).toBeLessThanOrEqual(1 + 4);
    (document.getElementById('s')!.firstChild as Text).data = 'Seville is calm.';
    await changed(annotator);
    expect(runs).toBe(afterTicks + 1);
    expect(marked(highlights, document.getElementById('live'))).toEqual(['Seville']);
    annotator.stop();
  });

  test('an article swapped for another (single-page navigation) is found and marked', async () => {
    const { annotator, highlights } = start();
    await annotator.start();
    const next = document.createElement('article');
    next.innerHTML = '<h1>Ferries</h1><p id="c">Ferries from Seville now stop in Porto twice a day.</p>';
    document.querySelector('article')!.replaceWith(next);
    await changed(annotator);
    expect(marked(highlights, document.getElementById('c'))).toEqual(['Seville', 'Porto']);
    annotator.stop();
    expect(highlights.registered.size).toBe(0);
  });

  test('a paragraph the page removes takes its mentions out of the counts and its marks out of the highlights', async () => {
    let removals = 0;
    const { annotator, highlights } = start({
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
    await changed(annotator);
    // Its Lisbon, Madrid and claim went with it; the heading's Lisbon and Madrid and #b's Porto stay.
    expect(annotator.counts()).toMatchObject({ entities: 3, claims: 0, mentions: before.mentions - 3 });
    expect(annotator.visibleMentions().map((m) => m.text)).toEqual(['Lisbon', 'Madrid', 'Porto']);
    expect(removals).toBeGreaterThan(0);
    expect(marked(highlights).filter((t) => t === 'rose 12 per cent')).toEqual([]);
    // The page's markup was never changed; put back, it is marked afresh, once.
    expect(gone.innerHTML).toBe(html);
    document.querySelector('article')!.prepend(gone);
    await changed(annotator);
    expect(marked(highlights, gone)).toEqual(['Lisbon', 'Madrid', 'rose 12 per cent']);
    expect(annotator.counts()).toEqual(before);
    annotator.stop();
  });

  test('the next story appended below the article is marked; a teaser in an aside is not', async () => {
    const { annotator, highlights } = start();
    await annotator.start();
    const story = 'Seville opens its new station to trains from Porto this spring, with more to come. ';
    const next = document.createElement('article');
    next.innerHTML = `<h2>Next story</h2><p id="n1">${story.repeat(3)}</p><p>${story.repeat(3)}</p>`;
    const aside = document.createElement('aside');
    aside.innerHTML = `<article><p id="t1">${story.repeat(8)}</p></article>`;
    document.body.append(next, aside);
    await changed(annotator);
    expect(marked(highlights, document.getElementById('n1'))).toContain('Seville');
    expect(marked(highlights, document.getElementById('t1'))).toEqual([]);
    // The first article stays marked, and stop() clears both.
    expect(marked(highlights, document.getElementById('a'))).not.toEqual([]);
    annotator.stop();
    expect(marked(highlights)).toEqual([]);
  });

  test('a wall of text (one long text node) is read in slices of sentences, without cutting the node', async () => {
    const sentence = (i: number) => `Ferry ${i} left Lisbon for Porto at dawn. `;
    const wall = Array.from({ length: 3000 }, (_, i) => sentence(i)).join('');
    document.body.innerHTML = `<article><h1>Ferries</h1><p id="wall">${wall}</p></article>`;
    const before = document.body.innerHTML;
    const runs: number[] = [];
    const { annotator, highlights } = start({
      detect: (text, options) => {
        runs.push(text.length);
        return fakeDetect(text, options);
      },
    });
    await annotator.start();
    const p = document.getElementById('wall')!;
    // Every Lisbon and Porto is marked, though no detection run read the whole paragraph.
    expect(marked(highlights, p)).toHaveLength(6000);
    expect(wall.length).toBeGreaterThan(120_000);
    expect(Math.max(...runs)).toBeLessThan(25_000);
    expect(p.childNodes).toHaveLength(1);
    expect(document.body.innerHTML).toBe(before);
    annotator.stop();
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
    const { annotator, highlights } = start({
      // Later slices answer first: the background may finish them in any order.
      detect: async (text, options) => {
        const wait = 60 - 20 * slices++;
        await new Promise((done) => setTimeout(done, Math.max(0, wait)));
        return fakeDetect(text, options);
      },
      onDetected: (mentions) => events.push(`detected ${new Set(mentions.map((m) => m.entity?.name)).size}`),
      onMarked: () => events.push('marked'),
    });
    await annotator.start();
    expect(slices).toBeGreaterThan(1);
    expect(events[0]).toBe(`detected ${PLACES.length}`);
    expect(events.filter((e) => e.startsWith('detected'))).toHaveLength(1);
    expect(events.slice(1).every((e) => e === 'marked')).toBe(true);
    expect(marked(highlights)).toHaveLength(60);
    annotator.stop();
  });

  test("the page's budgets: reading stops at its characters, marking at its marks, and both are reported", async () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>Ferry ${i} left Lisbon for Porto at dawn.</p>`);
    document.body.innerHTML = `<article><h1>Ferries</h1>${paragraphs.join('')}</article>`;
    const capped = start({ maxChars: 400 });
    await capped.annotator.start();
    expect(capped.annotator.limited).toEqual({ text: true, marks: false });
    expect(marked(capped.highlights).length).toBeLessThan(30);
    expect(marked(capped.highlights).length).toBeGreaterThan(4);
    capped.annotator.stop();
    const few = start({ maxMarks: 10 });
    await few.annotator.start();
    expect(few.annotator.limited).toEqual({ text: false, marks: true });
    expect(marked(few.highlights)).toHaveLength(10);
    few.annotator.stop();
  });

  test('a detector that throws costs only its chunk', async () => {
    const errors: unknown[] = [];
    const { annotator, highlights } = start({
      detect: () => {
        throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    await annotator.start();
    expect(errors.length).toBeGreaterThan(0);
    expect(marked(highlights)).toEqual([]);
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
