import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { articleBodyText, articleSignals, extractArticle, isArticlePage } from '../../lib/sites/article';
import { articleText, BLOCK_SEPARATOR, blockAt, nodeRanges } from '../../lib/sites/block-offsets';
import { articleBlocks } from '../../lib/sites/blocks';
import { htmlDocument as doc } from './helpers/pages';

const seedHtml = readFileSync('tests/fixtures/putin-assad-memo.html', 'utf8');
const page = (head: string, body: string) =>
  doc(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
const prose = (words: string) => `<p>${words} ${'and the story goes on for a while longer. '.repeat(3)}</p>`;

describe('is this an article?', () => {
  test('the seed page is an article by og:type, and its body is the <article>', () => {
    const d = doc(seedHtml);
    expect(articleSignals(d)).toMatchObject({ ogArticle: true, articleElement: true });
    const found = extractArticle(d);
    expect(found?.isArticle).toBe(true);
    expect(found?.root.localName).toBe('article');
  });

  test('schema.org NewsArticle in JSON-LD, also inside @graph, makes a page an article', () => {
    const ld = (json: unknown) => `<script type="application/ld+json">${JSON.stringify(json)}</script>`;
    const body = `<div>${prose('Some text')}</div>`;
    expect(isArticlePage(page(ld({ '@type': 'NewsArticle', headline: 'x' }), body))).toBe(true);
    expect(isArticlePage(page(ld({ '@graph': [{ '@type': 'WebPage' }, { '@type': ['BlogPosting'] }] }), body))).toBe(
      true,
    );
    expect(isArticlePage(page(ld({ '@type': 'Product' }), body))).toBe(false);
    expect(isArticlePage(page('<script type="application/ld+json">{not json</script>', body))).toBe(false);
  });

  test('an <article> holding most of the prose counts; a listing of small teasers does not', () => {
    const one = page('', `<nav>${prose('Menu')}</nav><article>${prose('First')}${prose('Second')}</article>`);
    expect(articleSignals(one).articleElement).toBe(true);
    const listing = page(
      '',
      `<article>${prose('One teaser')}</article><article>${prose('Two teaser')}</article><article>${prose('Three')}</article>`,
    );
    expect(articleSignals(listing).articleElement).toBe(false);
  });

  test('a page that is not an article gives nothing unless whole-page mode is on', () => {
    const home = page('<meta property="og:type" content="website">', `<main>${prose('Welcome home')}</main>`);
    expect(extractArticle(home)).toBeNull();
    expect(articleBodyText(home)).toBe('');
    const whole = extractArticle(home, { wholePage: true });
    expect(whole?.isArticle).toBe(false);
    expect(whole?.root.localName).toBe('body');
    expect(whole?.blocks[0]?.text).toMatch(/^Welcome home and the story/);
  });

  test('without an <article>, the container with the most paragraph text is the body', () => {
    const d = page(
      '<meta property="og:type" content="article">',
      `<div id="side">${prose('Side note')}</div><div id="story"><div class="inner">${prose('Alpha')}${prose('Beta')}${prose('Gamma')}</div></div>`,
    );
    // The story's container (or its wrapper, which holds nothing else) is the root.
    const text = articleBodyText(d);
    for (const word of ['Alpha', 'Beta', 'Gamma']) expect(text).toContain(word);
    expect(text).not.toContain('Side note');
  });
  test('an article written without <p> (lines in a <div> split by <br>) is found and read', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `Line ${i + 1}: the minister spoke in Lisbon about the budget.`);
    const d = page(
      '<meta property="og:type" content="article">',
      `<header>Site</header><article><h1>Transcript</h1><div class="transcript">${lines.join('<br>\n')}</div></article><footer>Footer text</footer>`,
    );
    const found = extractArticle(d);
    expect(found?.root.localName).toBe('article');
    const text = found!.blocks.map((b) => b.text).join(' ');
    expect(text).toContain('Line 1: the minister');
    expect(text).toContain('Line 30: the minister');
    expect(text).not.toContain('Footer text');
  });
});

