import { describe, expect, test } from 'vitest';
import type { EntityQuery } from '../../lib/contracts/lookups';
import { reduceClaimSearch } from '../../lib/lookup/factcheck';
import { bestPassage } from '../../lib/lookup/passage';
import { chooseFromDisambiguation, chooseFromSearch, directTitles } from '../../lib/lookup/resolve';
import { completeFacts, pendingFacts } from '../../lib/lookup/wikidata';
import { type PageSummary, reducePages, reduceTitles } from '../../lib/lookup/wikipedia';
import { getEntitiesSchema } from '../../lib/wikimedia/wikidata';
import { finalTitle } from '../../lib/wikimedia/wikipedia';

const malformed = { status: 'error', reason: 'malformed' };

describe('Wikipedia answers', () => {
  test('redirects and normalisation are followed to the page that answers each requested title', () => {
    const data = {
      batchcomplete: true,
      query: {
        normalized: [{ fromencoded: false, from: 'eU', to: 'EU' }],
        redirects: [
          { from: 'EU', to: 'European Union' },
          { from: 'Old name', to: 'Middle name' },
          { from: 'Middle name', to: 'Final name' },
        ],
        pages: [
          { pageid: 1, ns: 0, title: 'European Union', extract: 'A union.', pageprops: { wikibase_item: 'Q1' } },
          { pageid: 2, ns: 0, title: 'Final name', description: 'A thing' },
          { ns: 0, title: 'Nowhere', missing: true },
          { title: 'Bad|title', invalidreason: 'contains |', invalid: true },
        ],
      },
    };
    const out = reduceTitles(['eU', 'Old name', 'Nowhere', 'Bad|title'], data);
    expect(out).toBeInstanceOf(Map);
    const map = out as Map<string, unknown>;
    expect(map.get('eU')).toEqual({
      found: true,
      page: { title: 'European Union', extract: 'A union.', wikidataId: 'Q1', disambiguation: false },
    });
    expect(map.get('Old name')).toMatchObject({ found: true, page: { title: 'Final name' } });
    expect(map.get('Nowhere')).toEqual({ found: false });
    expect(map.get('Bad|title')).toEqual({ found: false });
  });

  test('a redirect loop ends instead of spinning', () => {
    expect(
      finalTitle('A', {
        redirects: [
          { from: 'A', to: 'B' },
          { from: 'B', to: 'A' },
        ],
      }),
    ).toMatch(/^[AB]$/);
  });

  test('disambiguation pages are marked; thumbnails kept only over https', () => {
    const pages = reducePages({
      query: {
        pages: [
          { ns: 0, title: 'B', index: 2, pageprops: { disambiguation: '' } },
          { ns: 0, title: 'A', index: 1, thumbnail: { source: 'http://img.example/a.jpg', width: 1, height: 1 } },
          { ns: 0, title: 'C', index: 3, thumbnail: { source: '//upload.example/c.jpg', width: 2, height: 3 } },
        ],
      },
    }) as PageSummary[];
    expect(pages.map((p) => p.title)).toEqual(['A', 'B', 'C']);
    expect(pages[0]?.thumbnail).toBeUndefined();
    expect(pages[1]?.disambiguation).toBe(true);
    expect(pages[2]?.thumbnail).toEqual({ url: 'https://upload.example/c.jpg', width: 2, height: 3 });
  });

  test('a search with no results has no query at all: an empty list', () => {
    expect(reducePages({ batchcomplete: true })).toEqual([]);
  });

  test('malformed shapes are rejected, API errors become reasons', () => {
    expect(reduceTitles(['A'], { query: { pages: { '1': { title: 'A' } } } })).toEqual(malformed); // formatversion 1
    expect(reduceTitles(['A'], { query: { pages: [{ title: 42 }] } })).toEqual(malformed);
    expect(reduceTitles(['A'], 'not an object')).toEqual(malformed);
    expect(reducePages({ query: { pages: [{ title: 'A', pageprops: { disambiguation: true } }] } })).toEqual(malformed);
    expect(reduceTitles(['A'], { error: { code: 'maxlag', info: 'Waiting' } })).toEqual({
      status: 'error',
      reason: 'rate-limited',
    });
    expect(reduceTitles(['A'], { error: { code: 'internal_api_error', info: '' } })).toEqual({
      status: 'error',
      reason: 'unavailable',
    });
  });
});

