import browser from 'webextension-polyfill';

/** The badge's colour: the accent of Sidenote's own pages, readable under white text. */
const BADGE_COLOUR = '#1f4e79';

/** What the toolbar badge says for a page: its number of claims, or nothing when off or none. */
export function badgeText(claims: number, active: boolean): string {
  if (!active || claims <= 0) return '';
  return claims > 999 ? '999+' : String(claims);
}

/**
 * Shows how many claims a tab holds on its toolbar button. Per tab, so each tab tells its
 * own count; the browser drops a tab's badge when the tab closes.
 */
export async function setBadge(tabId: number, claims: number, active: boolean): Promise<void> {
  const text = badgeText(claims, active);
  // Tabs can close between the report and this call; a missing tab is not an error here.
  await browser.action.setBadgeText({ tabId, text }).catch(() => {});
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR }).catch(() => {});
}
