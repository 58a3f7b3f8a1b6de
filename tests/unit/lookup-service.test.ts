import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { LookupCache } from '../../lib/cache/cache';
import { type CacheStore, openIdbStore } from '../../lib/cache/store';
import { LookupService } from '../../lib/lookup/service';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import { Http, userAgentFor } from '../../lib/wikimedia/http';
import { type ApiStandIn, installApiStandIn, STAND_IN_API_KEY } from '../e2e/api-stand-in';
import { SEED_EXPECTED, SEED_QUERIES } from '../e2e/api-stand-in/seed-queries';
import { startServer, type TestServer } from '../e2e/server';

let server: TestServer;
let standIn: ApiStandIn;
let store: CacheStore;
let dbCount = 0;
let settings: Settings;
/** The Fact Check key as the background's secret store would give it, and the address it was given for. */
let secret: { key: string; endpoint: string } | null;

function service(options: { http?: Http; cache?: LookupCache } = {}) {
  return new LookupService({
    http: options.http ?? new Http({ timeoutMs: 1500 }),
    cache: options.cache ?? new LookupCache(store),
    settings: async () => settings,
    userAgent: userAgentFor('9.9.9'),
    factCheckKey: async (endpoint) => (secret && secret.endpoint === endpoint ? secret.key : ''),
  });
}

beforeAll(async () => {
  server = await startServer();
  standIn = installApiStandIn(server);
});
afterAll(() => server.close());
beforeEach(async () => {
  standIn.reset();
  dbCount += 1;
  store = await openIdbStore(`lookup-service-${dbCount}`);
  settings = { ...DEFAULT_SETTINGS, endpoints: { ...standIn.endpoints } };
  secret = null;
});
afterEach(() => store.close());

