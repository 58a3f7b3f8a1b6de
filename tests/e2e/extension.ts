import type { TestBrowser, TestPage } from './browsers';

/** The settings as stored, read from an extension page (where `browser`/`chrome` exist). */
export function readStoredSettings(extensionPage: TestPage): Promise<Record<string, unknown> | undefined> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    return (await api.storage.local.get('settings')).settings as Record<string, unknown> | undefined;
  });
}

/** Writes a raw value under `settings` from an extension page, bypassing validation. */
export function plantSettings(extensionPage: TestPage, value: unknown): Promise<void> {
  return extensionPage.evaluate(async (v) => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    await api.storage.local.set({ settings: v });
  }, value);
}

/** Opens the popup as a tab that acts on `page`, the tab showing `url`. */
export async function openPopupFor(browser: TestBrowser, page: TestPage, url: string): Promise<TestPage> {
  const tabId = await browser.tabIdOf(page, url);
  const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.waitForSelector('main.sn-popup:not([aria-busy])');
  return popup;
}

/**
 * The Fact Check key as the extension's own store holds it (lib/secrets/store.ts: IndexedDB
 * `sidenote-secrets`), read or written from an extension page. `key` null removes it.
 */
export function factCheckSecret(
  extensionPage: TestPage,
  set?: { key: string; endpoint: string } | null,
): Promise<{ key: string; endpoint: string } | null> {
  return extensionPage.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('sidenote-secrets', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('secrets');
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const run = (mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest) =>
      new Promise<unknown>((done, fail) => {
        const request = act(db.transaction('secrets', mode).objectStore('secrets'));
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
    try {
      if (value === null) await run('readwrite', (s) => s.delete('factCheck'));
      else if (value) await run('readwrite', (s) => s.put(value, 'factCheck'));
      return ((await run('readonly', (s) => s.get('factCheck'))) ?? null) as { key: string; endpoint: string } | null;
    } finally {
      db.close();
    }
  }, set);
}
