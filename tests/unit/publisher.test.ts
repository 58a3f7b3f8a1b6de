import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { detectPublisher, domainOf, spellsDomain } from '../../lib/sites/publisher';
import { htmlDocument as doc } from './helpers/pages';

describe('publisher detection', () => {
  test('the seed page is Middle East Monitor at middleeastmonitor.com, even served from a local address', () => {
    const html = readFileSync('tests/fixtures/putin-assad-memo.html', 'utf8');
    const publisher = detectPublisher(doc(html), 'http://127.0.0.1:4321/putin-assad-memo.html');
    expect(publisher.name).toBe('Middle East Monitor');
    expect(publisher.domain).toBe('middleeastmonitor.com');
    // The title suffix spells the same outlet: no second name appears.
    expect(publisher.names).toEqual(['Middle East Monitor']);
  });

  test('JSON-LD publisher in an @graph, referenced by @id, wins over og:site_name', () => {
    const page = `<html><head>
      <meta property="og:site_name" content="Example Daily Online">
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"NewsArticle","headline":"x","publisher":{"@id":"https://example-daily.test/#org"}},
        {"@type":"NewsMediaOrganization","@id":"https://example-daily.test/#org","name":"Example Daily","url":"https://www.example-daily.co.uk/"}
      ]}</script></head><body></body></html>`;
    const p = detectPublisher(doc(page));
    expect(p.names).toEqual(['Example Daily', 'Example Daily Online']);
    expect(p.domain).toBe('example-daily.co.uk');
  });

  test('an Article array with a publisher object and application-name', () => {
    const page = `<html><head><meta name="application-name" content="The Ledger">
      <script type="application/ld+json">[{"@type":["Article"],"publisher":{"@type":"Organization","name":"Ledger Media Group","url":"https://ledger.example.org"}}]</script>
      </head></html>`;
    const p = detectPublisher(doc(page), 'https://news.ledger.example.org/a/1');
    expect(p.names).toEqual(['Ledger Media Group', 'The Ledger']);
    expect(p.domains).toEqual(['news.ledger.example.org', 'ledger.example.org']);
  });

  test('malformed JSON-LD and a page with no metadata do not throw and give what is there', () => {
    const p = detectPublisher(
      doc(
        '<html><head><script type="application/ld+json">{oops</script><title>Headline - Something</title></head></html>',
      ),
      'https://www.somepaper.com/x',
    );
    expect(p).toEqual({ name: undefined, names: [], domain: 'somepaper.com', domains: ['somepaper.com'] });
  });

  test('a headline clause after a dash is not taken for the outlet', () => {
    const p = detectPublisher(doc('<title>Talks fail - Ministers walk out</title>'), 'https://paper.example.com/');
    expect(p.names).toEqual([]);
  });

  test('domains: www dropped, local and numeric hosts and other schemes refused', () => {
    expect(domainOf('https://WWW.Example.com/path?q=1')).toBe('example.com');
    expect(domainOf('http://localhost:3000/')).toBeUndefined();
    expect(domainOf('http://127.0.0.1/')).toBeUndefined();
    expect(domainOf('javascript:alert(1)')).toBeUndefined();
    expect(domainOf('not a url')).toBeUndefined();
    expect(spellsDomain('Middle East Monitor', 'middleeastmonitor.com')).toBe(true);
    expect(spellsDomain('Monitor', 'middleeastmonitor.com')).toBe(false);
  });
});