describe('lookupEntities against the API stand-in', () => {
  test('the seed page: every entity links to its article in at most 4 Wikipedia requests, then none', async () => {
    const results = await service().lookupEntities(SEED_QUERIES);
    const titles = Object.fromEntries(
      Object.entries(results).map(([k, r]) => [k, r.status === 'found' ? r.title : r.status]),
    );
    expect(titles).toEqual(SEED_EXPECTED);
    expect(standIn.counts.wikipedia).toBeLessThanOrEqual(4);
    expect(standIn.counts.wikidata).toBeLessThanOrEqual(2);
    console.log(`seed cold: wikipedia ${standIn.counts.wikipedia}, wikidata ${standIn.counts.wikidata}`);

    standIn.reset();
    const again = await service().lookupEntities(SEED_QUERIES);
    expect(again).toEqual(results);
    expect(standIn.counts).toEqual({ wikipedia: 0, wikidata: 0, factcheck: 0 });
  });

  test('without searches (the load batch), names whose titles miss answer deferred and cost no search', async () => {
    const queries = [
      { key: 'm', name: 'Moscow', type: 'place' as const, related: [] },
      { key: 'x', name: 'Nowhere Land Of Made Up Names', type: 'organization' as const, related: [] },
    ];
    const results = await service().lookupEntities(queries, { search: false });
    expect(results.m).toMatchObject({ status: 'found', title: 'Moscow' });
    expect(results.x).toEqual({ status: 'deferred' });
    expect(standIn.counts.wikipedia).toBe(1);
    expect(standIn.log.some((r) => r.url.includes('search'))).toBe(false);

    const searched = await service().lookupEntities(queries, { search: true });
    expect(searched.x).toEqual({ status: 'none' });
    expect(standIn.log.some((r) => r.url.includes('search'))).toBe(true);
  });

  test('facts come from Wikidata: current position only, latest population with its year, https sites', async () => {
    const results = await service().lookupEntities(SEED_QUERIES);
    const putin = results['e-putin'];
    expect(putin?.status === 'found' && putin.facts).toEqual([
      { label: 'Instance of', value: 'human' },
      { label: 'Born', value: '1952-10-07' },
      { label: 'Position', value: 'President of Russia', asOf: '2012-05-07' },
    ]);
    const moscow = results['e-moscow'];
    expect(moscow?.status === 'found' && moscow.facts.find((f) => f.label === 'Population')).toEqual({
      label: 'Population',
      value: '13,000,000',
      amount: 13000000,
      asOf: '2021',
    });
    const eu = results['e-eu'];
    expect(eu?.status === 'found' && eu.facts.filter((f) => f.label === 'Website').map((f) => f.value)).toEqual([
      'https://european-union.example/',
    ]);
    expect(eu?.status === 'found' && eu.sources.map((s) => s.url)).toEqual([
      'https://en.wikipedia.org/wiki/European_Union',
      'https://www.wikidata.org/wiki/Q9000008',
    ]);
  });

  test('a disambiguation page is never the answer: the entry fitting the page wins, or nothing', async () => {
    const results = await service().lookupEntities([
      { key: 'caucasus', name: 'Georgia', type: 'place', related: ['Tbilisi', 'Armenia'] },
      { key: 'south', name: 'Georgia', type: 'place', related: ['Atlanta', 'Savannah'] },
      { key: 'unclear', name: 'Georgia', type: 'place', related: [] },
    ]);
    expect(results.caucasus).toMatchObject({ status: 'found', title: 'Georgia (country)' });
    expect(results.south).toMatchObject({ status: 'found', title: 'Georgia (U.S. state)' });
    expect(results.unclear).toEqual({ status: 'none' });
  });

  test('an event whose title misses is found by search with its year', async () => {
    const results = await service().lookupEntities([
      {
        key: 'x',
        name: 'Syrian presidential election',
        type: 'event',
        lookupTitle: '2021 Syrian presidential elections',
        date: '2021-05',
        related: ['Bashar Al-Assad'],
      },
    ]);
    expect(results.x).toMatchObject({ status: 'found', title: '2021 Syrian presidential election' });
    expect(standIn.log.some((l) => /gsrsearch=Syrian\+presidential\+election\+2021/.test(l.url))).toBe(true);
  });

  test('a place without its noun resolves to the article of that name', async () => {
    const results = await service().lookupEntities([{ key: 'x', name: 'Daraa', type: 'place', related: [] }]);
    expect(results.x).toMatchObject({ status: 'found', title: 'Daraa' });
  });

  test('a dated event never resolves to the general article of its name', async () => {
    const results = await service().lookupEntities([
      { key: 'x', name: 'civil war', type: 'event', date: '1850', related: ['Syria'] },
    ]);
    expect(results.x).toEqual({ status: 'none' });
  });

  test('only the looked-up phrases leave: no page address, an Api-User-Agent naming Sidenote', async () => {
    await service().lookupEntities(SEED_QUERIES);
    for (const entry of standIn.log) {
      expect(entry.referer).toBeUndefined();
      expect(entry.apiUserAgent).toBe('Sidenote/9.9.9 (browser extension)');
      expect(entry.url).not.toMatch(/putin-assad-memo|127\.0\.0\.1/);
    }
  });
});

