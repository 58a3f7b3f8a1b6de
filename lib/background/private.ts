import type browser from 'webextension-polyfill';
import { type CacheStore, openMemoryStore } from '../cache/store';

/** The lane a sender's requests take at each source (lib/wikimedia/http.ts): its tab, else the extension's pages. */
export function laneOf(sender: browser.Runtime.MessageSender | undefined): string {
  return sender?.tab?.id !== undefined ? `tab:${sender.tab.id}` : 'extension';
}

/** Whether a message comes from a tab of a private (incognito) window. */
export function fromPrivateTab(sender: browser.Runtime.MessageSender | undefined): boolean {
  return sender?.tab?.incognito === true;
}

/**
 * The cache of private tabs' lookups: in memory only, never IndexedDB, so nothing a private tab
 * looked up reaches the disk; emptied when the last private window closes (and lost with the
 * worker, whichever comes first).
 */
export class PrivateCache {
  private store: CacheStore | null = null;

  /** The memory store, made on first use. */
  get(): CacheStore {
    this.store ??= openMemoryStore();
    return this.store;
  }

  /** Forgets everything private tabs looked up. */
  forget(): void {
    void this.store?.clear();
    this.store = null;
  }

  /** Whether anything is held (for tests). */
  get holding(): boolean {
    return this.store !== null;
  }
}

/** The little of `browser.windows` watching private windows needs (no permission is required for it). */
export interface WindowsApi {
  getAll(): Promise<{ incognito: boolean }[]>;
  onRemoved: { addListener(listener: (windowId: number) => void): void };
}

/**
 * Empties the private cache when a window closes and no private window is left. A browser without
 * `windows` (Firefox for Android) has no private windows to watch; its private cache still goes
 * with the worker.
 */
export function forgetWithLastPrivateWindow(cache: PrivateCache, windows: WindowsApi | undefined): void {
  windows?.onRemoved.addListener(() => {
    if (!cache.holding) return;
    void windows
      .getAll()
      .then((all) => {
        if (!all.some((w) => w.incognito)) cache.forget();
      })
      .catch(() => cache.forget());
  });
}
