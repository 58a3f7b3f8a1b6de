import { LookupCache } from '../cache/cache';
import { LookupService } from '../lookup/service';
import type { serveBackground } from '../messaging/channel';
import { factCheckKeyFor } from '../secrets/store';
import { loadSettings } from '../settings/store';
import { fromPrivateTab } from './private';
import type { BackgroundResources } from './resources';

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
  const options = { http: resources.http, settings: loadSettings, userAgent: resources.userAgent, factCheckKey };
  let service: Promise<LookupService> | undefined;
  const ready = (): Promise<LookupService> => {
    service ??= resources.store().then((store) => new LookupService({ ...options, cache: new LookupCache(store) }));
    return service;
  };
  // The private service is rebuilt over a fresh memory store after the last private window closed.
  let privateService: { store: unknown; service: LookupService } | undefined;
  const privately = (): LookupService => {
    const store = resources.privateCache.get();
    if (privateService?.store !== store) {
      privateService = { store, service: new LookupService({ ...options, cache: new LookupCache(store) }) };
    }
    return privateService.service;
  };
  const serviceFor = async (sender: Parameters<typeof fromPrivateTab>[0]) =>
    fromPrivateTab(sender) ? privately() : ready();
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