describe('failures end in a clear status and are not kept for long', () => {
  for (const [mode, reason] of [
    ['500', 'unavailable'],
    ['malformed', 'malformed'],
    ['html', 'malformed'],
    ['hang', 'timeout'],
  ] as const) {
    test(`${mode} → ${reason}, remembered briefly, refetched after the negative TTL`, async () => {
      let now = 1_000_000;
      const cache = new LookupCache(store, { negativeTtlMs: 30_000, now: () => now });
      const http = new Http({ timeoutMs: 300 });
      standIn.fail('wikipedia', { mode });
      const query = [{ key: 'm', name: 'Moscow', type: 'place' as const, related: [] }];
      expect((await service({ http, cache }).lookupEntities(query)).m).toEqual({ status: 'error', reason });
      const asked = standIn.counts.wikipedia;
      expect(asked).toBe(1);

      standIn.fail('wikipedia', null);
      // Within the negative TTL the failure is answered from the cache: the source is not hammered.
      expect((await service({ http, cache }).lookupEntities(query)).m).toEqual({ status: 'error', reason });
      expect(standIn.counts.wikipedia).toBe(asked);
      now += 30_001;
      expect((await service({ http, cache }).lookupEntities(query)).m).toMatchObject({
        status: 'found',
        title: 'Moscow',
      });
      expect(standIn.counts.wikipedia).toBe(asked + 1);
    });
  }

  test('429 with a short Retry-After is waited out once and then answered', async () => {
    standIn.fail('wikipedia', { mode: '429', retryAfter: 1, times: 1 });
    const results = await service().lookupEntities([{ key: 'm', name: 'Moscow', type: 'place', related: [] }]);
    expect(results.m).toMatchObject({ status: 'found', title: 'Moscow' });
    expect(standIn.counts.wikipedia).toBe(2);
  });

  test('429 with a long Retry-After: rate-limited with a retry time, and the source is left alone until then', async () => {
    standIn.fail('wikipedia', { mode: '429', retryAfter: 120 });
    const http = new Http();
    const before = Date.now();
    const first = await service({ http }).lookupEntities([{ key: 'a', name: 'Moscow', type: 'place', related: [] }]);
    expect(first.a).toMatchObject({ status: 'error', reason: 'rate-limited' });
    const retryAt = first.a?.status === 'error' ? (first.a.retryAt ?? 0) : 0;
    expect(retryAt).toBeGreaterThanOrEqual(before + 119_000);
    // A different title, not cached: the host itself is backed off, so no request is made.
    const second = await service({ http }).lookupEntities([{ key: 'b', name: 'Syria', type: 'place', related: [] }]);
    expect(second.b).toMatchObject({ status: 'error', reason: 'rate-limited' });
    expect(standIn.counts.wikipedia).toBe(1);
  });

  test('Wikidata down: the card keeps its summary, without facts', async () => {
    standIn.fail('wikidata', { mode: '500' });
    const results = await service().lookupEntities([{ key: 'm', name: 'Moscow', type: 'place', related: [] }]);
    expect(results.m).toMatchObject({ status: 'found', title: 'Moscow', facts: [] });
  });

  test('offline: no request, a clear offline state', async () => {
    const http = new Http({ online: () => false });
    const results = await service({ http }).lookupEntities([{ key: 'm', name: 'Moscow', type: 'place', related: [] }]);
    expect(results.m).toEqual({ status: 'error', reason: 'offline' });
    expect(standIn.counts.wikipedia).toBe(0);
  });
});

