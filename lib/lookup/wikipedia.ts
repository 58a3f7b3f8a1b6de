import type { LookupFailure } from '../contracts/lookups';
import { apiErrorFailure, type Checked, checked } from '../wikimedia/ask';
import type { HttpClient, JsonResult } from '../wikimedia/http';
import { isLegalTitle, wikiPageUrl, wikipediaQueryUrl } from '../wikimedia/urls';
import { type ActionPage, type ActionQuery, actionQuerySchema, finalTitle } from '../wikimedia/wikipedia';

/** A Wikipedia article as Sidenote keeps it: a few fields, plain text only. */
export interface PageSummary {
  title: string;
  description?: string;
  /** The first sentences of the article, plain text. */
  extract?: string;
  thumbnail?: { url: string; width: number; height: number };
  wikidataId?: string;
  disambiguation: boolean;
}

/** What one requested title turned out to be. */
export type TitleInfo = { found: true; page: PageSummary } | { found: false };

/** Where and how to reach one Wikipedia. */
export interface WikipediaSite {
  /** Base address with `{lang}` already replaced: "https://en.wikipedia.org". */
  base: string;
  lang: string;
  /** `Api-User-Agent`: Wikimedia asks clients that cannot set User-Agent to name themselves here. */
  userAgent: string;
}

/** Titles per request: the API takes 50, but returns intro extracts for only 20 (`exlimit` max 20). */
export const TITLES_PER_REQUEST = 20;

const SUMMARY_PROPS = {
  prop: 'pageprops|extracts|pageimages|description',
  ppprop: 'disambiguation|wikibase_item',
  exintro: 1,
  explaintext: 1,
  exsentences: 3,
  exlimit: 'max',
  piprop: 'thumbnail',
  pithumbsize: 320,
  pilimit: 'max',
};

/** One page query of the site, Sidenote named to it (`Api-User-Agent`). */
function ask(
  http: HttpClient,
  site: WikipediaSite,
  params: Record<string, string | number | undefined>,
): Promise<JsonResult> {
  return http.getJson(wikipediaQueryUrl(site.base, params), { 'Api-User-Agent': site.userAgent });
}

const httpsOnly = (url: string): string | undefined => {
  const absolute = url.startsWith('//') ? `https:${url}` : url;
  try {
    return new URL(absolute).protocol === 'https:' ? absolute : undefined;
  } catch {
    return undefined;
  }
};

function toSummary(page: ActionPage): PageSummary {
  const thumb = page.thumbnail ? httpsOnly(page.thumbnail.source) : undefined;
  const wikidataId = page.pageprops?.wikibase_item;
  const extract = page.extract?.trim();
  return {
    title: page.title,
    ...(page.description ? { description: page.description } : {}),
    ...(extract ? { extract } : {}),
    ...(thumb && page.thumbnail
      ? { thumbnail: { url: thumb, width: page.thumbnail.width, height: page.thumbnail.height } }
      : {}),
    ...(wikidataId && /^Q\d+$/.test(wikidataId) ? { wikidataId } : {}),
    disambiguation: page.pageprops?.disambiguation !== undefined,
  };
}

/** Validates an Action API answer; an `error` object becomes a failure reason. */
function parseQuery(data: unknown): Checked<ActionQuery> {
  const parsed = checked({ ok: true, data }, actionQuerySchema);
  if (parsed.ok && parsed.value.error) return { ok: false, failure: apiErrorFailure(parsed.value.error.code) };
  return parsed;
}

/** Reduces a titles query to one `TitleInfo` per requested title. */
export function reduceTitles(titles: string[], data: unknown): Map<string, TitleInfo> | LookupFailure {
  const parsed = parseQuery(data);
  if (!parsed.ok) return parsed.failure;
  const query = parsed.value.query ?? {};
  const pages = new Map((query.pages ?? []).map((p) => [p.title, p]));
  const out = new Map<string, TitleInfo>();
  for (const title of titles) {
    const page = pages.get(finalTitle(title, query));
    out.set(title, page && !page.missing && !page.invalid ? { found: true, page: toSummary(page) } : { found: false });
  }
  return out;
}

/** Pages of a search or links generator, best first, reduced. */
export function reducePages(data: unknown): PageSummary[] | LookupFailure {
  const parsed = parseQuery(data);
  if (!parsed.ok) return parsed.failure;
  const pages = (parsed.value.query?.pages ?? []).filter((p) => !p.missing && !p.invalid && (p.ns ?? 0) === 0);
  pages.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));
  return pages.map(toSummary);
}

/** Summaries of up to `TITLES_PER_REQUEST` titles in one request, redirects followed. */
export async function fetchTitles(
  http: HttpClient,
  site: WikipediaSite,
  titles: string[],
): Promise<Map<string, TitleInfo> | LookupFailure> {
  // A name that cannot be a title is not found, and never reaches `titles=` (where `|` would split it).
  const legal = titles.filter(isLegalTitle);
  if (!legal.length) return new Map(titles.map((t) => [t, { found: false }]));
  const result = await ask(http, site, { titles: legal.join('|'), ...SUMMARY_PROPS });
  return result.ok ? reduceTitles(titles, result.data) : result.failure;
}

/** Full-text search, results with their summaries, best first (one request). */
export async function searchPages(
  http: HttpClient,
  site: WikipediaSite,
  search: string,
  limit = 8,
): Promise<PageSummary[] | LookupFailure> {
  const result = await ask(http, site, {
    generator: 'search',
    gsrsearch: search,
    gsrnamespace: 0,
    gsrlimit: limit,
    ...SUMMARY_PROPS,
  });
  return result.ok ? reducePages(result.data) : result.failure;
}

/** The articles a disambiguation page lists, with descriptions (one request). */
export async function disambiguationCandidates(
  http: HttpClient,
  site: WikipediaSite,
  title: string,
): Promise<PageSummary[] | LookupFailure> {
  if (!isLegalTitle(title)) return [];
  const result = await ask(http, site, {
    generator: 'links',
    titles: title,
    gplnamespace: 0,
    gpllimit: 50,
    ...SUMMARY_PROPS,
  });
  return result.ok ? reducePages(result.data) : result.failure;
}

/** Fetches an article's whole plain text, for finding the passage that bears on a claim. */
export async function fetchArticleText(
  http: HttpClient,
  site: WikipediaSite,
  title: string,
): Promise<{ title: string; text: string; description?: string } | LookupFailure> {
  if (!isLegalTitle(title)) return { title, text: '' };
  const result = await ask(http, site, {
    titles: title,
    prop: 'extracts|description',
    explaintext: 1,
    exsectionformat: 'plain',
    exlimit: 1,
  });
  if (!result.ok) return result.failure;
  const parsed = parseQuery(result.data);
  if (!parsed.ok) return parsed.failure;
  const query = parsed.value.query ?? {};
  const page = (query.pages ?? []).find((p) => p.title === finalTitle(title, query));
  if (!page || page.missing || page.invalid) return { title, text: '' };
  return {
    title: page.title,
    text: page.extract ?? '',
    ...(page.description ? { description: page.description } : {}),
  };
}

/** The reader-facing address of an article: the configured site when it is https, else wikipedia.org. */
export function articleUrl(site: WikipediaSite, title: string): string {
  return wikiPageUrl(site.base, `https://${site.lang}.wikipedia.org`, title);
}
