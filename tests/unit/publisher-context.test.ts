import { describe, expect, test } from 'vitest';
import { type SourceContext, sourceContextSchema, sourceQuerySchema } from '../../lib/contracts/sources';
import { PerennialList } from '../../lib/sources/perennial';
import { type SourceDeps, sourceContext } from '../../lib/sources/publisher-context';
import type { GetJson } from '../../lib/wikimedia/http';
import { answerSourceRequest } from '../e2e/api-stand-in/source/answers';

const ENDPOINTS = { wikipedia: 'http://127.0.0.1:9/wikipedia/{lang}', wikidata: 'http://127.0.0.1:9/wikidata' };

function deps(override?: (url: URL) => ReturnType<GetJson> | undefined) {
  const urls: URL[] = [];
  const getJson: GetJson = async (raw) => {
    const url = new URL(raw);
    urls.push(url);
    const overridden = override?.(url);
    if (overridden) return overridden;
    const data = answerSourceRequest(url);
    return data === undefined
      ? { ok: true, data: { batchcomplete: true, query: { pages: [{ title: 'x', missing: true }] }, search: [] } }
      : { ok: true, data };
  };
  const store = new Map<string, unknown>();
  const perennial = new PerennialList(
    getJson,
    { get: async (k) => store.get(k), set: async (k, v) => void store.set(k, v) },
    async () => ENDPOINTS.wikipedia,
  );
  const d: SourceDeps = { getJson, endpoints: ENDPOINTS, language: 'en', perennial };
  return { deps: d, urls };
}

function found(context: SourceContext) {
  if (context.entity.status !== 'found') throw new Error(`entity ${context.entity.status}`);
  return context.entity;
}

