/**
 * The article finder on pages of our own making, one per class of failure it was fixed for, and on
 * the development corpus of real pages (`../shared/pages-dev`, skipped when absent) against the
 * article-extraction-benchmark's metric.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { type ArticleBlock, articleSignals, articleText, extractArticle, isArticlePage } from '../../lib/sites/article';
import { corpusScore, pageScore } from '../../scripts/extract-metric';

const fixture = (name: string) =>
  parseHTML(readFileSync(join('tests/fixtures/articles', name), 'utf8')).document as unknown as Document;
const text = (blocks: ArticleBlock[]) => articleText(blocks).text;
const body = (blocks: ArticleBlock[]) => text(blocks.filter((b) => b.role === 'body'));

describe('pages the first finder got wrong', () => {
  test('no article metadata, a whole-page wrapper named like an ad slot, lines split by <br> around pictures', () => {
    const found = extractArticle(fixture('no-metadata-wrapper.html'));
    // Taken for an article by its prose alone, and the wrapper's class does not hide the story.
    expect(found?.isArticle).toBe(true);
    const read = body(found!.blocks);
    expect(read).toContain('The harbour ferry went back into service on Monday morning');
    expect(read).toContain('Councillors, who paid for half of the work');
    for (const outside of ['Home', 'Sport', 'Copyright the Bay Courier']) expect(read).not.toContain(outside);
  });

  test('a story split over siblings, nested deep, partly in "paywall" and "meta" wrappers; the sidebar stays out', () => {
    const read = body(extractArticle(fixture('split-story.html'))!.blocks);
    for (const part of [
      'The town library opened its new wing on Saturday',
      'Hundreds of people queued before the doors opened',
      'The architect, who grew up in the town',
      'The project cost just under four million',
      'Opening hours will be longer from next month',
    ])
      expect(read).toContain(part);
    expect(read).not.toContain('Our weekly walks column');
  });

  test('byline, share bar, ad label, newsletter box, related lists and link-only lines are not the story', () => {
    const found = extractArticle(fixture('boilerplate-inside.html'))!;
    const read = body(found.blocks);
    expect(read).toContain('A family orchard on the edge of Millbrook has won the regional prize');
    expect(read).toContain('The judges praised the cider');
    expect(read).toContain('the prize money would go towards a new press');
    for (const outside of [
      'By Tom Ellery',
      'Facebook',
      'Advertisement',
      'Get the Valley Post',
      'Related stories',
      'Beekeepers report',
      'You may also like',
      'Ten walks through',
      'The Valley Post, 1 High Street',
    ])
      expect(read).not.toContain(outside);
    // The headline, the caption and the "READ:" line are still read (and marked), each in its role.
    const role = (words: string) => found.blocks.find((b) => b.text.includes(words))?.role;
    expect(role('Orchard wins regional prize')).toBe('title');
    expect(role('Photo: Ana Ruiz')).toBe('caption');
    expect(role('Millbrook market to move')).toBe('pointer');
  });
});

describe('technical reference is not news', () => {
  const html = (name: string) => readFileSync(join('tests/fixtures/articles', name), 'utf8');
  const parse = (source: string) => parseHTML(source).document as unknown as Document;

  test('a documentation page with a side navigation, code blocks and long paragraphs is not an article', () => {
    const doc = fixture('docs-reference.html');
    // Its prose alone would make it one, as reader modes' "readerable" test does.
    expect(articleSignals(doc)).toMatchObject({ prose: true, reference: true });
    expect(isArticlePage(doc)).toBe(false);
    expect(extractArticle(doc)).toBeNull();
  });

  test("a project's read-me in an <article>, with install and usage commands, is not an article", () => {
    const doc = fixture('readme-article.html');
    expect(articleSignals(doc)).toMatchObject({ articleElement: true, reference: true });
    expect(isArticlePage(doc)).toBe(false);
  });

  test('the same pages are articles when their metadata says so', () => {
    const said = html('docs-reference.html').replace('content="website"', 'content="article"');
    expect(isArticlePage(parse(said))).toBe(true);
  });

  test('a news story quoting commands, with no metadata, is an article by its byline or its dateline', () => {
    const source = html('tech-news-no-metadata.html');
    const doc = parse(source);
    expect(isArticlePage(doc)).toBe(true);
    const read = body(extractArticle(doc)!.blocks);
    expect(read).toContain('A flaw in software that runs on millions of home routers');
    // Each of the two says news on its own; with neither, the code makes it read as reference.
    const noByline = source.replace(/<p class="credit-line">[^<]*<\/p>/, '');
    const noDateline = source.replace('BERLIN (Ledger) — ', '');
    expect(isArticlePage(parse(noByline))).toBe(true);
    expect(isArticlePage(parse(noDateline))).toBe(true);
    expect(isArticlePage(parse(noByline.replace('BERLIN (Ledger) — ', '')))).toBe(false);
  });
});

const CORPUS = join('..', 'shared', 'pages-dev');
const hasCorpus = existsSync(join(CORPUS, 'ground-truth.json'));
if (!hasCorpus) console.warn(`article-finder corpus test skipped: ${CORPUS} is not there`);

describe.skipIf(!hasCorpus)('the development corpus (../shared/pages-dev)', () => {
  test('article body F1 at least 0.95, precision and recall at least 0.93', () => {
    const truths = JSON.parse(readFileSync(join(CORPUS, 'ground-truth.json'), 'utf8')) as Record<
      string,
      { articleBody: string }
    >;
    const scores = readdirSync(join(CORPUS, 'html'))
      .filter((f) => f.endsWith('.html.gz'))
      .map((file) => {
        const html = gunzipSync(readFileSync(join(CORPUS, 'html', file))).toString('utf8');
        const doc = parseHTML(html).document as unknown as Document;
        const found = extractArticle(doc);
        return pageScore(truths[file.replace(/\.html\.gz$/, '')]?.articleBody ?? '', found ? body(found.blocks) : '');
      });
    const total = corpusScore(scores);
    expect(total.f1).toBeGreaterThanOrEqual(0.95);
    expect(total.precision).toBeGreaterThanOrEqual(0.93);
    expect(total.recall).toBeGreaterThanOrEqual(0.93);
  }, 300_000);
});
