import { type CacheKind, isFailure, type LookupCache, type Outcome } from '../cache/cache';
import {
  type ClaimContext,
  type ClaimQuery,
  type EntityContext,
  type EntityQuery,
  entityContextSchema,
  type Fact,
  type FactCheck,
  type LookupFailure,
} from '../contracts/lookups';
import type { Settings } from '../settings/schema';
import type { HttpClient } from '../wikimedia/http';
import { searchFactChecks } from './factcheck';
import { bestPassage } from './passage';
import { type Resolution, resolveEntities, type WikiSource } from './resolve';
import { candidateScore, countMatchedWords, mentions, normalize, significantWords } from './text-match';
import {
  completeFacts,
  fetchLabels,
  fetchPendingFacts,
  IDS_PER_REQUEST,
  itemUrl,
  type PendingFact,
  type WikidataSite,
} from './wikidata';
import {
  articleUrl,
  disambiguationCandidates,
  fetchArticleText,
  fetchTitles,
  type PageSummary,
  searchPages,
  TITLES_PER_REQUEST,
  type TitleInfo,
  type WikipediaSite,
} from './wikipedia';

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs a batched fetch over chunks in parallel; a chunk that fails gives its failure to each of
 * its keys. Each chunk's answers go to `deliver` as soon as they arrive (the cache stores them
 * then), so a worker stopped while another chunk is still out keeps what it already had.
 */
async function batched<T>(
  keys: string[],
  size: number,
  fetchChunk: (chunk: string[]) => Promise<Map<string, T> | LookupFailure>,
  deliver?: (part: Map<string, Outcome<T>>) => Promise<void>,
): Promise<Map<string, Outcome<T>>> {
  const out = new Map<string, Outcome<T>>();
  await Promise.all(
    chunks(keys, size).map(async (chunk) => {
      const result = await fetchChunk(chunk);
      const part = new Map<string, Outcome<T>>();
      for (const key of chunk) {
        if (isFailure(result)) part.set(key, result);
        else {
          const value = result.get(key);
          if (value !== undefined) part.set(key, value);
        }
      }
      for (const [key, value] of part) out.set(key, value);
      await deliver?.(part);
    }),
  );
  return out;
}

/**
 * Many values of one kind through the cache, each under `prefix` (the site, and the language for
 * Wikidata): the missing ones are fetched in batches of `size` by `fetchChunk`, which takes and
 * answers keys without the prefix. The answer is keyed with the prefix.
 */
function cachedBatches<T>(
  cache: LookupCache,
  kind: CacheKind,
  prefix: string,
  keys: string[],
  size: number,
  fetchChunk: (chunk: string[]) => Promise<Map<string, T> | LookupFailure>,
): Promise<Map<string, Outcome<T>>> {
  return cache.getMany<T>(
    kind,
    keys.map((k) => prefix + k),
    (missing, deliver) =>
      batched(
        missing,
        size,
        async (chunk) => {
          const result = await fetchChunk(chunk.map((k) => k.slice(prefix.length)));
          return isFailure(result) ? result : new Map([...result].map(([k, v]) => [prefix + k, v]));
        },
        deliver,
      ),
  );
}

export interface LookupServiceOptions {
  http: HttpClient;
  cache: LookupCache;
  settings: () => Promise<Settings>;
  /** The `Api-User-Agent` header's value (lib/background/resources.ts: one for every source). */
  userAgent: string;
  /**
   * The Fact Check Tools key for an address ('' for none): kept apart from the settings, which
   * content scripts read (lib/secrets/store.ts gives it only for the address it was entered for).
   */
  factCheckKey?: (endpoint: string) => Promise<string>;
}

/**
 * Answers the background's lookup messages from the cache and the sources. Cache keys carry the
 * source's address and language, so a mirror or another language never gets another's answers.
 */
export class LookupService {
  constructor(private readonly options: LookupServiceOptions) {}

  private sites(settings: Settings): { wikipedia: WikipediaSite; wikidata: WikidataSite } {
    const { userAgent } = this.options;
    const lang = settings.language;
    return {
      wikipedia: { base: settings.endpoints.wikipedia.replaceAll('{lang}', lang), lang, userAgent },
      wikidata: { base: settings.endpoints.wikidata, lang, userAgent },
    };
  }

  /** Wikipedia through the cache: titles one key each (batched on a miss), searches and lists by query. */
  private wikiSource(site: WikipediaSite): WikiSource {
    const { cache, http } = this.options;
    const prefix = `${site.base}|`;
    return {
      titles: async (titles) => {
        const keyed = await cachedBatches<TitleInfo>(cache, 'wp-title', prefix, titles, TITLES_PER_REQUEST, (chunk) =>
          fetchTitles(http, site, chunk),
        );
        return new Map(titles.map((t) => [t, keyed.get(prefix + t)!]));
      },
      search: (query) => cache.get('wp-search', prefix + query, () => searchPages(http, site, query)),
      candidates: (title) => cache.get('wp-links', prefix + title, () => disambiguationCandidates(http, site, title)),
    };
  }