describe('the blocks of the article', () => {
  test('the seed article: paragraphs and caption in, site header, sidebar, footer, textarea and buttons out', () => {
    const found = extractArticle(doc(seedHtml))!;
    const text = articleText(found.blocks).text;
    expect(text).toContain('Russian President Vladimir Putin met his Syrian counterpart Bashar Al-Assad in Moscow');
    expect(text).toContain('controls 90 per cent of the territory');
    // A "READ:" line points to another story: read where it stands, but not counted as body text.
    expect(text).toContain('Russia tested 320 types of weapons in Syria');
    expect(found.blocks.find((b) => b.text.includes('320 types'))?.role).toBe('pointer');
    expect(text).toContain('[Kremlin Press Office/Anadolu Agency]');
    for (const outside of [
      'MIDDLE EAST MONITOR',
      'Most read',
      'Israel approves',
      'Newsletter',
      'Assad and Putin met',
    ]) {
      expect(text).not.toContain(outside);
    }
    expect(text).not.toContain('Share on Facebook');
    expect(text).not.toContain('We use cookies');
    // Each paragraph is its own block, in reading order.
    const first = found.blocks.findIndex((b) => b.text.startsWith('Russian President Vladimir Putin met'));
    const second = found.blocks.findIndex((b) => b.text.startsWith('During the meeting'));
    expect(first).toBeGreaterThan(0);
    expect(second).toBe(first + 1);
  });

  test('whole-page mode takes the sidebar and header too, but never the textarea or the search input', () => {
    const found = extractArticle(doc(seedHtml), { wholePage: true })!;
    const text = articleText(found.blocks).text;
    expect(text).toContain('Israel approves new settlement units');
    expect(text).toContain('MIDDLE EAST MONITOR');
    expect(text).not.toContain('Assad and Putin met in Moscow.');
    expect(text).not.toContain('Search Middle East Monitor');
    expect(text).not.toContain('Share on Facebook');
  });

  test('editable, code, hidden, aria-hidden, comments and ads are skipped; whole-page mode keeps skipping the editable', () => {
    const body = `<article>
      <p>Visible paragraph about the Senate vote in March.</p>
      <div contenteditable="true"><p>Draft text someone is typing.</p></div>
      <div contenteditable="false"><p>Readonly island is fine.</p></div>
      <p>Run <code>rm -rf Paris</code> here.</p>
      <pre>London in a code block</pre>
      <p hidden>Hidden paragraph.</p>
      <p aria-hidden="true">Decorative paragraph.</p>
      <p style="display: none">Styled away.</p>
      <svg><text>Svg label</text></svg>
      <section class="comments"><p>Reader comment about Berlin.</p></section>
      <div class="ad-slot"><p>Buy now.</p></div>
      <div role="textbox"><p>Custom editor.</p></div>
      <p><input value="typed value"> after the box</p>
    </article>`;
    const texts = (wholePage: boolean) =>
      articleText(extractArticle(page('<meta property="og:type" content="article">', body), { wholePage })!.blocks)
        .text;
    const article = texts(false);
    expect(article).toContain('Visible paragraph about the Senate vote in March.');
    expect(article).toContain('Readonly island is fine.');
    expect(article).toContain('Run here.');
    expect(article).toContain('after the box');
    for (const never of ['Draft text', 'rm -rf', 'London', 'Hidden', 'Decorative', 'Styled away', 'Svg label']) {
      expect(article).not.toContain(never);
    }
    expect(article).not.toContain('Reader comment');
    expect(article).not.toContain('Buy now');
    expect(article).not.toContain('Custom editor');
    const whole = texts(true);
    expect(whole).toContain('Reader comment about Berlin.');
    for (const never of ['Draft text', 'rm -rf', 'London', 'Hidden', 'Custom editor', 'typed value']) {
      expect(whole).not.toContain(never);
    }
  });

  test('a long block is cut at the edge of a text node, after a sentence, and nothing is lost', () => {
    const sentence = (i: number) => `Sentence ${i} is about the harbour in Porto and its cranes. `;
    const lines = Array.from({ length: 200 }, (_, i) => sentence(i));
    const d = page('', `<article><div id="d">${lines.join('<br>')}</div></article>`);
    const root = d.querySelector('article')!;
    const whole = Array.from(articleBlocks(root));
    expect(whole).toHaveLength(1);
    const cut = Array.from(articleBlocks(root, { maxBlockChars: 2000 }));
    expect(cut.length).toBeGreaterThan(4);
    for (const block of cut) {
      expect(block.element.id).toBe('d');
      expect(block.text.length).toBeLessThanOrEqual(3000);
      expect(block.text).toMatch(/\.$/);
    }
    // Each text node belongs to one block, and the blocks together are the whole text.
    const nodes = cut.flatMap((b) => [...new Set(b.segments.map((s) => s.node))]);
    expect(new Set(nodes).size).toBe(nodes.length);
    expect(cut.map((b) => b.text).join(' ')).toBe(whole[0]!.text);
  });

  test('whitespace is collapsed and each character maps back to its text node', () => {
    const d = page('', '<p id="p">  Prime\n   Minister <b>Jacinda</b>\tArdern said<br>so.  </p>');
    const block = Array.from(articleBlocks(d.getElementById('p')!))[0]!;
    expect(block.text).toBe('Prime Minister Jacinda Ardern said so.');
    const start = block.text.indexOf('Minister Jacinda Ardern');
    const ranges = nodeRanges(block, start, start + 'Minister Jacinda Ardern'.length);
    expect(ranges.map((r) => r.node.data.slice(r.start, r.end))).toEqual(['Minister ', 'Jacinda', '\tArdern']);
    const prime = nodeRanges(block, 0, 'Prime Minister'.length);
    expect(prime).toHaveLength(1);
    expect(prime[0]!.node.data.slice(prime[0]!.start, prime[0]!.end)).toBe('Prime\n   Minister');
  });

  test('text around a nested block becomes blocks of its own, in reading order', () => {
    const d = page('', '<div id="d">Lead text before. <p>Inner paragraph.</p> Tail text after.</div>');
    const blocks = Array.from(articleBlocks(d.getElementById('d')!)).map((b) => b.text);
    expect(blocks).toEqual(['Lead text before.', 'Inner paragraph.', 'Tail text after.']);
  });

  test('offsets in the joined text find their block', () => {
    const found = extractArticle(doc(seedHtml))!;
    const { text, starts } = articleText(found.blocks);
    const at = text.indexOf('Bashar Al-Assad in Moscow');
    const index = blockAt(starts, found.blocks, at);
    expect(found.blocks[index]!.text.slice(at - starts[index]!)).toMatch(/^Bashar Al-Assad in Moscow/);
    expect(blockAt(starts, found.blocks, starts[1]! - 1)).toBe(-1);
    expect(text.slice(starts[1]! - BLOCK_SEPARATOR.length, starts[1]!)).toBe(BLOCK_SEPARATOR);
  });

  test('the visibility check from the page drops blocks the page hides with CSS', () => {
    const d = page('', '<main id="m"><p>Shown.</p><p class="collapsed">Collapsed by a stylesheet.</p></main>');
    const blocks = Array.from(articleBlocks(d.getElementById('m')!, { isVisible: (el) => !el.matches('.collapsed') }));
    expect(blocks.map((b) => b.text)).toEqual(['Shown.']);
  });
});
