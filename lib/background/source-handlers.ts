import { DEFAULT_CACHE_OPTIONS } from '../cache/cache';
import type { CacheStore } from '../cache/store';
import type { FigureCheckResult, FigureQuery } from '../contracts/figures';
import type { SourceContext, SourceQuery } from '../contracts/sources';
import { checkFigure } from '../figures/check';
import type { toBackground } from '../messaging/protocol';
import { languageSchema, type Settings } from '../settings/schema';
import { loadSettings } from '../settings/store';
import { PerennialList } from '../sources/perennial';
import { sourceContext } from '../sources/publisher-context';
import type { GetJson, SourceCache } from '../sources/types';
import { fromPrivateTab, laneOf } from './private';
import type { BackgroundResources } from './resources';

type Handlers = Pick<
  Parameters<typeof import('../messaging/channel').serveBackground>[0],
  keyof Pick<typeof toBackground, 'lookupSource' | 'checkFigure'>
>;

const DAY = 24 * 3_600_000;

export interface SourceHandlerOptions {
  getJson: GetJson;
  cache: SourceCache;
  /** The cache for private tabs' questions (memory only); the shared cache when not given. */
  privateCache?: () => SourceCache;
  /** The network as one lane (a tab) sees it (lib/lookup/http.ts `lane`); `getJson` when not given. */
  getJsonFor?: (lane: string) => GetJson;
  settings: () => Promise<Settings>;
}

/**
 * A `SourceCache` over the shared lookup store (IndexedDB), under the same caps, so source
 * answers count towards the cache's size and are cleared with it from the popup.
 */
export function storeCache(store: () => Promise<CacheStore>, now: () => number = Date.now): SourceCache {
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

/** The handlers, over injected network, cache and settings (tests pass their own). */
export function createSourceHandlers(options: SourceHandlerOptions): Handlers {
  const { getJson, cache: shared, settings } = options;
  // A private tab's questions (a publisher, a figure) stay in memory; the Perennial list is one
  // public page, the same for every reader, so it is kept in the shared cache either way.
  const cacheFor = (sender: Parameters<typeof fromPrivateTab>[0]) =>
    fromPrivateTab(sender) && options.privateCache ? options.privateCache() : shared;
  const perennial = new PerennialList(getJson, shared, async () => (await settings()).endpoints.wikipedia);
  const languageOf = (requested: string, s: Settings) =>
    languageSchema.safeParse(requested).success ? requested : s.language;

  return {
    lookupSource: async (request, sender) => {
      const cache = cacheFor(sender);
      const s = await settings();
      const language = languageOf(request.language, s);
      const query: SourceQuery = 'publisher' in request ? { publisher: request.publisher } : { name: request.name };
      const key = `source:context:${s.endpoints.wikipedia}|${s.endpoints.wikidata}|${language}|${JSON.stringify(query)}`;
      const cached = await cache.get(key);
      if (cached) return cached as SourceContext;
      const context = await sourceContext(query, {
        getJson: options.getJsonFor?.(laneOf(sender)) ?? getJson,
        endpoints: s.endpoints,
        language,
        perennial,
      });
      // Only whole answers are kept; a part that failed is asked again next time.
      if (context.entity.status !== 'error' && context.perennial.status !== 'error') await cache.set(key, context, DAY);
      return context;
    },
    checkFigure: async (request, sender) => {
      const cache = cacheFor(sender);
      const s = await settings();
      const language = languageOf(request.language, s);
      const { language: _ignored, ...rest } = request;
      const query: FigureQuery = rest;
      const key = `source:figure:${s.endpoints.wikipedia}|${s.endpoints.wikidata}|${language}|${JSON.stringify(query)}`;
      const cached = await cache.get(key);
      if (cached) return cached as FigureCheckResult;
      const result = await checkFigure(query, {
        getJson: options.getJsonFor?.(laneOf(sender)) ?? getJson,
        endpoints: s.endpoints,
        language,
      });
      if (result.status !== 'error') await cache.set(key, result, DAY);
      return result;
    },
  };
}

/**
 * The background's source handlers, over its shared resources: the one HTTP client's rules (a
 * few requests in flight, timeouts, Retry-After), the one IndexedDB store, the one user-agent.
 */
export function sourceHandlers(resources: BackgroundResources): Handlers {
  return createSourceHandlers({
    getJson: (url) => resources.http.getJson(url, { 'Api-User-Agent': resources.userAgent }),
    getJsonFor: (lane) => (url) => resources.http.getJson(url, { 'Api-User-Agent': resources.userAgent }, lane),
    cache: storeCache(resources.store),
    privateCache: () => {
      const store = resources.privateCache.get();
      return storeCache(async () => store);
    },
    settings: loadSettings,
  });
}
