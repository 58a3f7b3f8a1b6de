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
export function runsOn(settings: Settings, host: string): boolean {
  if (!settings.enabled) return false;
  if (settings.disabledSites.some((rule) => hostMatches(host, rule))) return false;
  if (settings.mode === 'click') return false;
  if (settings.mode === 'sites') return settings.sites.some((rule) => hostMatches(host, rule));
  return true;
}
