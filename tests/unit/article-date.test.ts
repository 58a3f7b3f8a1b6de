/**
 * The article's own date from everything a page says: bylines, datelines and addresses written
 * the way news sites write them (our own variants), metadata, and what wins when they disagree.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { articleDate, dateInAddress, dateInText } from '../../lib/sites/article-date';

const page = (head: string, body: string) =>
  parseHTML(
    `<!doctype html><html><head><title>Gunmen attack museum in Tunis</title>${head}</head><body>${body}</body></html>`,
  ).document as unknown as Document;

/** A story page: a site header, the headline, `byline`, a paragraph of story. */
const story = (byline: string, head = '', after = '') =>
  page(
    head,
    `<header><a href="/">The Daily Example</a><nav><a href="/world">World</a></nav></header>
     <main><article><h1>Gunmen attack museum in Tunis</h1>${byline}
     <p>Gunmen opened fire on visitors at the museum on Wednesday, officials said, in the worst attack in years.</p>
     ${after}</article></main>`,
  );

describe('dateInText: bylines and datelines as news sites write them', () => {
  const cases: Array<[string, string]> = [
    ['March 18, 2015', '2015-03-18'],
    ['By Jane Roe | Feb. 21, 2019', '2019-02-21'],
    ['Updated 7:33 PM ET, Mon February 1, 2016', '2016-02-01'],
    ['posted on April 21, 2015, at 11:29 a.m.', '2015-04-21'],
    ['Wednesday 18 March 2015 14.02 GMT', '2015-03-18'],
    ['18 MAR 2015', '2015-03-18'],
    ['Sept. 3, 2019 at 5:00 a.m. EDT', '2019-09-03'],
    ['November 20 15:23 2019', '2019-11-20'],
    ['Published 2017-01-18T23:00:00-0800', '2017-01-18'],
    ['13.11.2019, 23:06', '2019-11-13'],
    ['03/18/2015 10:00 AM', '2015-03-18'],
  ];
  for (const [text, day] of cases) it(`reads “${text}”`, () => expect(dateInText(text)?.day).toBe(day));

  it('reads “2 hours ago” only against the page’s own clock', () => {
    expect(dateInText('By Jane Roe, 2 hours ago')).toBeUndefined();
    expect(dateInText('By Jane Roe, 2 hours ago', '2019-02-21')?.day).toBe('2019-02-21');
    expect(dateInText('3 days ago', '2019-02-21')?.day).toBe('2019-02-18');
  });

  it('reads no day that does not exist, and no bare month or year', () => {
    expect(dateInText('February 30, 2019')).toBeUndefined();
    expect(dateInText('in March 2015')).toBeUndefined();
    expect(dateInText('since 2011')).toBeUndefined();
  });
});

describe('dateInAddress', () => {
  it.each([
    ['https://www.example.com/world/2015/03/18/gunmen-attack-museum/', '2015-03-18'],
    ['https://example.com/news/2015-03-18-gunmen-attack-museum.html', '2015-03-18'],
    ['https://example.com/science/tuft-cells-20191115/', '2019-11-15'],
    ['https://example.com/politics/2019/nov/18/guide-to-tariffs/', '2019-11-18'],
    ['https://example.com/2019/11/a-month-only/', undefined],
    ['https://example.com/article/14848164.php', undefined],
  ])('%s → %s', (url, day) => expect(dateInAddress(url)).toBe(day));
});

