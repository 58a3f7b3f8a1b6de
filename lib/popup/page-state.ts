import type { CacheStats } from '../contracts/settings';
import type { MentionSummary } from '../contracts/tabs';
import { sendToBackground, sendToTab } from '../messaging/channel';
import type { ResponseOf, toTab } from '../messaging/protocol';
import { siteOf } from '../settings/store';
import { type TargetTab, targetTab } from './target-tab';

/** What the popup knows of the page it acts on. */
export type PageState =
  /** No tab to act on (the popup was opened with a tab id that is gone). */
  | { status: 'no-tab' }
  /** A tab whose content script does not answer: browser pages, the store, a page still loading. */
  | { status: 'unreachable'; tabId: number; site: string | null }
  | {
      status: 'ready';
      tabId: number;
      site: string | null;
      active: boolean;
      isArticle: boolean;
      mentions: MentionSummary[];
      /** The page's language, and whether Sidenote reads it (absent from an older content script). */
      language?: ResponseOf<typeof toTab, 'pageMentions'>['language'];
      /** The page budgets the page reached (lib/page/budgets.ts), when it reached any. */
      limits?: ResponseOf<typeof toTab, 'pageMentions'>['limits'];
    };

/** Asks the tab's content script what it holds. Never throws: a silent tab is "unreachable". */
export async function readPage(tab: TargetTab | null): Promise<PageState> {
  if (!tab) return { status: 'no-tab' };
  const reply = await sendToTab(tab.id, 'pageMentions', {});
  // Without the `tabs` permission Chromium hides the URL; the content script knows its own site.
  const urlSite = tab.url ? siteOf(tab.url) : null;
  if (!reply.ok) return { status: 'unreachable', tabId: tab.id, site: urlSite };
  return { status: 'ready', tabId: tab.id, ...reply.value, site: reply.value.site ?? urlSite };
}

/** The popup's tab and its page, in one call. */
export async function loadPage(): Promise<PageState> {
  return readPage(await targetTab());
}

/** Mentions counted by kind, for the popup's summary line. */
export function countMentions(mentions: MentionSummary[]): { entities: number; claims: number } {
  let entities = 0;
  let claims = 0;
  for (const m of mentions) {
    if (m.kind === 'entity') entities += 1;
    else if (m.kind === 'claim') claims += 1;
  }
  return { entities, claims };
}

/** The cache's size, or null while the background cannot tell (no cache yet, or an error). */
export async function readCache(clear = false): Promise<CacheStats | null> {
  const reply = await sendToBackground(clear ? 'cacheClear' : 'cacheStats', {});
  return reply.ok ? reply.value : null;
}

/** "1.2 MB", "340 KB", "12 bytes": a size a reader can read. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
