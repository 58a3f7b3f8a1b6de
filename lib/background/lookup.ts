import { LookupCache } from '../cache/cache';
import { LookupService } from '../lookup/service';
import type { serveBackground } from '../messaging/channel';
import { loadSettings } from '../settings/store';
import type { BackgroundResources } from './resources';

type LookupMessage = 'lookupEntities' | 'lookupClaim' | 'cacheStats' | 'cacheClear';
type Handlers = Pick<Parameters<typeof serveBackground>[0], LookupMessage>;

/**
 * The lookup handlers of the background worker, over its shared resources (one HTTP client,
 * one IndexedDB store, one user-agent string).
 *
 * Lookups use the reader's Wikipedia language (`settings.language`) and source addresses
 * (`settings.endpoints`), read afresh for every message so a change applies at once; the
 * request's own `language` (the page's) is not used to pick a Wikipedia.
 */
export function lookupHandlers(resources: BackgroundResources): Handlers {
  let service: Promise<LookupService> | undefined;
  const ready = (): Promise<LookupService> => {
    service ??= resources.store().then(
      (store) =>
        new LookupService({
          http: resources.http,
          cache: new LookupCache(store),
          settings: loadSettings,
          userAgent: resources.userAgent,
        }),
    );
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
