import { queryString } from './http';

/**
 * Addresses on a MediaWiki site (Wikipedia, Wikidata, or a mirror the reader configured), built in
 * one place for the entity lookups, the source context, figure checks and the Perennial list.
 */

/** Base addresses, from `settings.endpoints`; `{lang}` in the Wikipedia one is replaced. */
export interface WikiEndpoints {
  wikipedia: string;
  wikidata: string;
}

/**
 * Whether a name can be a MediaWiki page title: none holds `| < > [ ] { }` or a control character
 * (MediaWiki's illegal title characters). `|` matters most: it separates the values of a
 * multi-value parameter, so "A|B" sent as `titles=` would be two titles, the second one the page's
 * text chose. Such a name is answered "not found" without a request.
 */
export function isLegalTitle(title: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  return title.trim() !== '' && !/[|<>[\]{}\u0000-\u001f\u007f]/.test(title);
}

/** An action API address on `base` (the wiki's origin): JSON, and `origin=*` for anonymous CORS. */
export function actionApiUrl(base: string, params: Record<string, string | number | undefined>): string {
  return `${base.replace(/\/+$/, '')}/w/api.php?${queryString({ ...params, format: 'json', origin: '*' })}`;
}

/**
 * A page's reader-facing address: on `base` when it is https (a mirror the reader chose), else on
 * the public site `publicBase`, so a card never carries a plain-http link.
 */
export function wikiPageUrl(base: string, publicBase: string, title: string): string {
  const configured = base.replace(/\/+$/, '');
  const root = configured.startsWith('https://') ? configured : publicBase;
  const path = encodeURIComponent(title.replace(/ /g, '_')).replace(/%2F/g, '/').replace(/%3A/g, ':');
  return `${root}/wiki/${path}`;
}

/** Wikidata's action API on the configured endpoint. */
export function wikidataApi(endpoints: WikiEndpoints, params: Record<string, string>): string {
  return actionApiUrl(endpoints.wikidata, params);
}

/** The configured Wikipedia's origin in the reader's language: "https://en.wikipedia.org". */
export function wikipediaBase(endpoints: Pick<WikiEndpoints, 'wikipedia'>, language: string): string {
  return endpoints.wikipedia.replace('{lang}', language);
}

/** A Wikipedia's action API on the configured endpoint, in the reader's language. */
export function wikipediaApi(
  endpoints: Pick<WikiEndpoints, 'wikipedia'>,
  language: string,
  params: Record<string, string>,
): string {
  return actionApiUrl(wikipediaBase(endpoints, language), { ...params, formatversion: '2' });
}

/**
 * The one way a page query is asked of a Wikipedia (`action=query`): redirects followed, and
 * format version 2 (booleans are real booleans, pages an array), whatever else the caller asks.
 */
export function wikipediaQueryUrl(base: string, params: Record<string, string | number | undefined>): string {
  return actionApiUrl(base, { action: 'query', ...params, redirects: 1, formatversion: 2 });
}

/** Where a card links to (see wikiPageUrl: never a plain-http link). */
export function wikidataItemUrl(endpoints: WikiEndpoints, id: string): string {
  return wikiPageUrl(endpoints.wikidata, 'https://www.wikidata.org', id);
}

export function wikipediaArticleUrl(endpoints: WikiEndpoints, language: string, title: string): string {
  return wikiPageUrl(wikipediaBase(endpoints, language), `https://${language}.wikipedia.org`, title);
}
