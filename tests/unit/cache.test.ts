import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LookupCache } from '../../lib/cache/cache';
import { type CacheStore, openIdbStore, openMemoryStore } from '../../lib/cache/store';

let store: CacheStore;
let name: string;
let serial = 0;
let now = 1_000_000;
const clock = () => now;

beforeEach(async () => {
  serial += 1;
  name = `cache-test-${serial}`;
  store = await openIdbStore(name);
  now = 1_000_000;
});
afterEach(() => store.close());

describe('LookupCache', () => {
  test('a cached answer is served without fetching, until it expires', async () => {
    const cache = new LookupCache(store, { now: clock });
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      return { title: 'Moscow' };
    };
    expect(await cache.get('wp-title', 'k', fetch)).toEqual({ title: 'Moscow' });
    expect(await cache.get('wp-title', 'k', fetch)).toEqual({ title: 'Moscow' });
    expect(fetches).toBe(1);
    now += 7 * 24 * 3_600_000 + 1;
    await cache.get('wp-title', 'k', fetch);
    expect(fetches).toBe(2);
  });

  test('a batch answered in parts is stored part by part: a worker stopped mid-fetch keeps what arrived', async () => {
    const cache = new LookupCache(store, { now: clock });
    let release: () => void = () => {};
    const slowPart = new Promise<void>((done) => {
      release = done;
    });
    const first = cache.getMany<string>('wp-title', ['a', 'b'], async (missing, deliver) => {
      expect(missing).toEqual(['a', 'b']);
      await deliver(new Map([['a', 'Alpha']]));
      await slowPart;
      return new Map([
        ['a', 'Alpha'],
        ['b', 'Beta'],
      ]);
    });
    // Another worker (a fresh cache over the same database) finds the first part already stored.
    await new Promise((done) => setTimeout(done, 20));
    const restarted = new LookupCache(await openIdbStore(name), { now: clock });
    let refetched: string[] = [];
    const later = await restarted.getMany<string>('wp-title', ['a'], async (missing) => {
      refetched = missing;
      return new Map();
    });
    expect(later.get('a')).toBe('Alpha');
    expect(refetched).toEqual([]);
    release();
    expect(await first).toEqual(
      new Map([
        ['a', 'Alpha'],
        ['b', 'Beta'],
      ]),
    );
  });

  test('fact-checks expire sooner than summaries', async () => {
    const cache = new LookupCache(store, { now: clock });
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      return [];
    };
    await cache.get('factcheck', 'q', fetch);
    await cache.get('wp-title', 'q', fetch);
    now += 12 * 3_600_000;
    await cache.get('factcheck', 'q', fetch);
    await cache.get('wp-title', 'q', fetch);
    expect(fetches).toBe(3);
  });

  test('survives the worker being stopped: a new cache over the same database answers without fetching', async () => {
    const first = new LookupCache(store, { now: clock });
    await first.getMany('wp-title', ['a', 'b'], async (keys) => new Map(keys.map((k) => [k, { title: k }])));
    store.close();
    store = await openIdbStore(name);
    const second = new LookupCache(store, { now: clock });
    let asked: string[] = [];
    const result = await second.getMany('wp-title', ['a', 'b', 'c'], async (keys) => {
      asked = keys;
      return new Map(keys.map((k) => [k, { title: k }]));
    });
    expect(asked).toEqual(['c']);
    expect([...result.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(await second.stats()).toMatchObject({ entries: 3 });
  });

  test('concurrent requests for the same keys share one fetch', async () => {
    const cache = new LookupCache(store, { now: clock });
    const calls: string[][] = [];
    const fetchMissing = async (keys: string[]) => {
      calls.push(keys);
      await new Promise((done) => setTimeout(done, 20));
      return new Map(keys.map((k) => [k, { title: k.toUpperCase() }]));
    };
    const [a, b, c] = await Promise.all([
      cache.getMany('wp-title', ['x', 'y'], fetchMissing),
      cache.getMany('wp-title', ['y', 'x'], fetchMissing),
      cache.get('wp-title', 'x', async () => ({ title: 'never' })),
    ]);
    expect(calls.flat().sort()).toEqual(['x', 'y']);
    expect(a.get('x')).toEqual({ title: 'X' });
    expect(b.get('y')).toEqual({ title: 'Y' });
    expect(c).toEqual({ title: 'X' });
  });

  test('failures are kept only briefly, and until a named retry time when there is one', async () => {
    const cache = new LookupCache(store, { now: clock, negativeTtlMs: 30_000 });
    let fetches = 0;
    const failing = async () => {
      fetches += 1;
      return { status: 'error' as const, reason: 'unavailable' as const };
    };
    await cache.get('wp-title', 'dead', failing);
    await cache.get('wp-title', 'dead', failing);
    expect(fetches).toBe(1);
    now += 30_001;
    await cache.get('wp-title', 'dead', failing);
    expect(fetches).toBe(2);

    const limited = async () => {
      fetches += 1;
      return { status: 'error' as const, reason: 'rate-limited' as const, retryAt: now + 120_000 };
    };
    await cache.get('wp-title', 'busy', limited);
    now += 60_000;
    await cache.get('wp-title', 'busy', limited);
    expect(fetches).toBe(3);
    now += 60_001;
    await cache.get('wp-title', 'busy', limited);
    expect(fetches).toBe(4);
  });

  test('a fetch that throws or leaves a key out gives "unavailable", never an exception', async () => {
    const cache = new LookupCache(store, { now: clock });
    expect(
      await cache.get('wp-search', 'q', async () => {
        throw new Error('boom');
      }),
    ).toEqual({ status: 'error', reason: 'unavailable' });
    const many = await cache.getMany('wp-title', ['a', 'b'], async () => new Map([['a', { title: 'A' }]]));
    expect(many.get('b')).toEqual({ status: 'error', reason: 'unavailable' });
  });

  test('the cap holds under a flood of distinct lookups, evicting the least recently used', async () => {
    const cap = { entries: 50, bytes: 6_000 };
    const cache = new LookupCache(store, { now: clock, cap });
    const value = (k: string) => ({ title: k, extract: 'x'.repeat(150) });
    await cache.get('wp-title', 'keep', async () => value('keep'));
    for (let i = 0; i < 400; i += 1) {
      now += 1;
      if (i % 10 === 0) await cache.get('wp-title', 'keep', async () => value('refetched')); // stays in use
      await cache.get('wp-title', `flood-${i}`, async () => value(`flood-${i}`));
      const totals = await cache.stats();
      expect(totals.entries).toBeLessThanOrEqual(cap.entries);
      expect(totals.bytes).toBeLessThanOrEqual(cap.bytes);
    }
    // Recently used survived; the oldest flood entries were evicted.
    expect(await cache.get('wp-title', 'keep', async () => value('refetched'))).toEqual(value('keep'));
    let refetched = false;
    await cache.get('wp-title', 'flood-0', async () => {
      refetched = true;
      return value('flood-0');
    });
    expect(refetched).toBe(true);
    const totals = await cache.stats();
    expect(totals.entries).toBeGreaterThan(10);
  });

  test('clear empties the store and its totals', async () => {
    const cache = new LookupCache(store, { now: clock });
    await cache.get('wp-title', 'a', async () => ({ title: 'a' }));
    expect((await cache.stats()).entries).toBe(1);
    expect(await cache.clear()).toEqual({ entries: 0, bytes: 0 });
  });
});

describe('the memory store (when IndexedDB is refused)', () => {
  test('keeps the same caps under a flood', async () => {
    const cap = { entries: 20, bytes: 3_000 };
    const cache = new LookupCache(openMemoryStore(), { now: clock, cap });
    for (let i = 0; i < 200; i += 1) {
      now += 1;
      await cache.get('wp-title', `k${i}`, async () => ({ title: `k${i}`, extract: 'y'.repeat(100) }));
      const totals = await cache.stats();
      expect(totals.entries).toBeLessThanOrEqual(cap.entries);
      expect(totals.bytes).toBeLessThanOrEqual(cap.bytes);
    }
    let fetched = false;
    await cache.get('wp-title', 'k199', async () => {
      fetched = true;
      return { title: 'again' };
    });
    expect(fetched).toBe(false);
  });
});