  /** Facts for many items: one batched claims request and one batched labels request at most. */
  private async facts(site: WikidataSite, ids: string[]): Promise<Map<string, Fact[]>> {
    const { cache, http } = this.options;
    const prefix = `${site.base}|${site.lang}|`;
    const pending = await cachedBatches<PendingFact[]>(cache, 'wd-facts', prefix, ids, IDS_PER_REQUEST, (chunk) =>
      fetchPendingFacts(http, site, chunk),
    );
    const refs = new Set<string>();
    for (const p of pending.values()) if (!isFailure(p)) for (const f of p) if (f.ref) refs.add(f.ref);
    const labelled = await cachedBatches<string>(cache, 'wd-label', prefix, [...refs], IDS_PER_REQUEST, (chunk) =>
      fetchLabels(http, site, chunk),
    );
    const labels = new Map<string, string>();
    for (const id of refs) {
      const label = labelled.get(prefix + id);
      if (typeof label === 'string' && label) labels.set(id, label);
    }
    const out = new Map<string, Fact[]>();
    for (const id of ids) {
      const p = pending.get(prefix + id);
      // Facts are extra: a Wikidata failure leaves the card with its summary and no facts.
      out.set(id, p && !isFailure(p) ? completeFacts(p, labels) : []);
    }
    return out;
  }

  /** Context for many entities (the `lookupEntities` message). */
  async lookupEntities(
    queries: EntityQuery[],
    options: { search?: boolean } = {},
  ): Promise<Record<string, EntityContext>> {
    const settings = await this.options.settings();
    const { wikipedia, wikidata } = this.sites(settings);
    // Entities sharing a name, type and hints (a short form sent with its full name) are one lookup.
    const byShape = new Map<string, EntityQuery>();
    const shapeOf = (q: EntityQuery) =>
      JSON.stringify([q.name, q.type, q.lookupTitle ?? '', q.date ?? '', q.descriptor ?? '', [...q.related].sort()]);
    for (const q of queries) if (!byShape.has(shapeOf(q))) byShape.set(shapeOf(q), q);
    const resolved = await resolveEntities([...byShape.values()], this.wikiSource(wikipedia), options);
    const ids = [
      ...new Set([...resolved.values()].flatMap((r) => ('page' in r && r.page.wikidataId ? [r.page.wikidataId] : []))),
    ];
    const facts = ids.length ? await this.facts(wikidata, ids) : new Map<string, Fact[]>();
    const results: Record<string, EntityContext> = {};
    for (const q of queries) {
      const r = resolved.get(byShape.get(shapeOf(q))!.key) ?? { none: true };
      results[q.key] = toContext(r, wikipedia, wikidata, facts);
    }
    return results;
  }

  /** Fact-checks and encyclopedia context for one claim (the `lookupClaim` message). */
  async lookupClaim(claim: ClaimQuery): Promise<ClaimContext> {
    const settings = await this.options.settings();
    const { wikipedia } = this.sites(settings);
    const [factChecks, context] = await Promise.all([
      this.factChecks(settings, claim),
      this.claimArticle(wikipedia, claim),
    ]);
    return {
      factChecks,
      context: isFailure(context) ? null : context,
      ...(isFailure(context) ? { contextError: context } : {}),
    };
  }

  private async factChecks(settings: Settings, claim: ClaimQuery): Promise<ClaimContext['factChecks']> {
    const base = settings.endpoints.factCheck;
    const key = (await this.options.factCheckKey?.(base).catch(() => '')) ?? '';
    if (!key) return { status: 'no-key' };
    const { cache, http } = this.options;
    // The key phrase, plus the claim's entities when the phrase does not already name them.
    const hay = normalize(claim.keyPhrase);
    const extra = claim.entities.filter((e) => !mentions(hay, e)).slice(0, 2);
    const query = [claim.keyPhrase, ...extra].join(' ').slice(0, 300);
    const result = await cache.get<FactCheck[]>('factcheck', `${base}|${settings.language}|${query}`, () =>
      searchFactChecks(http, base, key, query, settings.language),
    );
    return isFailure(result) ? result : { status: 'ok', items: result };
  }

