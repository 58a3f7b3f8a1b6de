import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { articleMetadata } from '../../lib/sites/metadata';

describe('JSON-LD a page makes huge', () => {
  test('a block over 500,000 characters is not parsed; the meta tags still count', () => {
    const huge = JSON.stringify({
      '@type': 'NewsArticle',
      datePublished: '1999-01-01',
      padding: 'x'.repeat(600_000),
    });
    const { document } = parseHTML(
      `<!doctype html><html><head><script type="application/ld+json">${huge}</script>
      <meta property="article:published_time" content="2021-09-14T08:00:00Z"></head><body></body></html>`,
    );
    // Parsed, its date would win (JSON-LD comes first): the cap is what leaves it out.
    expect(articleMetadata(document as unknown as Document).publishedAt).toBe('2021-09-14');
  });
});
