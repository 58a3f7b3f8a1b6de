/** Article metadata from a Document: JSON-LD first, then meta tags, then <time> and <title>. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { articleMetadata, isoDay } from '../../lib/sites/metadata';

const doc = (head: string, body = '') =>
  parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;

describe('articleMetadata', () => {
  it('reads a NewsArticle in JSON-LD, with its publisher object', () => {
    const d = doc(
      `<script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: 'Dams fail after record rain',
        datePublished: '2023-04-02T08:15:00+02:00',
        publisher: { '@type': 'Organization', name: 'The River Herald', url: 'https://www.riverherald.example/' },
      })}</script><meta property="og:site_name" content="Other Name">`,
    );
    expect(articleMetadata(d)).toEqual({
      title: 'Dams fail after record rain',
      publishedAt: '2023-04-02',
      publisher: { name: 'The River Herald', site: 'riverherald.example' },
    });
  });

  it('finds the article inside an @graph and a list of types', () => {
    const d = doc(
      `<script type="application/ld+json">${JSON.stringify({
        '@graph': [
          { '@type': 'WebSite', name: 'Site' },
          { '@type': ['Article', 'NewsArticle'], headline: 'Graph headline', datePublished: '2020-01-31' },
          { '@type': 'NewsMediaOrganization', name: 'Graph Times', url: 'https://graph.example' },
        ],
      })}</script>`,
    );
    expect(articleMetadata(d)).toEqual({
      title: 'Graph headline',
      publishedAt: '2020-01-31',
      publisher: { name: 'Graph Times', site: 'graph.example' },
    });
  });

  it('falls back to Open Graph and article:published_time when JSON-LD is malformed', () => {
    const d = doc(`<script type="application/ld+json">{ not json </script>
      <meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Site">
      <meta property="article:published_time" content="2021-09-14T14:31:00+00:00">`);
    expect(articleMetadata(d)).toEqual({
      title: 'OG title',
      publishedAt: '2021-09-14',
      publisher: { name: 'OG Site' },
    });
  });

  it('uses <time datetime>, <h1> and the tail of <title> as the last resort', () => {
    const d = doc(
      '<title>Bridge reopens – Valley Courier</title>',
      '<h1>Bridge reopens</h1><time datetime="2019-06-30">June 30</time>',
    );
    expect(articleMetadata(d)).toEqual({
      title: 'Bridge reopens',
      publishedAt: '2019-06-30',
      publisher: { name: 'Valley Courier' },
    });
  });

  it('gives nothing rather than junk on a page without metadata', () => {
    const d = doc('', '<p>Just text</p><time datetime="not a date">?</time>');
    expect(articleMetadata(d)).toEqual({});
  });
});

describe('isoDay', () => {
  it('keeps the calendar day an ISO string names and rejects non-dates', () => {
    expect(isoDay('2021-09-14T23:59:00-05:00')).toBe('2021-09-14');
    expect(isoDay('September 14, 2021')).toBe('2021-09-14');
    expect(isoDay('soon')).toBeUndefined();
    expect(isoDay(42)).toBeUndefined();
  });
});