describe('lookupClaim', () => {
  const claim = {
    key: 'c0',
    kind: 'statistic' as const,
    keyPhrase: 'Syrian government controls 90 per cent of the territory',
    entities: ['Vladimir Putin', 'Syria'],
    subjects: [],
    date: '2021-09-14',
  };

  test('without an API key: no fact-check request, the card is told how to add one', async () => {
    const result = await service().lookupClaim(claim);
    expect(result.factChecks).toEqual({ status: 'no-key' });
    expect(standIn.counts.factcheck).toBe(0);
    expect(result.context).toMatchObject({
      title: 'Syrian civil war',
      url: 'https://en.wikipedia.org/wiki/Syrian_civil_war',
    });
    expect(result.context?.passage).toMatch(/territory/);
    expect(result.context?.passage).toMatch(/government/);
  });

  test('with a key: reviews with publisher, rating, date and https link only', async () => {
    secret = { key: STAND_IN_API_KEY, endpoint: settings.endpoints.factCheck };
    const result = await service().lookupClaim(claim);
    expect(result.factChecks).toEqual({
      status: 'ok',
      items: [
        {
          publisher: 'Example Fact Desk',
          rating: 'Exaggerated',
          url: 'https://factdesk.example/checks/syria-territory-share',
          date: '2021-09-20',
          claimReviewed: 'The Syrian government controls 90 per cent of the country’s territory.',
        },
      ],
    });
    const [request] = standIn.log.filter((l) => l.api === 'factcheck');
    expect(new URL(request!.url, server.origin).searchParams.get('languageCode')).toBe('en');
  });

  test('a claim that names no event gets the page’s event that bears on it, without a search', async () => {
    const result = await service().lookupClaim({
      key: 'c2',
      kind: 'statistic',
      keyPhrase: 'Syrian government, headed you, controls 90 per cent territory.',
      entities: ['Kremlin', 'Vladimir Putin', 'Bashar Al-Assad'],
      subjects: [],
      pageEvents: ['Syrian civil war', '2021 Syrian presidential election', 'Russian intervention in Syria'],
    });
    expect(result.context).toMatchObject({ title: 'Syrian civil war' });
    // The figure and its qualification: how much territory the government held, and that estimates vary.
    expect(result.context?.passage).toMatch(/two thirds of the country’s territory/);
    expect(result.context?.passage).toMatch(/Estimates/);
    expect(standIn.log.some((r) => r.url.includes('search'))).toBe(false);
  });

  test('a disputed claim about an event gets that event’s article', async () => {
    const result = await service().lookupClaim({
      key: 'c1',
      kind: 'disputed',
      keyPhrase: 'election described as fraudulent',
      entities: [],
      subjects: ['2021 Syrian presidential election'],
      date: '2021-09-14',
    });
    expect(result.context).toMatchObject({ title: '2021 Syrian presidential election' });
    expect(result.context?.passage).toMatch(/neither free nor fair/);
  });

  test('fact-check source failing: a failure status, the context still there', async () => {
    secret = { key: STAND_IN_API_KEY, endpoint: settings.endpoints.factCheck };
    standIn.fail('factcheck', { mode: '503' });
    const result = await service().lookupClaim(claim);
    expect(result.factChecks).toEqual({ status: 'error', reason: 'unavailable' });
    expect(result.context?.title).toBe('Syrian civil war');
  });
});

describe('the stand-in answers CORS like the real services', () => {
  test('Action API: Access-Control-Allow-Origin only with origin=*, preflights allow Api-User-Agent', async () => {
    const base = `${server.origin}/wikipedia/en/w/api.php?action=query&titles=Moscow&format=json&formatversion=2`;
    expect((await fetch(`${base}&origin=*`)).headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(base)).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${base}&origin=*`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://x',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'api-user-agent',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Api-User-Agent/i);
    expect(standIn.preflights.wikipedia).toBe(1);
  });
});

describe('shared work', () => {
  test('two pages asking for the same entities at once share the requests', async () => {
    const s = service();
    const [a, b] = await Promise.all([s.lookupEntities(SEED_QUERIES), s.lookupEntities(SEED_QUERIES)]);
    expect(a).toEqual(b);
    expect(standIn.counts.wikipedia).toBeLessThanOrEqual(4);
    expect(standIn.counts.wikidata).toBeLessThanOrEqual(2);
  });
});

describe('the stand-in REST summary', () => {
  test('a page, a redirect and a missing title, shaped like the REST API', async () => {
    const rest = `${server.origin}/wikipedia/en/api/rest_v1/page/summary`;
    const moscow = await fetch(`${rest}/Moscow`);
    expect(moscow.headers.get('access-control-allow-origin')).toBe('*');
    expect(await moscow.json()).toMatchObject({ type: 'standard', title: 'Moscow', wikibase_item: 'Q9000003' });
    const redirected = await fetch(`${rest}/EU`);
    expect(redirected.url).toMatch(/European_Union$/);
    expect(await fetch(`${rest}/Nowhere_at_all`).then((r) => r.status)).toBe(404);
  });
});