const snak = (property: string, datavalue: { type: string; value: unknown }) => ({
  snaktype: 'value',
  property,
  datavalue,
});
const itemValue = (id: string) => ({ type: 'wikibase-entityid', value: { 'entity-type': 'item', id } });
const timeValue = (time: string, precision: number) => ({ type: 'time', value: { time, precision } });

type Claims = Parameters<typeof pendingFacts>[0];

describe('Wikidata answers', () => {
  test('current positions only, the latest population with its year, https websites, no deprecated values', () => {
    const claims: Claims = {
      P31: [{ mainsnak: snak('P31', itemValue('Q5')), rank: 'normal' as const }],
      P569: [{ mainsnak: snak('P569', timeValue('+1960-00-00T00:00:00Z', 9)), rank: 'normal' as const }],
      P39: [
        {
          mainsnak: snak('P39', itemValue('Q10')),
          rank: 'normal' as const,
          qualifiers: { P582: [snak('P582', timeValue('+2010-01-01T00:00:00Z', 11))] },
        },
        {
          mainsnak: snak('P39', itemValue('Q11')),
          rank: 'normal' as const,
          qualifiers: { P580: [snak('P580', timeValue('+2015-03-02T00:00:00Z', 11))] },
        },
      ],
      P1082: [
        {
          mainsnak: snak('P1082', { type: 'quantity', value: { amount: '+100', unit: '1' } }),
          rank: 'normal' as const,
          qualifiers: { P585: [snak('P585', timeValue('+2001-00-00T00:00:00Z', 9))] },
        },
        {
          mainsnak: snak('P1082', { type: 'quantity', value: { amount: '+250', unit: '1' } }),
          rank: 'normal' as const,
          qualifiers: { P585: [snak('P585', timeValue('+2020-00-00T00:00:00Z', 9))] },
        },
        {
          mainsnak: snak('P1082', { type: 'quantity', value: { amount: '+999', unit: '1' } }),
          rank: 'deprecated' as const,
          qualifiers: { P585: [snak('P585', timeValue('+2024-00-00T00:00:00Z', 9))] },
        },
      ],
      P856: [
        { mainsnak: snak('P856', { type: 'string', value: 'http://plain.example/' }), rank: 'normal' as const },
        { mainsnak: snak('P856', { type: 'string', value: 'https://safe.example/' }), rank: 'normal' as const },
      ],
    };
    const facts = completeFacts(
      pendingFacts(claims, 'en'),
      new Map([
        ['Q5', 'human'],
        ['Q10', 'Old post'],
        ['Q11', 'Current post'],
      ]),
    );
    expect(facts).toEqual([
      { label: 'Instance of', value: 'human' },
      { label: 'Born', value: '1960' },
      { label: 'Position', value: 'Current post', asOf: '2015-03-02' },
      { label: 'Population', value: '250', amount: 250, asOf: '2020' },
      { label: 'Website', value: 'https://safe.example/' },
    ]);
  });

  test('a preferred value wins over a more recent normal one', () => {
    const population = (amount: string, year: string, rank: 'normal' | 'preferred') => ({
      mainsnak: snak('P1082', { type: 'quantity', value: { amount, unit: '1' } }),
      rank,
      qualifiers: { P585: [snak('P585', timeValue(`+${year}-00-00T00:00:00Z`, 9))] },
    });
    const facts = pendingFacts(
      { P1082: [population('+5', '2020', 'preferred'), population('+6', '2023', 'normal')] },
      'en',
    );
    expect(facts).toEqual([{ label: 'Population', value: '5', amount: 5, asOf: '2020' }]);
  });

  test('values of the wrong type are skipped, malformed answers rejected', () => {
    const claims = {
      P569: [{ mainsnak: snak('P569', { type: 'string', value: 'yesterday' }), rank: 'normal' as const }],
    };
    expect(pendingFacts(claims, 'en')).toEqual([]);
    expect(
      getEntitiesSchema.safeParse({ entities: { Q1: { id: 'Q1', claims: { P31: [{ rank: 'normal' }] } } } }).success,
    ).toBe(false);
    expect(getEntitiesSchema.safeParse({ entities: { Q9: { id: 'Q9', missing: '' } }, success: 1 }).success).toBe(true);
  });
});

