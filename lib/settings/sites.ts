/**
 * Where Sidenote runs, by the page's host. Kept free of zod and the browser API: the first
 * script, which runs on every page, decides with these before anything else loads.
 */

/** The settings fields that say where Sidenote runs on its own. */
export interface SiteRules {
  enabled: boolean;
  mode: 'articles' | 'sites' | 'click';
  sites: readonly string[];
  disabledSites: readonly string[];
}

/** The host a site rule is matched against: "www." dropped, lower-case. */
export function siteOf(url: string): string | null {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return null;
    return hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Whether a host matches a rule: the host itself or any subdomain of it. */
export function hostMatches(host: string, rule: string): boolean {
  const r = rule.replace(/^www\./, '');
  return host === r || host.endsWith(`.${r}`);
}

/** Whether Sidenote should run on its own on a page of this host. */
export function runsOn(settings: SiteRules, host: string): boolean {
  if (!settings.enabled) return false;
  if (settings.disabledSites.some((rule) => hostMatches(host, rule))) return false;
  if (settings.mode === 'click') return false;
  if (settings.mode === 'sites') return settings.sites.some((rule) => hostMatches(host, rule));
  return true;
}
