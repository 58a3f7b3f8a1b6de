import browser from 'webextension-polyfill';
import { legacyFactCheckKey, migrateSettings } from './migrate';
import { SETTINGS_KEY, type Settings, settingsSchema } from './schema';

/**
 * Writes settings. A key an older version kept in them (v2) is carried over untouched until the
 * background has moved it to its own store (lib/background/secrets.ts): a page or the popup that
 * writes first must not lose the reader's key on the way.
 */
async function write(settings: Settings, stored: unknown): Promise<void> {
  const legacy = legacyFactCheckKey(stored);
  const value = legacy
    ? { ...settings, factCheckApiKey: (stored as { factCheckApiKey: string }).factCheckApiKey }
    : settings;
  await browser.storage.local.set({ [SETTINGS_KEY]: value });
}

/** Reads settings, repairing and writing back whatever was stored in a bad shape. */
export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { settings, repaired } = migrateSettings(stored);
  if (repaired) await write(settings, stored);
  return settings;
}

/** Source addresses a change sets, keyed by source (those it leaves as they were are not listed). */
export type EndpointChange = Partial<Settings['endpoints']>;

/**
 * Applies a change on top of the current settings; the result is validated before it is stored.
 * `onEndpoints` hears the source addresses the change sets, before they are written: the options
 * page records them as the reader's there (lib/background/trusted-settings.ts).
 */
export async function updateSettings(
  change: (current: Settings) => Settings,
  onEndpoints?: (changed: EndpointChange) => Promise<void>,
): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const current = migrateSettings(stored).settings;
  const next = settingsSchema.parse(change(current));
  const changed: EndpointChange = {};
  for (const source of Object.keys(next.endpoints) as (keyof Settings['endpoints'])[])
    if (next.endpoints[source] !== current.endpoints[source]) changed[source] = next.endpoints[source];
  if (onEndpoints && Object.keys(changed).length > 0) await onEndpoints(changed);
  await write(next, stored);
  return next;
}

export async function saveSettings(settings: Settings): Promise<Settings> {
  return updateSettings(() => settings);
}

/** Calls `listener` with valid settings whenever they change; returns the function that stops it. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    listener(migrateSettings(changes[SETTINGS_KEY]?.newValue).settings);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

// Site rules live in ./sites.ts (no zod, no browser API) so the first script can use them.
export { hostMatches, runsOn, siteOf } from './sites';
