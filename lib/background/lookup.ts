import { LookupCache } from '../cache/cache';
import { LookupService } from '../lookup/service';
import type { serveBackground } from '../messaging/channel';
import { factCheckKeyFor } from '../secrets/store';
import { fromPrivateTab, laneOf } from './private';
import type { BackgroundResources } from './resources';
import { loadTrustedSettings } from './trusted-settings';

type LookupMessage = 'lookupEntities' | 'lookupClaim' | 'cacheStats' | 'cacheClear';
type Handlers = Pick<Parameters<typeof serveBackground>[0], LookupMessage>;

/**
 * The lookup handlers of the background worker, over its shared resources (one HTTP client,
 * one IndexedDB store, one user-agent string).
 *
 * Lookups use the reader's Wikipedia language (`settings.language`) and source addresses
 * (`settings.endpoints`), read afresh for every message so a change applies at once; the
 * request's own `language` (the page's) is not used to pick a Wikipedia. A private tab's lookups
 * go through a memory-only cache (lib/background/private.ts), never IndexedDB.
 */
export function lookupHandlers(
  resources: BackgroundResources,
  factCheckKey: (endpoint: string) => Promise<string> = factCheckKeyFor,
): Handlers {
  const options = { settings: () => loadTrustedSettings(), userAgent: resources.userAgent, factCheckKey };
  // One cache over IndexedDB, and one in memory for private tabs (rebuilt after the last private
  // window closed); a service per message, so each tab's requests take their own lane at the sources.
  let shared: Promise<LookupCache> | undefined;
  let privateCache: { store: unknown; cache: LookupCache } | undefined;
  const cacheFor = async (sender: Parameters<typeof fromPrivateTab>[0]): Promise<LookupCache> => {
    if (!fromPrivateTab(sender)) {
      shared ??= resources.store().then((store) => new LookupCache(store));
      return shared;
    }
    const store = resources.privateCache.get();
    if (privateCache?.store !== store) privateCache = { store, cache: new LookupCache(store) };
    return privateCache.cache;
  };
  const serviceFor = async (sender: Parameters<typeof fromPrivateTab>[0]) =>
    new LookupService({ ...options, http: resources.http.lane(laneOf(sender)), cache: await cacheFor(sender) });
  const ready = () => serviceFor(undefined);
  return {
    lookupEntities: async ({ entities, search }, sender) => ({
      results: await (await serviceFor(sender)).lookupEntities(entities, { search }),
    }),
    lookupClaim: async ({ claim }, sender) => (await serviceFor(sender)).lookupClaim(claim),
    cacheStats: async () => (await ready()).stats(),
    cacheClear: async () => {
      resources.privateCache.forget();
      return (await ready()).clear();
    },
  };
}
