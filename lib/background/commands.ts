import browser from 'webextension-polyfill';
import { sendToTab } from '../messaging/channel';

/** The manifest's command that turns annotations on or off on the current page. */
export const TOGGLE_COMMAND = 'toggle-annotations';

/**
 * Runs a keyboard command: `toggle-annotations` flips annotations on the active tab (in
 * "click" mode this is the keyboard way to annotate a page). Returns whether the tab's
 * content script answered, so a page it cannot reach (a browser page) fails quietly.
 */
export async function runCommand(command: string): Promise<boolean> {
  if (command !== TOGGLE_COMMAND) return false;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return false;
  const reply = await sendToTab(tab.id, 'toggleAnnotations', {});
  return reply.ok;
}

/** Listens for the manifest's keyboard commands; returns the function that stops listening. */
export function watchCommands(): () => void {
  const listener = (command: string) => {
    void runCommand(command);
  };
  // Firefox for Android has no `commands`; the toolbar popup still offers the same switch.
  browser.commands?.onCommand.addListener(listener);
  return () => browser.commands?.onCommand.removeListener(listener);
}
