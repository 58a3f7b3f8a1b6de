import browser from 'webextension-polyfill';
import { migrateSettings } from './migrate';
import { SETTINGS_KEY, type Settings, settingsSchema } from './schema';

/** Reads settings, repairing and writing back whatever was stored in a bad shape. */
export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { settings, repaired } = migrateSettings(stored);
  if (repaired) await browser.storage.local.set({ [SETTINGS_KEY]: settings });
  return settings;
}

/** Applies a change on top of the current settings; the result is validated before it is stored. */
export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = settingsSchema.parse(change(await loadSettings()));
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
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
