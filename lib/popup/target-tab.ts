import browser from 'webextension-polyfill';

export interface TargetTab {
  id: number;
  url: string | null;
}

/**
 * The tab the popup acts on: the active tab of the current window, or the one named by
 * `?tab=ID` when the popup is opened as a page of its own (tests, keyboard users).
 */
export async function targetTab(): Promise<TargetTab | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) {
    const tab = await browser.tabs.get(fromQuery).catch(() => null);
    return tab?.id !== undefined ? { id: tab.id, url: tab.url ?? null } : null;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id !== undefined ? { id: tab.id, url: tab.url ?? null } : null;
}
