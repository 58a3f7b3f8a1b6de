import browser from 'webextension-polyfill';
import { saveFactCheckSecret } from '../secrets/store';
import { legacyFactCheckKey, migrateSettings } from '../settings/migrate';
import { SETTINGS_KEY } from '../settings/schema';

/**
 * Moves a Fact Check key that settings of v2 or older kept in `storage.local` (which content
 * scripts read) to the extension's IndexedDB, bound to its address, then writes the settings back
 * without it. Run by the background at every start (a no-op once done). When IndexedDB cannot be
 * opened the key stays where it was rather than being lost. Returns whether a key was moved.
 */
export async function moveLegacySecrets(save = saveFactCheckSecret): Promise<boolean> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const legacy = legacyFactCheckKey(stored);
  const carriesKey = !!stored && typeof stored === 'object' && 'factCheckApiKey' in stored;
  if (!carriesKey) return false;
  if (legacy) await save(legacy.key, legacy.endpoint);
  // Written directly: `saveSettings` would carry the key over (lib/settings/store.ts).
  await browser.storage.local.set({ [SETTINGS_KEY]: migrateSettings(stored).settings });
  return !!legacy;
}
