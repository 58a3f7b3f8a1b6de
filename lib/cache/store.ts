import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** One cached answer, as stored. */
export interface CacheEntry {
  key: string;
  /** What kind of answer this is; expiry depends on it. */
  kind: string;
  value: unknown;
  /** True when `value` is a failure kept briefly so a dead source is not asked again at once. */
  negative: boolean;
  expiresAt: number;
  /** Last read or write, for least-recently-used eviction. */
  usedAt: number;
  /** Approximate size of `value` (its JSON length), for the size cap. */
  bytes: number;
}

export interface CacheTotals {
  entries: number;
  bytes: number;
}

/** Where cache entries live: IndexedDB in the extension, the same code over fake-indexeddb in tests. */
export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  /** Marks an entry as just used (for eviction order). */
  touch(key: string, usedAt: number): Promise<void>;
  /** Writes an entry, then evicts least-recently-used entries until both caps hold. */
  put(entry: CacheEntry, cap: CacheTotals): Promise<void>;
  delete(key: string): Promise<void>;
  totals(): Promise<CacheTotals>;
  clear(): Promise<void>;
  close(): void;
}

interface CacheDb extends DBSchema {
  entries: { key: string; value: CacheEntry; indexes: { usedAt: number } };
  meta: { key: string; value: CacheTotals };
}

const TOTALS = 'totals';

const zero = (): CacheTotals => ({ entries: 0, bytes: 0 });

/**
 * Writes an entry and its share of the running totals in one transaction, then evicts
 * least-recently-used entries (never the one just written) until both caps hold.
 */
async function putWithinCap(db: IDBPDatabase<CacheDb>, entry: CacheEntry, cap: CacheTotals): Promise<void> {
  const tx = db.transaction(['entries', 'meta'], 'readwrite');
  const entries = tx.objectStore('entries');
  const meta = tx.objectStore('meta');
  const totals = (await meta.get(TOTALS)) ?? zero();
  const old = await entries.get(entry.key);
  if (old) {
    totals.entries -= 1;
    totals.bytes -= old.bytes;
  }
  await entries.put(entry);
  totals.entries += 1;
  totals.bytes += entry.bytes;
  if (totals.entries > cap.entries || totals.bytes > cap.bytes) {
    let cursor = await entries.index('usedAt').openCursor();
    while (cursor && (totals.entries > cap.entries || totals.bytes > cap.bytes)) {
      if (cursor.value.key !== entry.key) {
        totals.entries -= 1;
        totals.bytes -= cursor.value.bytes;
        await cursor.delete();
      }
      cursor = await cursor.continue();
    }
  }
  await meta.put(totals, TOTALS);
  await tx.done;
}

/**
 * Opens (or creates) the cache database. Running totals are kept in a `meta` record updated
 * in the same transaction as every write, so the size cap is checked without reading every entry.
 */
export async function openIdbStore(name = 'sidenote-cache'): Promise<CacheStore> {
  const db: IDBPDatabase<CacheDb> = await openDB<CacheDb>(name, 1, {
    upgrade(database) {
      const entries = database.createObjectStore('entries', { keyPath: 'key' });
      entries.createIndex('usedAt', 'usedAt');
      database.createObjectStore('meta');
    },
  });

  return {
    get: (key) => db.get('entries', key),
    async touch(key, usedAt) {
      const tx = db.transaction('entries', 'readwrite');
      const entry = await tx.store.get(key);
      if (entry) await tx.store.put({ ...entry, usedAt });
      await tx.done;
    },
    put: (entry, cap) => putWithinCap(db, entry, cap),
    async delete(key) {
      const tx = db.transaction(['entries', 'meta'], 'readwrite');
      const old = await tx.objectStore('entries').get(key);
      if (old) {
        const totals = (await tx.objectStore('meta').get(TOTALS)) ?? zero();
        await tx.objectStore('entries').delete(key);
        await tx
          .objectStore('meta')
          .put({ entries: Math.max(0, totals.entries - 1), bytes: Math.max(0, totals.bytes - old.bytes) }, TOTALS);
      }
      await tx.done;
    },
    totals: async () => (await db.get('meta', TOTALS)) ?? zero(),
    async clear() {
      const tx = db.transaction(['entries', 'meta'], 'readwrite');
      await tx.objectStore('entries').clear();
      await tx.objectStore('meta').put(zero(), TOTALS);
      await tx.done;
    },
    close: () => db.close(),
  };
}

/**
 * The same store in memory, for when IndexedDB cannot be opened (storage disabled, a private
 * window that refuses it): lookups still work and stay capped, they just do not persist.
 */
export function openMemoryStore(): CacheStore {
  const entries = new Map<string, CacheEntry>();
  let bytes = 0;
  const remove = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= old.bytes;
  };
  return {
    get: async (key) => entries.get(key),
    async touch(key, usedAt) {
      const entry = entries.get(key);
      if (entry) entries.set(key, { ...entry, usedAt });
    },
    async put(entry, cap) {
      remove(entry.key);
      entries.set(entry.key, entry);
      bytes += entry.bytes;
      if (entries.size > cap.entries || bytes > cap.bytes) {
        const oldest = [...entries.values()].filter((e) => e.key !== entry.key).sort((a, b) => a.usedAt - b.usedAt);
        for (const e of oldest) {
          if (entries.size <= cap.entries && bytes <= cap.bytes) break;
          remove(e.key);
        }
      }
    },
    delete: async (key) => remove(key),
    totals: async () => ({ entries: entries.size, bytes }),
    async clear() {
      entries.clear();
      bytes = 0;
    },
    close: () => {},
  };
}
