import browser from 'webextension-polyfill';
import { sendToTab, serveBackground } from '../messaging/channel';
import { loadSettings } from '../settings/store';
import { lookupHandlers } from './lookup';
import { sourceHandlers } from './source-handlers';

/** Shows how many claims a tab holds on the toolbar button, or nothing when Sidenote is off there. */
async function setBadge(tabId: number, claims: number, active: boolean): Promise<void> {
  const text = active && claims > 0 ? String(Math.min(claims, 999)) : '';
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1f4e79' });
}

/** Wires the background worker: message handlers, the keyboard command, settings repair. */
export function startBackground(): void {
  serveBackground({
    ping: async (_request, sender) => ({
      version: browser.runtime.getManifest().version,
      tabId: sender.tab?.id ?? null,
    }),
    pageReport: async ({ claims, active }, sender) => {
      if (sender.tab?.id !== undefined) await setBadge(sender.tab.id, claims, active);
      return {};
    },
    ...lookupHandlers(),
    ...sourceHandlers(),
  });

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'toggle-annotations') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendToTab(tab.id, 'toggleAnnotations', {});
  });

  // Repairs stored settings at start, so a malformed value never outlives a restart.
  void loadSettings();
}
