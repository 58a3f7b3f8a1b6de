import browser from 'webextension-polyfill';
import { LookupCache } from '../cache/cache';
import { type CacheStore, openIdbStore, openMemoryStore } from '../cache/store';
import { Http } from '../lookup/http';
import { LookupService } from '../lookup/service';
import type { serveBackground } from '../messaging/channel';
import { loadSettings } from '../settings/store';

type LookupMessage = 'lookupEntities' | 'lookupClaim' | 'cacheStats' | 'cacheClear';
type Handlers = Pick<Parameters<typeof serveBackground>[0], LookupMessage>;

/**
 * The lookup handlers of the background worker. The IndexedDB store opens on first use, so a
 * worker woken for another message never pays for it; one shared `Http` keeps the whole worker
 * to a few requests in flight.
 *
 * Lookups use the reader's Wikipedia language (`settings.language`) and source addresses
 * (`settings.endpoints`), read afresh for every message so a change applies at once; the
 * request's own `language` (the page's) is not used to pick a Wikipedia.
 */
export function lookupHandlers(): Handlers {
  let store: Promise<CacheStore> | undefined;
  let service: Promise<LookupService> | undefined;
  const ready = (): Promise<LookupService> => {
    // Without IndexedDB (storage refused), lookups still work from a memory cache.
    store ??= openIdbStore().catch(() => openMemoryStore());
    service ??= store.then(
      (s) =>
        new LookupService({
          http: new Http(),
          cache: new LookupCache(s),
          settings: loadSettings,
          version: browser.runtime.getManifest().version,
        }),
    );
    // A store that failed to open is retried on the next message rather than kept broken.
    service.catch(() => {
      store = undefined;
      service = undefined;
    });
    return service;
  };
  return {
    lookupEntities: async ({ entities, search }) => ({
      results: await (await ready()).lookupEntities(entities, { search }),
    }),
    lookupClaim: async ({ claim }) => (await ready()).lookupClaim(claim),
    cacheStats: async () => (await ready()).stats(),
    cacheClear: async () => (await ready()).clear(),
  };
}
