// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Annotator } from '../../lib/annotate/annotator';
import { MemoryHighlights } from '../../lib/annotate/highlights';
import { POLL_LIMIT_MS, RevealWatch, WATCH_LIMIT_MS } from '../../lib/annotate/reveal';
import { stubDetect } from './helpers/detect';

/** Stand-in detector: a few capitalised place names. */
const fakeDetect = stubDetect();

const sentence = 'Trains from Lisbon to Madrid will run every hour from the spring, the operator said on Monday.';
const ARTICLE = `<article><h1>Rail link from Lisbon</h1>${Array.from({ length: 8 }, (_, i) => `<p id="p${i}">${sentence}</p>`).join('')}</article>`;

/** Layout's answer stood in by classes: `.wait` on <html> or <body> hides all, `.shut` hides its subtree. */
let stylesheetHides = false;
const isVisible = (el: Element) =>
  !stylesheetHides &&
  !document.documentElement.classList.contains('wait') &&
  !document.body.classList.contains('wait') &&
  !el.closest('.shut, [hidden]');

const kinds = { entities: true, claims: true, source: true };
let highlights = new MemoryHighlights();
/** Marks (live ranges in any mark highlight) whose text sits inside an element matching `selector`. */
const marksIn = (selector: string) => {
  let n = 0;
  for (const [name, set] of highlights.registered) {
    if (name === 'sidenote-open' || name === 'sidenote-focus') continue;
    for (const r of set) if (!r.collapsed && r.startContainer.parentElement?.closest(selector)) n += 1;
  }
  return n;
};
const marks = () => marksIn('body');

describe('an article the page shows late', () => {
  beforeEach(() => {
    stylesheetHides = false;
    document.documentElement.className = '';
    document.head.innerHTML = '<meta property="og:type" content="article">';
    document.body.className = '';
    document.body.innerHTML = ARTICLE;
    highlights = new MemoryHighlights();
  });

  test('a body hidden by a class is marked once the class goes', async () => {
    document.body.className = 'wait';
    const annotator = new Annotator(document, { detect: fakeDetect, kinds, isVisible, highlights });
    await annotator.start();
    expect(marks()).toBe(0);
    document.body.classList.remove('wait');
    // Every paragraph's two places, once each: no text marked twice.
    await vi.waitFor(() => expect(marksIn('p')).toBe(16), { timeout: 2000 });
    await new Promise((done) => setTimeout(done, 400));
    expect(marksIn('p')).toBe(16);
    annotator.stop();
    expect(marks()).toBe(0);
  });

  test('a "read more" part that loses its hidden attribute is marked', async () => {
    document
      .querySelector('article')!
      .insertAdjacentHTML(
        'beforeend',
        `<div hidden>${'<p>Porto is not on the line yet, the ministry said in a statement.</p>'.repeat(12)}</div>`,
      );
    const annotator = new Annotator(document, { detect: fakeDetect, kinds, isVisible, highlights });
    await annotator.start();
    expect(marksIn('div')).toBe(0);
    document.querySelector('div[hidden]')!.removeAttribute('hidden');
    await vi.waitFor(() => expect(marksIn('div')).toBe(12), { timeout: 2000 });
    annotator.stop();
  });
});

describe('the reveal watch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    stylesheetHides = false;
    document.documentElement.className = '';
    document.body.className = '';
    document.body.innerHTML = ARTICLE;
    baseline = vi.getTimerCount();
  });
  afterEach(() => vi.useRealTimers());
  /** Timers the watch has pending (the DOM stand-in may keep some of its own). */
  let baseline = 0;
  const timers = () => vi.getTimerCount() - baseline;

  const paragraphs = () => Array.from(document.querySelectorAll('p'));

  test('watches nothing on a page that shows its article', () => {
    const watch = new RevealWatch(document, { isVisible, onReveal: () => {} });
    watch.settle([document.querySelector('article')!], 800);
    expect(watch.watching).toBe(false);
    expect(timers()).toBe(0);
  });

  test('watches nothing for a little hidden text (a menu, a tooltip)', () => {
    document.querySelector('article')!.insertAdjacentHTML('beforeend', '<ul class="shut"><li>Share</li></ul>');
    baseline = vi.getTimerCount();
    const watch = new RevealWatch(document, { isVisible, onReveal: () => {} });
    watch.settle([document.querySelector('article')!], 800);
    expect(watch.watching).toBe(false);
  });

  test('a reveal no attribute shows (a stylesheet taken out) is found by the re-checks, which then end', () => {
    stylesheetHides = true;
    const revealed: Element[] = [];
    const watch = new RevealWatch(document, { isVisible, onReveal: (els) => revealed.push(...els) });
    for (const p of paragraphs()) watch.note(p);
    watch.settle([document.querySelector('article')!], 0);
    expect(watch.watching).toBe(true);
    vi.advanceTimersByTime(3000);
    expect(revealed).toEqual([]);
    stylesheetHides = false;
    vi.advanceTimersByTime(5000);
    expect(revealed).toEqual(paragraphs());
    // Everything shown: nothing left to watch, no timer left.
    expect(watch.watching).toBe(false);
    expect(timers()).toBe(0);
  });

  test('re-checks stop after their limit, observers after theirs', () => {
    stylesheetHides = true;
    const watch = new RevealWatch(document, { isVisible, onReveal: () => {} });
    for (const p of paragraphs()) watch.note(p);
    watch.settle([document.querySelector('article')!], 0);
    vi.advanceTimersByTime(POLL_LIMIT_MS + 20_000);
    // Only the observers' own end is still due.
    expect(timers()).toBe(1);
    expect(watch.watching).toBe(true);
    vi.advanceTimersByTime(WATCH_LIMIT_MS);
    expect(watch.watching).toBe(false);
    expect(timers()).toBe(0);
  });

  test('a mostly shown article with a hidden part is watched by observers only, no re-checks', () => {
    document
      .querySelector('article')!
      .insertAdjacentHTML('beforeend', `<div class="shut">${`<p>${sentence}</p>`.repeat(6)}</div>`);
    const watch = new RevealWatch(document, { isVisible, onReveal: () => {} });
    watch.note(document.querySelector('.shut')!);
    watch.settle([document.querySelector('article')!], 8 * sentence.length);
    expect(watch.watching).toBe(true);
    // The one timer is the observers' time limit.
    expect(timers()).toBe(1);
  });

  test('the signal ends the watch', () => {
    stylesheetHides = true;
    const controller = new AbortController();
    const revealed: Element[] = [];
    const watch = new RevealWatch(document, {
      isVisible,
      onReveal: (els) => revealed.push(...els),
      signal: controller.signal,
    });
    for (const p of paragraphs()) watch.note(p);
    watch.settle([document.querySelector('article')!], 0);
    expect(watch.watching).toBe(true);
    controller.abort();
    expect(watch.watching).toBe(false);
    stylesheetHides = false;
    document.body.className = 'changed';
    vi.advanceTimersByTime(POLL_LIMIT_MS);
    expect(revealed).toEqual([]);
  });
});