describe('articleDate', () => {
  it('reads the byline when no metadata dates the page, and says so', () => {
    const d = story('<p class="byline">By Jane Roe and Sam Poe, March 18, 2015</p>');
    expect(articleDate(d)).toMatchObject({ date: '2015-03-18', source: 'byline' });
  });

  it('reads the date in the address when nothing else has one', () => {
    const d = story('<p class="byline">By Jane Roe</p>');
    expect(articleDate(d, 'https://www.example.com/world/2015/03/18/gunmen/')).toMatchObject({
      date: '2015-03-18',
      source: 'address',
    });
    // The page's own canonical address counts as well (the annotator has no tab address).
    const canonical = story(
      '<p class="byline">By Jane Roe</p>',
      '<link rel="canonical" href="https://www.example.com/world/2015/03/18/gunmen/">',
    );
    expect(articleDate(canonical).date).toBe('2015-03-18');
  });

  it('reads microdata with an offset as the day the publisher wrote, not the UTC day', () => {
    const d = story(
      '<div class="meta">By Jane Roe <span itemprop="datePublished" content="2017-01-18T23:00:00-0800">Jan. 18</span></div>',
    );
    expect(articleDate(d)).toMatchObject({ date: '2017-01-18', source: 'microdata' });
  });

  it('reads JSON-LD and meta tags', () => {
    const jsonLd = story(
      '',
      `<script type="application/ld+json">${JSON.stringify({
        '@type': 'NewsArticle',
        headline: 'Gunmen attack museum in Tunis',
        dateModified: '2016-05-01T10:00:00Z',
        datePublished: '2015-03-18T12:00:00Z',
      })}</script>`,
    );
    expect(articleDate(jsonLd)).toMatchObject({ date: '2015-03-18', source: 'json-ld' });
    for (const name of ['article:published_time', 'pubdate', 'date', 'DC.date']) {
      const d = story('', `<meta ${name.includes(':') ? 'property' : 'name'}="${name}" content="2015-03-18">`);
      expect(articleDate(d), name).toMatchObject({ date: '2015-03-18', source: 'meta' });
    }
  });

  it('takes the published date over the modified one, whatever their order', () => {
    const d = story(
      '',
      `<meta property="article:modified_time" content="2019-06-09T10:00:00Z">
       <meta property="article:published_time" content="2018-08-08T10:00:00Z">`,
    );
    expect(articleDate(d).date).toBe('2018-08-08');
    // "Updated …" by the headline is a modification date too.
    const updated = story(
      '<p class="byline">By Jane Roe. Updated June 9, 2019</p>',
      '<meta property="article:published_time" content="2018-08-08">',
    );
    expect(articleDate(updated).date).toBe('2018-08-08');
  });

  it('uses a modification date only when no publication date is given, and says so', () => {
    const d = story('<p class="byline">By Jane Roe. Updated 7:33 PM ET, Mon February 1, 2016</p>');
    expect(articleDate(d)).toMatchObject({ date: '2016-02-01', source: 'modified' });
  });

  it('reads a date and its “Updated” in a container holding a very long story, and the byline beside it', () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i} of a very long story.</p>`).join('');
    // The <time> sits straight in the story's container (tens of thousands of characters): its
    // words before are still read, so it counts as a modification date.
    const updated = story(`<div>Updated <time datetime="2016-02-01">Feb 1</time>${paragraphs}</div>`);
    expect(articleDate(updated)).toMatchObject({ date: '2016-02-01', source: 'modified' });
    const byline = story(`<div><p class="byline">By Jane Roe, March 18, 2015</p>${paragraphs}</div>`);
    expect(articleDate(byline)).toMatchObject({ date: '2015-03-18', source: 'byline' });
  });

  it('prefers the byline by the headline when metadata disagrees with it', () => {
    const d = story('<p class="byline">By Jane Roe, March 18, 2015</p>', '<meta name="date" content="2016-01-04">');
    expect(articleDate(d)).toMatchObject({ date: '2015-03-18', source: 'byline' });
  });

  it('does not take a date from the story, a related link or a page footer for the article’s', () => {
    const d = story(
      '<p class="byline">By Jane Roe</p>',
      '',
      `<p>The museum reopened on March 30, 2015.</p>
       <aside><a href="/older">Earlier attack, June 26, 2015</a></aside>
       <footer>© 2015 The Daily Example. Page generated December 2, 2026.</footer>`,
    );
    expect(articleDate(d)).toEqual({ source: 'none' });
  });

  it('finds the headline when the page’s <h1> is the site’s name', () => {
    const d = page(
      '<meta property="og:title" content="Deportees return home">',
      `<h1>The Daily Example</h1><div class="sidebar">${'<p>x</p>'.repeat(80)}</div>
       <h2 class="article-title">Deportees return home</h2>
       <div class="date"><div>November 20</div><div><span>15:23</span> <span>2019</span></div></div>
       <p>Story text that goes on for a while about the flight home.</p>`,
    );
    expect(articleDate(d).date).toBe('2019-11-20');
  });
});