describe('source context for a publisher', () => {
  test("the seed page's publisher: Middle East Monitor with its Wikidata facts, extract and Perennial entry", async () => {
    const { deps: d, urls } = deps();
    const context = await sourceContext(
      { publisher: { name: 'Middle East Monitor', domain: 'middleeastmonitor.com' } },
      d,
    );
    expect(sourceContextSchema.safeParse(context).success).toBe(true);
    expect(context.name).toBe('Middle East Monitor');
    expect(context.websiteMatches).toBe(true);
    const entity = found(context);
    expect(entity.facts).toEqual([
      { label: 'Instance of', value: 'news website' },
      { label: 'Country', value: 'United Kingdom' },
      { label: 'Founded', value: '2009' },
      { label: 'Headquarters', value: 'London' },
      { label: 'Website', value: 'https://www.middleeastmonitor.com/' },
    ]);
    expect(entity.extract).toMatch(/^Middle East Monitor \(MEMO\) is a news website based in London/);
    // Links are https even though the stand-in endpoints are plain http on loopback.
    expect(entity.sources.map((s) => s.url)).toEqual([
      'https://en.wikipedia.org/wiki/Middle_East_Monitor',
      'https://www.wikidata.org/wiki/Q990001001',
    ]);
    expect(context.perennial).toMatchObject({ status: 'listed', matchedBy: 'domain' });
    if (context.perennial.status === 'listed') {
      expect(context.perennial.entries.map((e) => [e.name, e.status])).toEqual([
        ['Middle East Monitor', 'generally-unreliable'],
      ]);
    }
    // The Wikipedia page, the entity, the labels of its values, the Perennial list (2).
    expect(urls).toHaveLength(5);
    // Only the outlet's name left for Wikipedia and Wikidata; the domain never did.
    for (const url of urls) expect(url.search).not.toContain('middleeastmonitor.com');
  });

  test('a publisher known only by its domain is found through the official website property', async () => {
    const { deps: d, urls } = deps();
    const context = await sourceContext({ publisher: { domain: 'aa.com.tr' } }, d);
    expect(found(context).title).toBe('Anadolu Agency');
    expect(context.name).toBe('Anadolu Agency');
    expect(context.websiteMatches).toBe(true);
    expect(urls.some((u) => u.searchParams.get('srsearch')?.includes('P856=https://www.aa.com.tr/'))).toBe(true);
    // Both of the agency's entries in the list (general and controversial topics).
    expect(context.perennial.status === 'listed' && context.perennial.entries.length).toBe(2);
  });

  test('an outlet whose official website is another domain is refused: no card rather than the wrong one', async () => {
    const { deps: d } = deps();
    const context = await sourceContext({ publisher: { name: 'Middle East Monitor', domain: 'memo-copy.example' } }, d);
    expect(context.entity).toEqual({ status: 'none' });
    expect(context.websiteMatches).toBeUndefined();
    // The name still finds the list entry.
    expect(context.perennial).toMatchObject({ status: 'listed', matchedBy: 'name' });
  });

  test('a source not in the list is plainly "not listed"', async () => {
    const { deps: d } = deps();
    const context = await sourceContext({ name: 'Kremlin' }, d);
    expect(found(context).title).toBe('Moscow Kremlin');
    expect(context.perennial.status).toBe('not-listed');
  });

  test('an unknown name gives no entity and still a list answer; a failing source a clear reason', async () => {
    const { deps: d } = deps();
    const unknown = await sourceContext({ name: 'The Nonexistent Gazette' }, d);
    expect(unknown.entity).toEqual({ status: 'none' });
    expect(unknown.name).toBe('The Nonexistent Gazette');
    expect(unknown.perennial.status).toBe('not-listed');

    const failing = deps((url) =>
      url.searchParams.get('prop')?.includes('extracts')
        ? Promise.resolve({ ok: false, failure: { status: 'error', reason: 'timeout' } })
        : undefined,
    );
    const context = await sourceContext({ name: 'Middle East Monitor' }, failing.deps);
    expect(context.entity).toEqual({ status: 'error', reason: 'timeout' });
    expect(context.perennial.status).toBe('listed');

    const malformed = deps((url) =>
      url.searchParams.get('action') === 'wbgetentities'
        ? Promise.resolve({ ok: true, data: { entities: 'no' } })
        : undefined,
    );
    expect((await sourceContext({ name: 'Middle East Monitor' }, malformed.deps)).entity).toEqual({
      status: 'error',
      reason: 'malformed',
    });
  });

  test('queries: a publisher needs a name or a domain; domains are validated', () => {
    expect(sourceQuerySchema.safeParse({ publisher: {} }).success).toBe(false);
    expect(sourceQuerySchema.safeParse({ publisher: { domain: 'http://x.com/path' } }).success).toBe(false);
    expect(sourceQuerySchema.safeParse({ publisher: { domain: 'Example.COM' } }).data).toEqual({
      publisher: { domain: 'example.com' },
    });
    expect(sourceQuerySchema.safeParse({ name: 'Reuters' }).success).toBe(true);
  });
});

describe('links a source card may carry', () => {
  test('the official website is linked only when it is https, without credentials, on the page’s domain', async () => {
    const { officialWebsite } = await import('../../lib/sources/publisher-context');
    expect(officialWebsite('https://www.middleeastmonitor.com/', 'middleeastmonitor.com')).toBe(
      'https://www.middleeastmonitor.com/',
    );
    // A vandalised Wikidata item, or one for another outlet: not linked from this page's card.
    expect(officialWebsite('https://phish.example/login', 'middleeastmonitor.com')).toBeUndefined();
    expect(officialWebsite('https://user:pass@middleeastmonitor.com/', 'middleeastmonitor.com')).toBeUndefined();
    expect(officialWebsite('http://middleeastmonitor.com/', 'middleeastmonitor.com')).toBeUndefined();
    expect(officialWebsite('https://localhost/', undefined)).toBeUndefined();
  });
});

describe('names that cannot be titles', () => {
  test('a name with "|" never reaches titles= (where it would be two titles)', async () => {
    const { deps: d, urls } = deps();
    await sourceContext({ name: 'Reuters|Main Page' }, d);
    const titles = urls.flatMap((u) => u.searchParams.get('titles') ?? []);
    expect(titles.filter((t) => t.includes('Main Page') || t.includes('Reuters'))).toEqual([]);
  });
});
