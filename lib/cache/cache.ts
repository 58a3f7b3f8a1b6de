import type { LookupFailure } from '../contracts/lookups';
import type { CacheStore, CacheTotals } from './store';

/** The kinds of answers cached, each with its own lifetime. */
export type CacheKind = 'wp-title' | 'wp-search' | 'wp-links' | 'wp-text' | 'wd-facts' | 'wd-label' | 'factcheck';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Encyclopedia summaries change slowly; fact-checks appear as news develops, so they expire sooner. */
export const DEFAULT_TTL: Record<CacheKind, number> = {
  'wp-title': 7 * DAY,
  'wp-search': 2 * DAY,
  'wp-links': 7 * DAY,
  'wp-text': 2 * DAY,
  'wd-facts': 7 * DAY,
  'wd-label': 30 * DAY,
  factcheck: 6 * HOUR,
};

export interface CacheOptions {
  ttl: Record<CacheKind, number>;
  /** How long a failure is remembered (unless the source named a later retry time). */
  negativeTtlMs: number;
  cap: CacheTotals;
  now: () => number;
}

export const DEFAULT_CACHE_OPTIONS: CacheOptions = {
  ttl: DEFAULT_TTL,
  negativeTtlMs: 60_000,
  cap: { entries: 3000, bytes: 8 * 1024 * 1024 },
  now: () => Date.now(),
};

/** The longest a failure is remembered, even when a source asks for a longer wait. */
const MAX_NEGATIVE_MS = 10 * 60_000;

/**
 * The cache as source context, figure checks and the Perennial list use it: a value by key with
 * a lifetime, over the same store and caps as the lookups' (see `storeCache`).
 */
export interface KeyValueCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
}

/**
 * A `KeyValueCache` over the shared lookup store (IndexedDB), under the same caps, so source
 * answers count towards the cache's size and are cleared with it from the popup.
 */
export function storeCache(store: () => Promise<CacheStore>, now: () => number = Date.now): KeyValueCache {
  return {
    async get(key) {
      try {
        const entry = await (await store()).get(key);
        if (!entry || entry.expiresAt <= now()) return undefined;
        return entry.value;
      } catch {
        return undefined;
      }
    },
    async set(key, value, ttlMs) {
      try {
        const bytes = JSON.stringify(value).length + key.length;
        await (await store()).put(
          { key, kind: 'source', value, negative: false, expiresAt: now() + ttlMs, usedAt: now(), bytes },
          DEFAULT_CACHE_OPTIONS.cap,
        );
      } catch {
        // A full or broken store must not cost the reader the answer.
      }
    },
  };
}

/**
 * The answer kept under `key`, else the one `ask` gives, kept for `ttlMs` when `whole` says it
 * is whole (a part that failed is asked again next time).
 */
export async function keptOrAsked<T>(
  cache: KeyValueCache,
  key: string,
  ttlMs: number,
  ask: () => Promise<T>,
  whole: (answer: T) => boolean,
): Promise<T> {
  const cached = await cache.get(key);
  if (cached) return cached as T;
  const answer = await ask();
  if (whole(answer)) await cache.set(key, answer, ttlMs);
  return answer;
}

/** A value or why there is none; failures are what `lookupFailureSchema` describes. */
export type Outcome<T> = T | LookupFailure;

export function isFailure(value: unknown): value is LookupFailure {
  return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'error';
}

/**
 * Fetches the keys a cache does not know, in as few requests as it can; `deliver` hands over
 * answers as they arrive, the returned map the rest.
 */
type FetchMissing<T> = (
  missing: string[],
  deliver: (part: Map<string, Outcome<T>>) => Promise<void>,
) => Promise<Map<string, Outcome<T>>>;

/**
 * The lookup cache: answers by key from the persistent store, fetches what is missing in one
 * call per batch, shares in-flight fetches between concurrent callers asking for the same key,
 * keeps failures only briefly, and holds the store under its caps.
 */
