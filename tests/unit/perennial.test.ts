import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { KeyValueCache } from '../../lib/cache/cache';
import type { PerennialEntry } from '../../lib/contracts/sources';
import {
  fetchPerennialList,
  matchByDomain,
  matchByName,
  PERENNIAL_LIST_URL,
  PERENNIAL_TTL_MS,
  PerennialList,
  parsePerennialWikitext,
  perennialStanding,
} from '../../lib/sources/perennial';
import { plainText, templates } from '../../lib/sources/wikitext';
import type { GetJson, JsonResult } from '../../lib/wikimedia/http';

const FIXTURES = 'tests/e2e/api-stand-in/source';
const parseFixture = JSON.parse(readFileSync(`${FIXTURES}/perennial-parse.json`, 'utf8'));
const subpagesFixture = JSON.parse(readFileSync(`${FIXTURES}/perennial-subpages.json`, 'utf8'));

/** Answers like the Action API does for the two requests the list needs; records every URL. */
function standIn(overrides: Partial<Record<'parse' | 'query', JsonResult>> = {}) {
  const urls: string[] = [];
  const getJson: GetJson = async (url) => {
    urls.push(url);
    const params = new URL(url).searchParams;
    const action = params.get('action') as 'parse' | 'query';
    if (overrides[action]) return overrides[action]!;
    if (action === 'parse' && params.get('page') === 'Wikipedia:Reliable sources/Perennial sources') {
      return { ok: true, data: parseFixture };
    }
    if (action === 'query' && params.get('prop') === 'revisions') return { ok: true, data: subpagesFixture };
    return { ok: false, failure: { status: 'error', reason: 'unavailable' } };
  };
  return { getJson, urls };
}

function memoryCache(now: () => number): KeyValueCache & { store: Map<string, { value: unknown; until: number }> } {
  const store = new Map<string, { value: unknown; until: number }>();
  return {
    store,
    get: async (key) => {
      const hit = store.get(key);
      return hit && hit.until > now() ? hit.value : undefined;
    },
    set: async (key, value, ttl) => {
      store.set(key, { value, until: now() + ttl });
    },
  };
}

async function loadEntries(): Promise<PerennialEntry[]> {
  const result = await fetchPerennialList(standIn().getJson, 'http://127.0.0.1:9/{lang}');
  if (!Array.isArray(result)) throw new Error(`list failed: ${result.reason}`);
  return result;
}

