import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { loadFactCheckSecret } from '../secrets/store';
import type { Settings } from '../settings/schema';

/** The options page's one status line: what the last action did, or why it did not. */
export type Status = { kind: 'ok' | 'error'; text: string } | null;

/** Saves a change to the settings (clearing the status line; a failure to save is shown there). */
export type ChangeSettings = (fn: (s: Settings) => Settings) => void;

/**
 * The Fact Check key for the address in the settings, from the extension's own store (never the
 * settings, which content scripts read). null while it is read, or when the store cannot be opened.
 */
export function useFactCheckKey(endpoint: string | undefined): [string | null, () => void] {
  const [key, setKey] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (endpoint === undefined) return;
    let live = true;
    loadFactCheckSecret()
      .then((secret) => live && setKey(secret && secret.endpoint === endpoint ? secret.key : ''))
      .catch(() => live && setKey(null));
    return () => {
      live = false;
    };
  }, [endpoint, tick]);
  return [key, () => setTick((t) => t + 1)];
}

/** The keyboard shortcut the browser has bound to the toggle command, if any. */
export function useShortcut(): string | null {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    // Inside a promise chain: where `commands` is missing or unimplemented it fails quietly.
    Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((all) => setShortcut(all.find((c) => c.name === 'toggle-annotations')?.shortcut || null))
      .catch(() => setShortcut(null));
  }, []);
  return shortcut;
}