export class LookupCache {
  private readonly options: CacheOptions;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: CacheStore,
    options: Partial<CacheOptions> = {},
  ) {
    this.options = { ...DEFAULT_CACHE_OPTIONS, ...options };
  }

  /** One key: cached value, or the value `fetch` gives (stored before it is returned). */
  async get<T>(kind: CacheKind, key: string, fetch: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const results = await this.getMany<T>(kind, [key], async () => new Map([[key, await fetch()]]));
    return results.get(key)!;
  }

  /**
   * Many keys of one kind: those cached or already being fetched are answered from there; the
   * rest go to `fetchMissing` in one call (which batches them into as few requests as it can).
   * A key `fetchMissing` does not answer counts as unavailable.
   */
  async getMany<T>(kind: CacheKind, keys: string[], fetchMissing: FetchMissing<T>): Promise<Map<string, Outcome<T>>> {
    const results = new Map<string, Outcome<T>>();
    const waits: Promise<void>[] = [];
    const missing = await this.answerKnown(kind, [...new Set(keys)], results, waits);
    if (missing.length) await this.fetchAndStore(kind, missing, fetchMissing, results, waits);
    await Promise.all(waits);
    return results;
  }

  /**
   * Answers each key from the store, or waits (through `waits`) for a fetch already under way;
   * gives back the keys neither knows.
   */
  private async answerKnown<T>(
    kind: CacheKind,
    keys: string[],
    results: Map<string, Outcome<T>>,
    waits: Promise<void>[],
  ): Promise<string[]> {
    const missing: string[] = [];
    await Promise.all(
      keys.map(async (key) => {
        const id = `${kind}:${key}`;
        const pending = this.inFlight.get(id);
        if (pending) {
          waits.push(pending.then((v) => void results.set(key, v as Outcome<T>)));
          return;
        }
        const hit = await this.read<T>(id);
        if (hit !== undefined) results.set(key, hit);
        else missing.push(key);
      }),
    );
    return missing;
  }

  /**
   * Fetches the missing keys nobody else is fetching yet (a key another caller took meanwhile
   * is waited for instead), storing each answer as it arrives and the rest as unavailable.
   */
  private async fetchAndStore<T>(
    kind: CacheKind,
    missing: string[],
    fetchMissing: FetchMissing<T>,
    results: Map<string, Outcome<T>>,
    waits: Promise<void>[],
  ): Promise<void> {
    // Register every missing key before the fetch starts, so a concurrent caller waits for it.
    const settle = new Map<string, (value: Outcome<T>) => void>();
    for (const key of missing) {
      const id = `${kind}:${key}`;
      if (this.inFlight.has(id)) {
        waits.push(this.inFlight.get(id)!.then((v) => void results.set(key, v as Outcome<T>)));
        continue;
      }
      this.inFlight.set(id, new Promise((done) => settle.set(key, done)));
    }
    // A key is stored and handed to its waiters as soon as its answer arrives, not when the
    // whole fetch is over: a worker stopped mid-fetch keeps every answer it already had.
    const store = async (key: string, value: Outcome<T>) => {
      const done = settle.get(key);
      if (!done) return;
      settle.delete(key);
      results.set(key, value);
      try {
        await this.write(kind, `${kind}:${key}`, value);
      } catch {
        // A full or broken store must not cost the reader the answer.
      } finally {
        this.inFlight.delete(`${kind}:${key}`);
        done(value);
      }
    };
    const own = [...settle.keys()];
    let fetched: Map<string, Outcome<T>>;
    try {
      fetched = own.length
        ? await fetchMissing(own, async (part) => {
            await Promise.all([...part].map(([key, value]) => store(key, value)));
          })
        : new Map();
    } catch {
      fetched = new Map();
    }
    await Promise.all(own.map((key) => store(key, fetched.get(key) ?? { status: 'error', reason: 'unavailable' })));
  }

  private async read<T>(id: string): Promise<Outcome<T> | undefined> {
    let entry: Awaited<ReturnType<CacheStore['get']>>;
    try {
      entry = await this.store.get(id);
    } catch {
      return undefined;
    }
    if (!entry) return undefined;
    const now = this.options.now();
    if (entry.expiresAt <= now) {
      await this.store.delete(id).catch(() => {});
      return undefined;
    }
    // Only successful answers earn their place in the eviction order.
    if (!entry.negative) await this.store.touch(id, now).catch(() => {});
    return entry.value as Outcome<T>;
  }

  private async write(kind: CacheKind, id: string, value: unknown): Promise<void> {
    const now = this.options.now();
    const negative = isFailure(value);
    let expiresAt = now + this.options.ttl[kind];
    if (negative) {
      const retryAt = (value as LookupFailure).retryAt;
      const until = retryAt !== undefined && retryAt > now ? retryAt : now + this.options.negativeTtlMs;
      expiresAt = Math.min(until, now + MAX_NEGATIVE_MS);
    }
    const bytes = JSON.stringify(value).length + id.length;
    await this.store.put({ key: id, kind, value, negative, expiresAt, usedAt: now, bytes }, this.options.cap);
  }

  /** Entry count and approximate size, for the popup. */
  stats(): Promise<CacheTotals> {
    return this.store.totals();
  }

  async clear(): Promise<CacheTotals> {
    await this.store.clear();
    return this.store.totals();
  }
}
