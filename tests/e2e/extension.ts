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
