import browser from 'webextension-polyfill';
import { serveBackground } from '../messaging/channel';
import { SETTINGS_KEY } from '../settings/schema';
import { setBadge } from './badge';
import { watchCommands } from './commands';
import { detectHandlers } from './detect';
import { lookupHandlers } from './lookup';
import { forgetWithLastPrivateWindow } from './private';
import { type BackgroundResources, backgroundResources } from './resources';
import { moveLegacySecrets } from './secrets';
import { sourceHandlers } from './source-handlers';
import { loadTrustedSettings } from './trusted-settings';

/** Every message handler of the background worker, over its shared resources. */
export function backgroundHandlers(resources: BackgroundResources): Parameters<typeof serveBackground>[0] {
  return {
    ping: async (_request, sender) => ({
      version: browser.runtime.getManifest().version,
      tabId: sender.tab?.id ?? null,
    }),
    pageReport: async ({ claims, active }, sender) => {
      if (sender.tab?.id !== undefined) await setBadge(sender.tab.id, claims, active);
      return {};
    },
    ...detectHandlers(),
    ...lookupHandlers(resources),
    ...sourceHandlers(resources),
  };
}

/** Wires the background worker: message handlers, the keyboard command, settings repair. */
export function startBackground(): void {
  const resources = backgroundResources();
  serveBackground(backgroundHandlers(resources));

  watchCommands();
  forgetWithLastPrivateWindow(resources.privateCache, browser.windows);

  // Moves a key older settings kept where content scripts read it, then repairs stored settings,
  // so a malformed value never outlives a restart, and on the first start ever records the source
  // addresses as the reader's (lib/background/trusted-settings.ts). (On failure the key stays where it was.)
  void moveLegacySecrets()
    .catch(() => false)
    .then(() => loadTrustedSettings())
    .catch(() => undefined);
  // And whenever a key turns up there again (an options page of the old version still open
  // through the update writes one): it is moved out at once.
  browser.storage.onChanged.addListener((changes, area) => {
    const next = changes[SETTINGS_KEY]?.newValue;
    if (area === 'local' && next && typeof next === 'object' && 'factCheckApiKey' in next) {
      void moveLegacySecrets().catch(() => false);
    }
  });
}
