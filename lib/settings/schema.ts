import * as z from 'zod/mini';
import { CLAIM_LINES, NAME_LINES } from '../annotate/select-marks';
import { lazy } from '../lazy';

/** Bump when the stored shape changes, and add a migration in `migrate.ts`. */
export const SETTINGS_VERSION = 3;

/** Where Sidenote runs on its own. */
export const RUN_MODES = ['articles', 'sites', 'click'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const DEFAULT_ENDPOINTS = {
  wikipedia: 'https://{lang}.wikipedia.org',
  wikidata: 'https://www.wikidata.org',
  factCheck: 'https://factchecktools.googleapis.com',
} as const;

/**
 * A source's base address: https anywhere, or plain http only on the loopback
 * interface (local mirrors and the test stand-in).
 */
export const endpointSchema = lazy(() =>
  z
    .string()
    .check(z.trim(), z.refine(isAllowedEndpoint, 'Use an https:// address, or http:// on localhost or 127.0.0.1')),
);

export function isAllowedEndpoint(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value.replace('{lang}', 'en'));
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Google API keys are 39 characters starting with "AIza"; empty means "none". */
export const apiKeySchema = lazy(() =>
  z.string().check(
    z.trim(),
    z.refine(
      (v) => v === '' || /^AIza[0-9A-Za-z_-]{35}$/.test(v),
      'A Fact Check Tools API key is 39 characters and starts with "AIza"',
    ),
  ),
);

/** A site as the reader types it: a host name, lower-cased, without scheme or path. */
export const hostSchema = lazy(() =>
  z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}$/, 'Enter a site as a host name, like example.com'),
    ),
);

export const languageSchema = lazy(() =>
  z.string().check(z.regex(/^[a-z]{2,3}(-[a-z]+)?$/, 'A Wikipedia language code, like en or de')),
);

export const settingsSchema = lazy(() =>
  z.object({
    version: z.literal(SETTINGS_VERSION),
    /** On/off everywhere. */
    enabled: z.boolean(),
    mode: z.enum(RUN_MODES),
    /** Hosts where Sidenote runs when `mode` is "sites". */
    sites: z.array(hostSchema),
    /** Hosts where Sidenote never runs. */
    disabledSites: z.array(hostSchema),
    kinds: z.object({ entities: z.boolean(), claims: z.boolean(), source: z.boolean() }),
    /** Which marks show a line: key claims or all; names at their first mention or every one (since v2). */
    lines: z.object({ claims: z.enum(CLAIM_LINES), names: z.enum(NAME_LINES) }),
    /** Annotate the whole page, not only the article body (editable content stays untouched). */
    wholePage: z.boolean(),
    hoverDelayMs: z.int().check(z.minimum(0), z.maximum(5000)),
    language: languageSchema,
    // (No secret here: this object is in `storage.local`, which content scripts read. The Fact Check
    // key lives in the extension's IndexedDB since v3: lib/secrets/store.ts.)
    endpoints: z.object({ wikipedia: endpointSchema, wikidata: endpointSchema, factCheck: endpointSchema }),
  }),
);

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  enabled: true,
  mode: 'articles',
  sites: [],
  disabledSites: [],
  kinds: { entities: true, claims: true, source: true },
  lines: { claims: 'key', names: 'first' },
  wholePage: false,
  hoverDelayMs: 500,
  language: 'en',
  endpoints: { ...DEFAULT_ENDPOINTS },
};

export const SETTINGS_KEY = 'settings';
