import * as z from 'zod/mini';
import { lazy } from '../lazy';
import { upgradeSettings } from './migrate';
import { apiKeySchema, DEFAULT_SETTINGS, hostSchema, SETTINGS_VERSION, type Settings, settingsSchema } from './schema';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The message the options page shows for a value typed into one field, or null when the
 * value is fine. The words come from the schema, so the page and the stored data agree.
 */
export function fieldError(schema: z.ZodMiniType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a valid value');
}

/** The hover delay as typed: whole milliseconds from 0 to 5000. */
export const hoverDelaySchema = lazy(() =>
  z.pipe(
    z.pipe(
      z.string().check(z.trim(), z.regex(/^-?\d+$/, 'Enter a whole number of milliseconds, like 500')),
      z.transform(Number),
    ),
    z.number().check(z.minimum(0, 'The delay cannot be negative'), z.maximum(5000, 'At most 5000 ms (5 seconds)')),
  ),
);

/**
 * Turns what a reader pastes into a site list (a host, an address, "www.host/") into the
 * host the rules match, or an error message.
 */
export function parseSite(input: string): { ok: true; host: string } | { ok: false; error: string } {
  let text = input.trim();
  if (!text) return { ok: false, error: 'Enter a site, like example.com' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { ok: false, error: 'Only web sites (http or https) can be listed' };
      }
      text = url.hostname;
    } catch {
      return { ok: false, error: 'Enter a site as a host name, like example.com' };
    }
  } else {
    text = text.replace(/\/.*$/, '');
  }
  const parsed = hostSchema.safeParse(text);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Not a host name' };
  return { ok: true, host: parsed.data.replace(/^www\./, '') };
}

/**
 * A checked settings file: the settings, and the Fact Check key when the file carries one (exports
 * do; the key is stored apart from the settings, lib/secrets/store.ts).
 */
export type ImportResult = { ok: true; settings: Settings; factCheckApiKey?: string } | { ok: false; error: string };

/** "endpoints.wikidata", "sites[2]": how a message names the field a reader must fix. */
function fieldName(path: PropertyKey[]): string {
  return path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)),
    '',
  );
}

/**
 * Checks a settings file before anything is saved. Older versions are migrated first; a
 * field that is missing takes its default; a field that is present but wrong refuses the
 * whole file, with a message naming that field (importing half a file would leave the
 * reader with settings they never chose).
 */
export function validateImport(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not JSON: choose a file saved with "Export settings".' };
  }
  if (!isObject(data)) return { ok: false, error: 'This file does not hold Sidenote settings.' };
  if (data.version !== undefined && (typeof data.version !== 'number' || !Number.isInteger(data.version))) {
    return { ok: false, error: 'The field "version" must be a whole number.' };
  }
  let factCheckApiKey: string | undefined;
  if (data.factCheckApiKey !== undefined) {
    const key = apiKeySchema.safeParse(data.factCheckApiKey);
    if (!key.success) {
      return {
        ok: false,
        error: `Not imported: the field "factCheckApiKey" is not valid (${key.error.issues[0]?.message ?? 'not a key'}). Nothing was changed.`,
      };
    }
    factCheckApiKey = key.data;
  }
  const upgraded = upgradeSettings(data);
  if (!upgraded) {
    return {
      ok: false,
      error: `These settings come from a newer Sidenote (version ${String(data.version)}; this one reads up to ${SETTINGS_VERSION}).`,
    };
  }
  const withDefaults: Loose = { ...DEFAULT_SETTINGS, ...upgraded };
  for (const key of ['kinds', 'endpoints'] as const) {
    if (isObject(upgraded[key])) withDefaults[key] = { ...DEFAULT_SETTINGS[key], ...upgraded[key] };
  }
  const parsed = settingsSchema.safeParse(withDefaults);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue ? fieldName(issue.path) : '';
    return {
      ok: false,
      error: name
        ? `Not imported: the field "${name}" is not valid (${issue?.message}). Nothing was changed.`
        : 'Not imported: the file does not hold valid settings. Nothing was changed.',
    };
  }
  return { ok: true, settings: parsed.data, ...(factCheckApiKey !== undefined ? { factCheckApiKey } : {}) };
}

/** A source whose address an import would change. */
export interface AddressChange {
  source: keyof Settings['endpoints'];
  from: string;
  to: string;
}

/** The source addresses `next` changes from `current`: what the reader must agree to before an import. */
export function addressChanges(current: Settings, next: Settings): AddressChange[] {
  return (Object.keys(current.endpoints) as (keyof Settings['endpoints'])[]).flatMap((source) =>
    current.endpoints[source] === next.endpoints[source]
      ? []
      : [{ source, from: current.endpoints[source], to: next.endpoints[source] }],
  );
}

/**
 * The Fact Check key to keep after an import: the file's own when it carries one; else the current
 * key, but only while the Fact Check address stays the same (a key is never sent to an address it
 * was not entered for).
 */
export function keyAfterImport(current: Settings, currentKey: string, imported: ImportResult & { ok: true }): string {
  if (imported.factCheckApiKey !== undefined) return imported.factCheckApiKey;
  return current.endpoints.factCheck === imported.settings.endpoints.factCheck ? currentKey : '';
}

/** The text of an exported settings file: the stored shape and the key, readable, ending in a newline. */
export function exportText(settings: Settings, factCheckApiKey = ''): string {
  return `${JSON.stringify({ ...settings, factCheckApiKey }, null, 2)}\n`;
}

/** The name an exported file is saved under, dated so several exports do not collide. */
export function exportFileName(now: Date = new Date()): string {
  return `sidenote-settings-${now.toISOString().slice(0, 10)}.json`;
}
