import { queryString } from './http';

/**
 * Addresses on a MediaWiki site (Wikipedia, Wikidata, or a mirror the reader configured), built in
 * one place for the entity lookups and the source context alike.
 */

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
