// @vitest-environment happy-dom
/**
 * The annotator reads the seed in slices from wherever the reader is (happy-dom has no layout, so
 * each paragraph is given a place on a made-up page) and ends as it does from the top: it reads
 * the page's context once per pass, hands each slice its part and its offset, and settles the
 * pass's entities in reading order before anything is looked up. Without the context (as before
 * issue 21) a reader mid-article gets other names: the test shows it can tell.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { Annotator, type DetectFn } from '../../lib/annotate/annotator';
import type { PageMention } from '../../lib/annotate/mentions';
import { detect, readPage } from '../../lib/detect';
import type { DetectOptions } from '../../lib/detect/types';

const ROOT = path.resolve(import.meta.dirname, '../..');
const kinds = { entities: true, claims: true, source: true };
/** Made-up layout: each paragraph a 100 px band, the viewport 300 px tall. */
const BAND = 100;

function loadSeed(): HTMLElement[] {
  const html = readFileSync(path.join(ROOT, 'tests/fixtures/putin-assad-memo.html'), 'utf8');
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '');
  return Array.from(document.querySelectorAll<HTMLElement>('h1, figcaption, p'));
}

/** Puts the viewport's top at the element with `phrase` (every other element a band above or below). */
function scrollTo(elements: HTMLElement[], phrase: string): void {
  const at = elements.findIndex((el) => el.textContent?.includes(phrase));
  expect(at).toBeGreaterThan(0);
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(3 * BAND);
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const k = elements.findIndex((el) => el === this || el.contains(this));
    const top = ((k < 0 ? elements.length : k) - at) * BAND;
    return {
      top,
      bottom: top + BAND - 10,
      left: 0,
      right: 600,
      width: 600,
      height: BAND - 10,
      x: 0,
      y: top,
      toJSON() {},
    };
  });
}

interface Seen {
  calls: Array<{ length: number; options: DetectOptions }>;
  mentions: Array<Pick<PageMention, 'kind' | 'type' | 'text' | 'label'>>;
  entities: unknown[];
  looked: string[];
}

async function annotate(withContext: boolean): Promise<Seen> {
  const calls: Seen['calls'] = [];
  const looked: string[] = [];
  const recording: DetectFn = (text, options) => {
    calls.push({ length: text.length, options });
    return detect(text, options);
  };
  const annotator: Annotator = new Annotator(document, {
    detect: recording,
    ...(withContext ? { readPage } : {}),
    referenceDate: '2021-09-14',
    kinds: { ...kinds },
    onDetected: (mentions) => {
      const ids = new Set(mentions.filter((m) => m.entity).map((m) => m.entity!.pageEntityId));
      for (const id of ids) looked.push(annotator.registry.entities.get(id)!.name);
    },
  });
  await annotator.start();
  const seen: Seen = {
    calls,
    mentions: annotator.visibleMentions().map(({ kind, type, text, label }) => ({ kind, type, text, label })),
    entities: [...annotator.registry.entities.values()],
    looked: looked.sort(),
  };
  annotator.stop();
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
});

test('from the top, or from the middle of the seed: the same mentions, names and lookups', async () => {
  loadSeed();
  const fromTop = await annotate(true);
  expect(fromTop.calls.length).toBeGreaterThan(0);

  for (const phrase of ['met his Syrian counterpart', 'According to a Kremlin statement', 'READ: Russia tested']) {
    scrollTo(loadSeed(), phrase);
    const fromMiddle = await annotate(true);
    vi.restoreAllMocks();
    // Read in two slices, the viewport's first: each with the page's context and where it starts.
    expect(fromMiddle.calls.length, phrase).toBe(2);
    expect(fromMiddle.calls[0]!.options.offset, phrase).toBeGreaterThan(0);
    expect(fromMiddle.calls[1]!.options.offset, phrase).toBe(0);
    for (const call of fromMiddle.calls) expect(call.options.context?.names.length, phrase).toBeGreaterThan(20);
    expect(fromMiddle.mentions, phrase).toEqual(fromTop.mentions);
    expect(fromMiddle.entities, phrase).toEqual(fromTop.entities);
    expect(fromMiddle.looked, phrase).toEqual(fromTop.looked);
  }
  const assad = fromTop.mentions.filter((m) => m.text === 'Assad');
  expect(assad.every((m) => m.type === 'person' && m.label === 'Bashar Al-Assad')).toBe(true);
});

test('without the page context, a reader starting somewhere mid-article gets other names (what the context is for)', async () => {
  loadSeed();
  const fromTop = await annotate(false);
  const starts = loadSeed()
    .slice(1)
    .map((el) => (el.textContent ?? '').trim().slice(0, 24))
    .filter(Boolean);
  let differing = 0;
  for (const phrase of starts) {
    vi.restoreAllMocks();
    scrollTo(loadSeed(), phrase);
    const fromMiddle = await annotate(false);
    expect(fromMiddle.calls[0]!.options.context).toBeUndefined();
    if (JSON.stringify(fromMiddle.looked) !== JSON.stringify(fromTop.looked)) differing += 1;
  }
  // Slices read alone depend on where the reader was for at least one start: the context is needed.
  expect(differing).toBeGreaterThan(0);
});
