import browser from 'webextension-polyfill';
import { type CacheStore, openIdbStore, openMemoryStore } from '../cache/store';
import { type BackoffStore, Http, userAgentFor } from '../wikimedia/http';
import { PrivateCache } from './private';

/**
 * What every source shares in the background: one HTTP client (one limit of requests in
 * flight, one Retry-After backoff per endpoint, for Wikipedia, Wikidata, Fact Check Tools and
 * the Perennial list alike), one IndexedDB handle, one user-agent string.
 */
export interface BackgroundResources {
  http: Http;
  /** The cache's store, opened on first use (a worker woken for another message never pays for it). */
  store: () => Promise<CacheStore>;
  /** The memory-only cache of private tabs' lookups (lib/background/private.ts). */
  privateCache: PrivateCache;
  /** `Api-User-Agent`: Wikimedia asks clients that cannot set User-Agent to name themselves there. */
  userAgent: string;
}

const BACKOFF_KEY = 'backoff';

/**
 * Backoffs kept in `storage.session`: they outlive a worker the browser stopped (a restarted worker
 * must not ask a source that said "not before 12:05" again at 12:01), not the browser session, and
 * that area is the extension's own (content scripts are not given it). None where it is missing.
 */
export function sessionBackoffStore(): BackoffStore | undefined {
  const area = (browser.storage as { session?: browser.Storage.StorageArea }).session;
  if (!area) return undefined;
  return {
    load: async () => {
      const value = (await area.get(BACKOFF_KEY))[BACKOFF_KEY];
      return value && typeof value === 'object' ? (value as Record<string, number>) : {};
    },
    save: (backoff) => area.set({ [BACKOFF_KEY]: backoff }),
  };
}

/** The background's one set of shared resources (built once per worker start). */
export function backgroundResources(
  version = browser.runtime.getManifest().version,
  open: () => Promise<CacheStore> = openIdbStore,
  http: Http = new Http({ backoffStore: sessionBackoffStore() }),
): BackgroundResources {
  let store: Promise<CacheStore> | undefined;
  return {
    http,
    store: () => {
      // Without IndexedDB (storage refused), answers are kept in memory for the worker's life.
      store ??= open().catch(() => openMemoryStore());
      return store;
    },
    privateCache: new PrivateCache(),
    userAgent: userAgentFor(version),
  };
}
