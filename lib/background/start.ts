import browser from 'webextension-polyfill';
import { serveBackground } from '../messaging/channel';
import { loadSettings } from '../settings/store';
import { setBadge } from './badge';
import { watchCommands } from './commands';
import { detectHandlers } from './detect';
import { lookupHandlers } from './lookup';
import { backgroundResources } from './resources';
import { sourceHandlers } from './source-handlers';

/** Wires the background worker: message handlers, the keyboard command, settings repair. */
export function startBackground(): void {
  const resources = backgroundResources();
  serveBackground({
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
  });

  watchCommands();

  // Repairs stored settings at start, so a malformed value never outlives a restart.
  void loadSettings();
}
