// @vitest-environment happy-dom
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { Annotator } from '../../lib/annotate/annotator';
import { MemoryHighlights } from '../../lib/annotate/highlights';
import { shouldLookAgain, THIN_ARTICLE_CHARS } from '../../lib/annotate/late-article';
import { stubDetect } from './helpers/detect';

/** Stand-in detector: a few capitalised place names. */
const fakeDetect = stubDetect();
const kinds = { entities: true, claims: true, source: true };
/** The texts marked (live ranges in any mark highlight) inside `within`. */
const marked = (highlights: MemoryHighlights, within: Element | null) => {
  const out: string[] = [];
  for (const set of highlights.registered.values())
    for (const r of set) if (!r.collapsed && within?.contains(r.startContainer)) out.push(r.toString());
  return out;
};
const sentence = 'Trains from Lisbon to Madrid will run every hour from the spring, the operator said on Monday.';

describe('an article the page renders after load', () => {
  beforeEach(() => {
    document.head.innerHTML = '<meta property="og:type" content="article">';
    document.body.innerHTML =
      '<main><div class="loading">Loading…</div></main><footer><p>Rail News, Porto office. All rights reserved, 2024.</p></footer>';
  });

  test('a story rendered into a plain <div> is marked, and the footer first guessed is not', async () => {
    const highlights = new MemoryHighlights();
    const annotator = new Annotator(document, { detect: fakeDetect, kinds, highlights });
    await annotator.start();
    const story = document.createElement('div');
    story.innerHTML = `<h1>Rail link</h1>${`<p>${sentence}</p>`.repeat(6)}`;
    document.querySelector('.loading')!.replaceWith(story);
    await vi.waitFor(() => expect(marked(highlights, story).filter((t) => t !== 'Rail link')).toHaveLength(12), {
      timeout: 3000,
    });
    expect(marked(highlights, document.querySelector('footer'))).toEqual([]);
    expect(annotator.isArticle).toBe(true);
    annotator.stop();
    expect(highlights.registered.size).toBe(0);
  });

  test('a page that found its article looks no further; a thin one looks for a minute', () => {
    const now = 1_000_000;
    expect(shouldLookAgain(now + 60_000, THIN_ARTICLE_CHARS + 1, now)).toBe(false);
    expect(shouldLookAgain(now + 60_000, 100, now)).toBe(true);
    expect(shouldLookAgain(now - 1, 100, now)).toBe(false);
    expect(shouldLookAgain(0, 0, now)).toBe(false);
  });
});