describe('Perennial sources: parsing the list', () => {
  test('every source row of both subpages is read, and the legend table is not taken for sources', async () => {
    const entries = await loadEntries();
    expect(entries.map((e) => [e.name, e.qualifier ?? null, e.status])).toEqual([
      ['Anadolu Agency', 'general topics', 'no-consensus'],
      ['Anadolu Agency', 'controversial topics', 'generally-unreliable'],
      ['Associated Press', null, 'generally-reliable'],
      ['Daily Mail', null, 'deprecated'],
      ['InfoWars', null, 'blacklisted'],
      ['Middle East Monitor', null, 'generally-unreliable'],
      ['Reuters', null, 'generally-reliable'],
      ['The Guardian', null, 'generally-reliable'],
    ]);
  });

  test('an entry carries its domains, aliases, one-line plain summary and https links', async () => {
    const memo = (await loadEntries()).find((e) => e.name === 'Middle East Monitor')!;
    expect(memo.domains).toEqual(['middleeastmonitor.com']);
    expect(memo.aliases).toEqual(['MEMO']);
    expect(memo.summary).toMatch(/^Middle East Monitor is a London-based news website\. .*attributed\.$/);
    expect(memo.summary).not.toMatch(/[[\]{}'\n]/);
    expect(memo.lastDiscussed).toBe('2023');
    // The most recent discussion is the last one in the cell: the 2023 RfC.
    expect(memo.discussionUrl).toBe(
      'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Noticeboard/Archive_410#RfC%3A_Middle_East_Monitor',
    );
    expect(memo.listUrl).toBe(`${PERENNIAL_LIST_URL}#Middle_East_Monitor`);

    const guardian = (await loadEntries()).find((e) => e.name === 'The Guardian')!;
    expect(guardian.aliases).toEqual(['The Observer']);
    expect(guardian.domains).toEqual(['theguardian.com', 'guardian.co.uk']);
    const mail = (await loadEntries()).find((e) => e.name === 'Daily Mail')!;
    expect(mail.summary).not.toContain('footnote'); // references are not summary text
  });

  test('rows without a status or a name, header rows and hostile markup give no entry and no throw', () => {
    const text = [
      '{| class="wikitable"',
      '|-',
      '! Source !! Status',
      '|- class="s-gr"',
      '| {{WP:RSPSTATUS|gr}}',
      '| no name here',
      '|- id="x"',
      '| [[Something]]',
      '| not a status',
      '|- class="s-gu" id="Hostile"',
      '| [[Hostile Site]] <script>alert(1)</script>',
      '| {{WP:RSPSTATUS|gu}}',
      '| ',
      '| {{WP:RSPLAST|2020}}',
      '| Summary with <b onclick="x()">markup</b> and {{unclosed',
      '| {{WP:RSPUSES|javascript:alert(1)|hostile.example}}',
      '|}',
    ].join('\n');
    const entries = parsePerennialWikitext(text);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.name).toBe('Hostile Site alert');
    expect(entries[0]?.qualifier).toBe('1');
    expect(entries[0]?.domains).toEqual(['hostile.example']);
    expect(entries[0]?.summary).not.toContain('<');
    expect(entries[0]?.discussionUrl).toMatch(/^https:\/\//);
  });

  test('wikitext helpers: nested templates, named arguments, entities', () => {
    expect(templates('{{a|{{b|1}}|x=2}} {{c}}').map((t) => [t.name, t.args, t.named])).toEqual([
      ['A', ['{{b|1}}'], { x: '2' }],
      ['C', [], {}],
    ]);
    expect(plainText("''[[Foo|Bar]]'' &amp; {{small|(baz)}} {{cite web|url=x}}<!-- hidden -->")).toBe('Bar & (baz)');
  });
});

describe('Perennial sources: matching', () => {
  test('by domain, including a subdomain of a listed domain', async () => {
    const entries = await loadEntries();
    expect(matchByDomain(entries, 'middleeastmonitor.com').map((e) => e.name)).toEqual(['Middle East Monitor']);
    expect(matchByDomain(entries, 'www.middleeastmonitor.com').map((e) => e.name)).toEqual(['Middle East Monitor']);
    expect(matchByDomain(entries, 'uk.reuters.com').map((e) => e.name)).toEqual(['Reuters']);
    // A look-alike domain is not the listed one.
    expect(matchByDomain(entries, 'notreuters.com')).toEqual([]);
  });

  test('by name or alias, ignoring case, punctuation and a leading "The"', async () => {
    const entries = await loadEntries();
    expect(matchByName(entries, 'middle east monitor').map((e) => e.status)).toEqual(['generally-unreliable']);
    expect(matchByName(entries, 'MEMO').map((e) => e.name)).toEqual(['Middle East Monitor']);
    expect(matchByName(entries, 'Guardian').map((e) => e.name)).toEqual(['The Guardian']);
    expect(matchByName(entries, 'The Observer').map((e) => e.name)).toEqual(['The Guardian']);
    // A cited agency with two entries gets both, so the card can show the split.
    expect(matchByName(entries, 'Anadolu Agency').map((e) => e.qualifier)).toEqual([
      'general topics',
      'controversial topics',
    ]);
  });

  test('standing: domain first, then name, else plainly not listed', async () => {
    const entries = await loadEntries();
    const publisher = perennialStanding(entries, {
      names: ['Some Other Name'],
      domains: ['middleeastmonitor.com'],
    });
    expect(publisher).toMatchObject({ status: 'listed', matchedBy: 'domain' });
    const cited = perennialStanding(entries, { names: ['Reuters'], domains: [] });
    expect(cited).toMatchObject({ status: 'listed', matchedBy: 'name' });
    expect(perennialStanding(entries, { names: ['Kremlin'], domains: ['kremlin.ru'] })).toEqual({
      status: 'not-listed',
      listUrl: PERENNIAL_LIST_URL,
    });
  });
});

describe('Perennial sources: fetching and caching', () => {
  test('two requests to the English Wikipedia endpoint, the second for the transcluded subpages only', async () => {
    const { getJson, urls } = standIn();
    await fetchPerennialList(getJson, 'http://127.0.0.1:9/{lang}');
    expect(urls).toHaveLength(2);
    const [first, second] = urls.map((u) => new URL(u));
    expect(first?.pathname).toBe('/en/w/api.php');
    expect(first?.searchParams.get('prop')).toBe('wikitext|templates');
    expect(second?.searchParams.get('titles')).toBe(
      'Wikipedia:Reliable sources/Perennial sources/1|Wikipedia:Reliable sources/Perennial sources/2',
    );
    for (const u of [first, second]) expect(u?.searchParams.get('origin')).toBe('*');
  });

  test('a large answer given in parts (continue) is followed, and every subpage is read', async () => {
    const urls: string[] = [];
    const [one, two] = subpagesFixture.query.pages;
    const getJson: GetJson = async (url) => {
      urls.push(url);
      const params = new URL(url).searchParams;
      if (params.get('action') === 'parse') return { ok: true, data: parseFixture };
      if (!params.get('rvcontinue')) {
        // The first part: the second page without its content yet, and where to go on.
        return {
          ok: true,
          data: {
            continue: { rvcontinue: '74581202|0', continue: '||' },
            query: { pages: [one, { pageid: two.pageid, ns: 4, title: two.title }] },
          },
        };
      }
      return {
        ok: true,
        data: { batchcomplete: true, query: { pages: [{ pageid: one.pageid, ns: 4, title: one.title }, two] } },
      };
    };
    const result = await fetchPerennialList(getJson, 'https://{lang}.wikipedia.org');
    expect(Array.isArray(result) && result.map((e) => e.name)).toContain('Reuters');
    expect(urls).toHaveLength(3);
    expect(new URL(urls[2]!).searchParams.get('rvcontinue')).toBe('74581202|0');
  });

  test('cached for a day: the second lookup makes no request, a day later the list is fetched again', async () => {
    let now = 1_000_000;
    const cache = memoryCache(() => now);
    const { getJson, urls } = standIn();
    const list = new PerennialList(getJson, cache, async () => 'https://{lang}.wikipedia.org');
    const first = await list.standing({ names: ['Middle East Monitor'], domains: [] });
    expect(first.status).toBe('listed');
    expect(urls).toHaveLength(2);
    now += PERENNIAL_TTL_MS - 1000;
    await list.standing({ names: ['Reuters'], domains: [] });
    expect(urls).toHaveLength(2);
    now += 2000;
    await list.standing({ names: ['Reuters'], domains: [] });
    expect(urls).toHaveLength(4);
  });

  test('concurrent lookups share one fetch', async () => {
    const { getJson, urls } = standIn();
    const list = new PerennialList(getJson, memoryCache(Date.now), async () => 'https://{lang}.wikipedia.org');
    await Promise.all([1, 2, 3].map(() => list.standing({ names: ['Reuters'], domains: [] })));
    expect(urls).toHaveLength(2);
  });

  test('failures give a clear reason and nothing is cached', async () => {
    const cache = memoryCache(Date.now);
    const rateLimited = standIn({
      parse: { ok: false, failure: { status: 'error', reason: 'rate-limited', retryAt: 5 } },
    });
    const list = new PerennialList(rateLimited.getJson, cache, async () => 'https://{lang}.wikipedia.org');
    expect(await list.standing({ names: ['Reuters'], domains: [] })).toEqual({
      status: 'error',
      reason: 'rate-limited',
      retryAt: 5,
    });
    expect(cache.store.size).toBe(0);

    const malformed = standIn({ parse: { ok: true, data: { parse: { title: 7 } } } });
    expect(await fetchPerennialList(malformed.getJson, 'https://{lang}.wikipedia.org')).toEqual({
      status: 'error',
      reason: 'malformed',
    });
    // A page that parses but holds no rows means its shape changed: an error, not "not listed".
    const empty = standIn({
      parse: {
        ok: true,
        data: { parse: { title: 'Wikipedia:Reliable sources/Perennial sources', wikitext: 'moved' } },
      },
    });
    expect(await fetchPerennialList(empty.getJson, 'https://{lang}.wikipedia.org')).toEqual({
      status: 'error',
      reason: 'malformed',
    });
    const badSubpages = standIn({ query: { ok: true, data: { query: { pages: 'nope' } } } });
    expect(await fetchPerennialList(badSubpages.getJson, 'https://{lang}.wikipedia.org')).toEqual({
      status: 'error',
      reason: 'malformed',
    });
  });
});
