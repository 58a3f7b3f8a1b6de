import type { TestBrowser, TestPage } from './browsers';

/** The settings as stored, read from an extension page (where `browser`/`chrome` exist). */
export function readStoredSettings(extensionPage: TestPage): Promise<Record<string, unknown> | undefined> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    return (await api.storage.local.get('settings')).settings as Record<string, unknown> | undefined;
  });
}

/** What `plantSettings` and `secretsRecord` need of a page: Playwright's and TestPage's evaluate. */
type Evaluates = Pick<TestPage, 'evaluate'>;

/**
 * Writes a raw value under `settings` from an extension page, bypassing validation. Its source
 * addresses are first recorded as the reader's (what the options page does when they are set
 * there: lib/background/trusted-settings.ts), unless `approve` is false: then they are written the
 * way a content script could write them, and the background must not use them.
 */
export async function plantSettings(extensionPage: Evaluates, value: unknown, approve = true): Promise<void> {
  const endpoints = (value as { endpoints?: Record<string, string> } | null)?.endpoints;
  if (approve && endpoints && typeof endpoints === 'object') {
    const before = (await secretsRecord<Record<string, string>>(extensionPage, 'approvedEndpoints')) ?? {};
    await secretsRecord(extensionPage, 'approvedEndpoints', { ...before, ...endpoints });
  }
  await extensionPage.evaluate(async (v) => {
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
 * One record of the extension's own store (lib/secrets/store.ts: IndexedDB `sidenote-secrets`),
 * read or written from an extension page: `factCheck` (the key and its address) or
 * `approvedEndpoints`. `set` null removes it; undefined only reads.
 */
export function secretsRecord<T>(extensionPage: Evaluates, name: string, set?: T | null): Promise<T | null> {
  return extensionPage.evaluate(
    async ({ name, value }) => {
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
        if (value === null) await run('readwrite', (s) => s.delete(name));
        else if (value !== undefined) await run('readwrite', (s) => s.put(value, name));
        return ((await run('readonly', (s) => s.get(name))) ?? null) as T | null;
      } finally {
        db.close();
      }
    },
    { name, value: set },
  );
}

/** The Fact Check key as the extension's own store holds it, read or written (`null` removes it). */
export function factCheckSecret(
  extensionPage: Evaluates,
  set?: { key: string; endpoint: string } | null,
): Promise<{ key: string; endpoint: string } | null> {
  return secretsRecord(extensionPage, 'factCheck', set);
}
