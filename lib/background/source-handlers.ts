import { type KeyValueCache, keptOrAsked, storeCache } from '../cache/cache';
import type { FigureQuery } from '../contracts/figures';
import type { SourceQuery } from '../contracts/sources';
import { checkFigure } from '../figures/check';
import type { toBackground } from '../messaging/protocol';
import { languageSchema, type Settings } from '../settings/schema';
import { PerennialList } from '../sources/perennial';
import { sourceContext } from '../sources/publisher-context';
import type { GetJson } from '../wikimedia/http';
import { fromPrivateTab, laneOf } from './private';
import type { BackgroundResources } from './resources';
import { loadTrustedSettings } from './trusted-settings';

type Handlers = Pick<
  Parameters<typeof import('../messaging/channel').serveBackground>[0],
  keyof Pick<typeof toBackground, 'lookupSource' | 'checkFigure'>
>;

const DAY = 24 * 3_600_000;

export interface SourceHandlerOptions {
  getJson: GetJson;
  cache: KeyValueCache;
  /** The cache for private tabs' questions (memory only); the shared cache when not given. */
  privateCache?: () => KeyValueCache;
  /** The network as one lane (a tab) sees it (lib/wikimedia/http.ts `lane`); `getJson` when not given. */
  getJsonFor?: (lane: string) => GetJson;
  settings: () => Promise<Settings>;
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

  /** What both questions need: the cache, the reader's endpoints and language, the tab's lane. */
  const askedBy = async (requested: string, sender: Parameters<typeof fromPrivateTab>[0]) => {
    const cache = cacheFor(sender);
    const s = await settings();
    const language = languageOf(requested, s);
    return {
      cache,
      keyOf: (kind: string, query: unknown) =>
        `source:${kind}:${s.endpoints.wikipedia}|${s.endpoints.wikidata}|${language}|${JSON.stringify(query)}`,
      deps: { getJson: options.getJsonFor?.(laneOf(sender)) ?? getJson, endpoints: s.endpoints, language },
    };
  };

  return {
    lookupSource: async (request, sender) => {
      const { cache, keyOf, deps } = await askedBy(request.language, sender);
      const query: SourceQuery = 'publisher' in request ? { publisher: request.publisher } : { name: request.name };
      return keptOrAsked(
        cache,
        keyOf('context', query),
        DAY,
        () => sourceContext(query, { ...deps, perennial }),
        // Only whole answers are kept; a part that failed is asked again next time.
        (context) => context.entity.status !== 'error' && context.perennial.status !== 'error',
      );
    },
    checkFigure: async (request, sender) => {
      const { cache, keyOf, deps } = await askedBy(request.language, sender);
      const { language: _ignored, ...rest } = request;
      const query: FigureQuery = rest;
      return keptOrAsked(
        cache,
        keyOf('figure', query),
        DAY,
        () => checkFigure(query, deps),
        (result) => result.status !== 'error',
      );
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
    settings: () => loadTrustedSettings(),
  });
}