describe('Fact Check Tools answers', () => {
  test('publisher, rating, date and an https link on the publisher’s own site; reviews lacking one are dropped', () => {
    const items = reduceClaimSearch({
      claims: [
        {
          text: 'A claim',
          claimDate: '2021-01-01T00:00:00Z',
          claimReview: [
            {
              publisher: { name: 'Desk', site: 'desk.example' },
              url: 'https://desk.example/1',
              textualRating: 'False',
              reviewDate: '2021-02-03T00:00:00Z',
            },
            { publisher: { name: 'Plain' }, url: 'http://plain.example/1', textualRating: 'True' },
            { publisher: { site: 'site.example' }, url: 'https://site.example/2', textualRating: 'Misleading' },
            { publisher: { name: 'No rating' }, url: 'https://x.example/3' },
            { publisher: { name: 'Script' }, url: 'javascript:alert(1)', textualRating: 'False' },
            // A link to another host than the publisher's, or with no site to check it against.
            {
              publisher: { name: 'Desk', site: 'desk.example' },
              url: 'https://desk.example.evil.test/x',
              textualRating: 'True',
            },
            {
              publisher: { name: 'Desk', site: 'desk.example' },
              url: 'https://u:p@desk.example/y',
              textualRating: 'True',
            },
            { publisher: { name: 'Nowhere' }, url: 'https://nowhere.example/4', textualRating: 'False' },
          ],
        },
      ],
    });
    expect(items).toEqual([
      {
        publisher: 'Desk',
        rating: 'False',
        url: 'https://desk.example/1',
        date: '2021-02-03',
        claimReviewed: 'A claim',
      },
      {
        publisher: 'site.example',
        rating: 'Misleading',
        url: 'https://site.example/2',
        date: '2021-01-01',
        claimReviewed: 'A claim',
      },
    ]);
  });

  test('no match is an empty object; a wrong shape is malformed', () => {
    expect(reduceClaimSearch({})).toEqual([]);
    expect(reduceClaimSearch({ claims: 'none' })).toEqual(malformed);
  });
});

const query = (q: Partial<EntityQuery> & Pick<EntityQuery, 'name' | 'type'>): EntityQuery => ({
  key: 'k',
  related: [],
  ...q,
});
const summary = (title: string, description: string, extract = ''): PageSummary => ({
  title,
  description,
  extract,
  disambiguation: false,
});

