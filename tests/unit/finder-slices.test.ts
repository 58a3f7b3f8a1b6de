// @vitest-environment happy-dom
/**
 * The finder in slices of the main thread (`findArticleSliced`, `isArticlePageSliced`, the first
 * script's pass handed to the page part) gives the synchronous finder's answer, gives the event
 * loop its turns, stops when asked, and does not answer for a page that changed under it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { findArticle, findArticleSliced, isArticlePage, isArticlePageSliced } from '../../lib/sites/article';
import { articleText } from '../../lib/sites/block-offsets';
import { articleBlocks } from '../../lib/sites/blocks';
import { scanArticle } from '../../lib/sites/scan';
import { longArticleHtml } from '../fixtures/long-article';
import { OWN_PAGES as UNSEEN_PAGES } from '../fixtures/unseen/index';
import { htmlDocument as linkedom } from './helpers/pages';
import { requireShared } from './helpers/shared-data';

const fixture = (name: string) => readFileSync(name, 'utf8');

/** A page in happy-dom's document (which has a MutationObserver, as the browser does). */
function livePage(html: string): Document {
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>|<\/html>[\s\S]*$/g, '');
  return document;
}

/** What a reader gets from an answer: where, whether an article, and the text that is read. */
function reading(found: ReturnType<typeof findArticle>) {
  if (!found) return null;
  return {
    root: found.root,
    isArticle: found.isArticle,
    signals: found.signals,
    text: articleText(Array.from(articleBlocks(found.root))).text,
  };
}

/** The sync answer, then the sliced one (each reading its own plan before the other replaces it). */
async function both(doc: Document, budgetMs = 1) {
  const sync = reading(findArticle(doc));
  const sliced = reading(await findArticleSliced(doc, {}, { budgetMs }));
  return { sync, sliced };
}

const OWN_PAGES = [
  'tests/fixtures/putin-assad-memo.html',
  'tests/fixtures/page-listing.html',
  'tests/fixtures/page-inputs-code.html',
  'tests/fixtures/articles/no-metadata-wrapper.html',
  'tests/fixtures/articles/split-story.html',
  'tests/fixtures/articles/boilerplate-inside.html',
  'tests/fixtures/articles/docs-reference.html',
  'tests/fixtures/articles/tech-news-no-metadata.html',
];

describe('the finder in slices', () => {
  test('gives the same answer as the synchronous finder on pages of our own making', async () => {
    for (const name of OWN_PAGES) {
      const doc = linkedom(fixture(name));
      const { sync, sliced } = await both(doc);
      expect(sliced, name).toEqual(sync);
      expect(await isArticlePageSliced(doc, { budgetMs: 1 }), name).toBe(isArticlePage(doc));
    }
  });

  test('gives the same answer on the pages no one tuned for (a gallery beside a story, a 1.3 MB portal)', async () => {
    for (const page of UNSEEN_PAGES) {
      const { sync, sliced } = await both(linkedom(page.html()), 2);
      expect(sliced, page.name).toEqual(sync);
    }
  });

  test('on the 100,000-word page: the same answer, and the event loop gets its turns meanwhile', async () => {
    const doc = linkedom(longArticleHtml(100_000));
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const sliced = reading(await findArticleSliced(doc, {}, { budgetMs: 2 }));
    clearInterval(tick);
    expect(turns).toBeGreaterThan(1);
    expect(sliced).toEqual(reading(findArticle(doc)));
    expect(sliced?.text.split(/\s+/).length).toBeGreaterThan(95_000);
  });

  test('stops when its signal is aborted, before or during the pass', async () => {
    const doc = linkedom(longArticleHtml(50_000));
    const before = new AbortController();
    before.abort();
    await expect(findArticleSliced(doc, {}, { signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const pass = findArticleSliced(doc, {}, { signal: during.signal, budgetMs: 0.5 });
    setTimeout(() => during.abort(), 0);
    await expect(pass).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('a page that swaps its story while the pass is paused gets the answer for the new story', async () => {
    const doc = livePage(longArticleHtml(30_000));
    const pass = findArticleSliced(doc, {}, { budgetMs: 0.5 });
    setTimeout(() => {
      doc.body.innerHTML = fixture('tests/fixtures/articles/split-story.html').replace(
        /^[\s\S]*<body>|<\/body>[\s\S]*$/g,
        '',
      );
    }, 0);
    const found = reading(await pass);
    expect(found?.text).toContain('The town library opened its new wing on Saturday');
    expect(found).toEqual(reading(findArticle(doc)));
  });
});

describe("the first script's pass, handed to the page part", () => {
  test('is taken while the page is unchanged, and only once', async () => {
    const doc = livePage(fixture('tests/fixtures/articles/split-story.html'));
    const scan = await scanArticle(doc);
    expect(scan.isArticle).toBe(true);
    const root = findArticle(doc)!.root;
    // An attribute change is not a change the pass watches: hiding the story shows whether the
    // answer came from the handed pass (the story) or from a new one (not the story).
    root.setAttribute('hidden', '');
    expect((await findArticleSliced(doc, {}, { handed: scan }))?.root).toBe(root);
    expect((await findArticleSliced(doc, {}, { handed: scan }))?.root).not.toBe(root);
  });

  test('is still taken after Sidenote put in its own host and style (the page part does so first)', async () => {
    const doc = livePage(fixture('tests/fixtures/articles/split-story.html'));
    const scan = await scanArticle(doc);
    const host = doc.createElement('sidenote-root');
    doc.documentElement.append(host);
    const style = doc.createElement('style');
    host.append(style);
    style.textContent = '::highlight(sidenote-entity) { text-decoration: underline dotted; }';
    const root = findArticle(doc)!.root;
    root.setAttribute('hidden', '');
    expect((await findArticleSliced(doc, {}, { handed: scan }))?.root).toBe(root);
  });

  test('is not taken once the page added or removed content: the page part reads it again', async () => {
    const doc = livePage(fixture('tests/fixtures/articles/split-story.html'));
    const scan = await scanArticle(doc);
    doc.body.innerHTML = fixture('tests/fixtures/articles/boilerplate-inside.html').replace(
      /^[\s\S]*<body>|<\/body>[\s\S]*$/g,
      '',
    );
    const found = reading(await findArticleSliced(doc, {}, { handed: scan }));
    expect(found?.text).toContain('A family orchard on the edge of Millbrook');
  });
});

const CORPUS = join('..', 'shared', 'pages-dev', 'html');
// Fails, never skips, without ../shared: a run without the corpus cannot pass by accident.
const hasCorpus = requireShared(CORPUS, 'the development corpus (../shared/pages-dev)');

describe.runIf(hasCorpus)('the development corpus (../shared/pages-dev)', () => {
  test('the sliced finder gives the synchronous answer on every page', async () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.html.gz'));
    for (const file of files) {
      const doc = linkedom(gunzipSync(readFileSync(join(CORPUS, file))).toString('utf8'));
      const { sync, sliced } = await both(doc, 4);
      expect(sliced, file).toEqual(sync);
    }
  }, 300_000);
});