  /**
   * The article that bears most on a claim: an event the claim names (its lookup title) when
   * there is one; else the search result for the claim's entities and year that shares most of
   * the claim's key words. Then the sentence of that article that bears on the claim.
   */
  private async claimArticle(
    site: WikipediaSite,
    claim: ClaimQuery,
  ): Promise<NonNullable<ClaimContext['context']> | LookupFailure | null> {
    const source = this.wikiSource(site);
    let page: PageSummary | undefined;
    if (claim.subjects.length) {
      const titles = await source.titles(claim.subjects);
      for (const t of claim.subjects) {
        const info = titles.get(t);
        if (info && isFailure(info)) return info;
        if (info?.found && !info.page.disambiguation) {
          page = info.page;
          break;
        }
      }
    }
    const keyWords = significantWords(claim.keyPhrase);
    /** How much an article's summary bears on the claim: its key words, then its entities. */
    const bearing = (p: PageSummary, rank = 0) => {
      const hay = normalize(`${p.title} ${p.description ?? ''} ${p.extract ?? ''}`);
      return candidateScore(
        countMatchedWords(hay, keyWords),
        claim.entities.filter((e) => mentions(hay, e)).length,
        rank,
      );
    };
    const pageEvents = (claim.pageEvents ?? []).filter((t) => !claim.subjects.includes(t));
    if (!page && pageEvents.length) {
      // The page's own events, when one bears on the claim: the article is about them.
      const titles = await source.titles(pageEvents);
      let best: { page: PageSummary; score: number } | undefined;
      for (const t of pageEvents) {
        const info = titles.get(t);
        if (!info || isFailure(info) || !info.found || info.page.disambiguation) continue;
        const score = bearing(info.page);
        if (!best || score > best.score) best = { page: info.page, score };
      }
      if (best && best.score >= 3) page = best.page;
    }
    if (!page) {
      const searched = await this.searchedArticle(source, claim, keyWords, bearing);
      if (isFailure(searched)) return searched;
      page = searched;
    }
    if (!page) return null;
    const chosen = page;
    const text = await this.options.cache.get('wp-text', `${site.base}|${chosen.title}`, () =>
      fetchArticleText(this.options.http, site, chosen.title),
    );
    const passage = isFailure(text) ? undefined : bestPassage(text.text, claim);
    return {
      title: chosen.title,
      url: articleUrl(site, chosen.title),
      ...(passage ? { passage } : {}),
      ...(chosen.description ? { description: chosen.description } : {}),
    };
  }

  /**
   * A claim's article found by search: the claim's entities and year first; when that finds
   * nothing, its longest key words. The result that bears most on the claim, if any bears at all.
   */
  private async searchedArticle(
    source: WikiSource,
    claim: ClaimQuery,
    keyWords: string[],
    bearing: (p: PageSummary, rank?: number) => number,
  ): Promise<PageSummary | undefined | LookupFailure> {
    const year = /^(\d{4})/.exec(claim.date ?? '')?.[1];
    const longest = [...new Set(keyWords.filter((w) => w.length >= 4 && !/\d/.test(w)))]
      .sort((a, b) => b.length - a.length)
      .slice(0, 4);
    const queries = [[...claim.entities.slice(0, 2), year].filter(Boolean).join(' '), longest.join(' ')];
    for (const query of new Set(queries.filter((q) => q.trim()))) {
      const results = await source.search(query);
      if (isFailure(results)) return results;
      let best: { page: PageSummary; score: number } | undefined;
      results.forEach((p, rank) => {
        if (p.disambiguation) return;
        const score = bearing(p, rank);
        if (!best || score > best.score) best = { page: p, score };
      });
      if (best && best.score > 0) return best.page;
    }
    return undefined;
  }

  stats() {
    return this.options.cache.stats();
  }

  clear() {
    return this.options.cache.clear();
  }
}

function toContext(
  r: Resolution,
  wikipedia: WikipediaSite,
  wikidata: WikidataSite,
  facts: Map<string, Fact[]>,
): EntityContext {
  if (isFailure(r)) return r;
  if ('deferred' in r) return { status: 'deferred' };
  if (!('page' in r)) return { status: 'none' };
  const { page } = r;
  const context: EntityContext = {
    status: 'found',
    title: page.title,
    ...(page.description ? { description: page.description } : {}),
    ...(page.extract ? { extract: page.extract } : {}),
    ...(page.thumbnail ? { thumbnail: page.thumbnail } : {}),
    ...(page.wikidataId ? { wikidataId: page.wikidataId } : {}),
    facts: page.wikidataId ? (facts.get(page.wikidataId) ?? []) : [],
    sources: [
      { name: 'Wikipedia', url: articleUrl(wikipedia, page.title) },
      ...(page.wikidataId ? [{ name: 'Wikidata', url: itemUrl(wikidata, page.wikidataId) }] : []),
    ],
  };
  // Validated again on the way out: a card never receives a shape it does not expect.
  const checked = entityContextSchema.safeParse(context);
  return checked.success ? checked.data : { status: 'error', reason: 'malformed' };
}