describe('choosing an article', () => {
  test('direct titles: the event title first, the noun form, and never the bare name of a dated event', () => {
    expect(
      directTitles(query({ name: 'election', type: 'event', lookupTitle: '2020 Example election', date: '2020' })),
    ).toEqual(['2020 Example election']);
    expect(directTitles(query({ name: 'Alpha', type: 'place', descriptor: 'province' }))).toEqual([
      'Alpha Province',
      'Alpha province',
      'Alpha',
    ]);
    expect(directTitles(query({ name: 'summit', type: 'event' }))).toEqual(['summit']);
  });

  test('a disambiguation entry needs a clear win; a tie or no evidence gives no card', () => {
    const candidates = [
      summary('Mercury (planet)', 'Smallest planet in the Solar System', 'Mercury orbits the Sun.'),
      summary('Mercury (element)', 'Chemical element', 'Mercury is a metal.'),
      summary('Mercury Records', 'Record label', 'An American record label.'),
    ];
    expect(
      chooseFromDisambiguation(query({ name: 'Mercury', type: 'other', related: ['Sun', 'Venus'] }), candidates)?.title,
    ).toBe('Mercury (planet)');
    expect(
      chooseFromDisambiguation(query({ name: 'Mercury', type: 'organization', related: [] }), candidates)?.title,
    ).toBe('Mercury Records');
    expect(
      chooseFromDisambiguation(query({ name: 'Mercury', type: 'other', related: ['Jupiter'] }), candidates),
    ).toBeUndefined();
    expect(
      chooseFromDisambiguation(query({ name: 'Mercury', type: 'other', related: ['Sun'] }), [
        ...candidates,
        summary('Mercury (mythology)', 'Roman god', 'Mercury was the messenger, son of the Sun.'),
      ]),
    ).toBeUndefined();
  });

  test('search results: every word of the name, the year for a dated event, then the page’s other entities', () => {
    const results = [
      summary('Northland war (1990)', 'War in Northland', 'A war fought in 1990 in Northland.'),
      summary('Southland war', 'War in Southland', 'A war in Southland that began in 1990, fought by General Reyes.'),
      summary('War (film)', 'Film', 'A film from 1990.'),
    ];
    const q = query({ name: 'war', type: 'event', date: '1990-05', related: ['General Reyes', 'Southland'] });
    expect(chooseFromSearch(q, results)?.title).toBe('Southland war');
    expect(chooseFromSearch({ ...q, related: [] }, results)?.title).toBe('Northland war (1990)');
    expect(chooseFromSearch({ ...q, date: '1850' }, results)).toBeUndefined();
    expect(chooseFromSearch(query({ name: 'Blue Accord', type: 'law' }), results)).toBeUndefined();
  });
});

describe('the passage that bears on a claim', () => {
  const text =
    'Exampleland is a country. Its capital is Port Example.\n\nIn 2019 the government controlled about half of the territory, observers said. The economy shrank in 2019.';
  test('the sentence sharing the claim’s key words and year', () => {
    expect(
      bestPassage(text, {
        keyPhrase: 'government controls 90 per cent of the territory',
        entities: [],
        date: '2019-03-01',
      }),
    ).toBe('In 2019 the government controlled about half of the territory, observers said.');
  });
  test('nothing when no sentence shares enough', () => {
    expect(bestPassage(text, { keyPhrase: 'vaccines cause illness', entities: [] })).toBeUndefined();
  });
});

describe('titles a page cannot split', () => {
  test('names with "|" or other characters no title has are answered "not found" without reaching titles=', async () => {
    const { fetchTitles } = await import('../../lib/lookup/wikipedia');
    const { Http } = await import('../../lib/wikimedia/http');
    const asked: string[] = [];
    const http = new Http({
      fetch: async (url) => {
        asked.push(new URL(String(url)).searchParams.get('titles') ?? '');
        return new Response(JSON.stringify({ batchcomplete: true, query: { pages: [{ title: 'Paris', pageid: 1 }] } }));
      },
    });
    const site = { base: 'https://en.wikipedia.org', lang: 'en', userAgent: 'test' };
    const result = await fetchTitles(http, site, ['Paris', 'Paris|Main Page', 'A{{b}}']);
    expect(asked).toEqual(['Paris']);
    expect(result instanceof Map && result.get('Paris|Main Page')).toEqual({ found: false });
    expect(result instanceof Map && result.get('Paris')?.found).toBe(true);
    expect(await fetchTitles(http, site, ['x|y'])).toEqual(new Map([['x|y', { found: false }]]));
    expect(asked).toHaveLength(1);
  });
});
