import { yieldToMain } from '../annotate/queue';
import type { RequestOf, ResponseOf, toTab } from '../messaging/protocol';
import { runsOn, type SiteRules, siteOf } from '../settings/sites';
import { type ArticleScan, declaresArticle, isArticlePageSliced, scanArticle } from '../sites/article';
import { timelineMark } from '../timeline';
import { removeLeftovers } from './leftovers';
import { PAGE_PART_FILE } from './names';
import { warmDetection } from './warm-up';

/**
 * Sidenote's first script, the one every http(s) page gets. It reads the few settings that say
 * where Sidenote runs, tests whether this page is a candidate, and stops there when it is not:
 * no detection, no word lists, no Preact, no zod, nothing in the page's DOM, nothing the page
 * can observe. On a candidate it imports the rest (`sidenote-page.js`) and hands over.
 *
 * It talks to the WebExtension API directly (`browser` in Firefox, `chrome` in Chromium, both
 * promise-based in MV3) instead of through the polyfill, to stay a few kilobytes.
 */

type Listener = (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => boolean | undefined;
type StorageListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** The little of the WebExtension API the first script uses. */
export interface GateApi {
  runtime: {
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(l: Listener): void; removeListener(l: Listener): void };
  };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: { addListener(l: StorageListener): void; removeListener(l: StorageListener): void };
  };
}

/** What the page part (lib/page/start.ts) is started with. */
export interface PageStart {
  /** The reader's on/off for this page alone (toolbar button, keyboard command), or null. */
  override: boolean | null;
  /**
   * The finder's pass the first script made to decide: the page part takes it over while the
   * page is unchanged, so an article is read once, not once per bundle.
   */
  scan?: ArticleScan;
  /**
   * The settings as the first script read them from storage (validated by the page part), so the
   * page part does not read them again; `settings` is undefined while nothing is stored. Present
   * also means the first script asked the background to warm detection up.
   */
  stored?: { settings: unknown };
}

/** The page part's module, as `import()` gives it (its default export). */
export interface PagePart {
  start(options: PageStart): void;
}

/** The settings the decision needs, read defensively from raw storage (zod checks them later). */
export interface GateSettings extends SiteRules {
  wholePage: boolean;
}

const SETTINGS_KEY = 'settings';
const MODES: readonly GateSettings['mode'][] = ['articles', 'sites', 'click'];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The decision's fields from whatever is stored; anything missing or odd reads as the default. */
export function gateSettings(raw: unknown): GateSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    enabled: r.enabled !== false,
    mode: MODES.includes(r.mode as GateSettings['mode']) ? (r.mode as GateSettings['mode']) : 'articles',
    sites: strings(r.sites),
    disabledSites: strings(r.disabledSites),
    wholePage: r.wholePage === true,
  };
}

/**
 * Whether Sidenote should load on this page now: it runs here on its own (or the reader turned it
 * on for this page), and the page is an article (or whole-page mode is on). The article test,
 * asked only when it matters, runs in slices of the main thread (the finder's budget per task).
 */
export async function isCandidate(
  doc: Document,
  settings: GateSettings,
  site: string,
  override: boolean | null,
  isArticle: () => Promise<boolean> = () => isArticlePageSliced(doc),
): Promise<boolean> {
  if (!(override ?? runsOn(settings, site))) return false;
  // The page's language is tested in the page part, before anything is detected: an article in a
  // language detection does not read still gets its publisher's badge and the popup's word on it.
  return settings.wholePage || (await isArticle());
}

/** A reply in the channel's envelope to the tab message `K`, typed by the protocol (lib/messaging/protocol.ts). */
const reply = <K extends keyof typeof toTab>(value: ResponseOf<typeof toTab, K>) => ({ ok: true, value });

/**
 * Runs the first script: decides, and either hands over to the page part or waits quietly for
 * a reason to (settings that change, the reader's toolbar button or keyboard command).
 * One function over 60 lines on purpose: its state lives in local variables the minifier renames,
 * where a class or a state object would add about a kilobyte to a script every page loads.
 */
export async function startGate(api: GateApi, doc: Document = document): Promise<void> {
  // When the browser ran this script: noted on the page's timeline (benchmark builds only, lib/timeline.ts)
  // only where Sidenote works.
  const began = performance.now();
  removeLeftovers(doc);
  const site = siteOf(doc.location?.href ?? '') ?? '';
  let stored = (await api.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  let settings = gateSettings(stored);
  let override: boolean | null = null;
  let handing = false;
  let article: boolean | undefined;

  const stopListening = () => {
    api.runtime.onMessage.removeListener(onMessage);
    api.storage.onChanged.removeListener(onStorage);
  };
  // The page part's module, asked for once: early on a page that declares itself an article.
  let loading: Promise<PagePart> | undefined;
  const loadPart = () => {
    if (!loading) {
      // The warm-up message waits for a task of its own: the module request goes first.
      setTimeout(() => warmDetection((name, request) => api.runtime.sendMessage({ sidenote: 1, name, request })), 0);
      loading = import(/* @vite-ignore */ api.runtime.getURL(PAGE_PART_FILE)).then((m) => m.default as PagePart);
      // A failure is reported by the hand-over of the same decision, which then clears `loading`
      // for the next try (a decision that hands nothing over clears it too).
      loading.catch(() => undefined);
    }
    return loading;
  };
  const handOver = async (scan?: ArticleScan) => {
    if (handing) {
      scan?.release();
      return;
    }
    handing = true;
    try {
      timelineMark('sidenote-gate', began);
      timelineMark('sidenote-start');
      const part = await loadPart();
      timelineMark('sidenote-loaded');
      // The module was evaluated in this task: the page part starts in a task of its own.
      await new Promise((done) => setTimeout(done, 0));
      // The page part answers messages and follows settings from here on.
      stopListening();
      part.start({ override, stored: { settings: stored }, ...(scan ? { scan } : {}) });
    } catch (error) {
      handing = false;
      loading = undefined;
      scan?.release();
      console.warn('Sidenote: could not load', error);
    }
  };
  const decide = async () => {
    if (handing) return;
    let scan: ArticleScan | undefined;
    const isArticle = async () => {
      scan = await scanArticle(doc);
      article = scan.isArticle;
      return article;
    };
    try {
      // A page whose metadata says it is an article is one whatever the finder's pass finds: its
      // page part loads while the pass runs, rather than after it (the pass is still handed over).
      if ((override ?? runsOn(settings, site)) && (settings.wholePage || declaresArticle(doc))) {
        void loadPart();
        // Asking for the module and the warm-up is a task's worth already: the pass starts in the next.
        await yieldToMain();
      }
      if (await isCandidate(doc, settings, site, override, isArticle)) void handOver(scan);
      else {
        scan?.release();
        if (!handing) loading = undefined;
      }
    } catch (error) {
      console.warn('Sidenote: could not read the page', error);
    }
  };

  // Messages from the popup and the background (the `sidenote: 1` envelope of lib/messaging).
  const onMessage: Listener = (message, _sender, sendResponse) => {
    // Not validated (no zod in the first script): each field is checked where it is read.
    const m = message as {
      sidenote?: unknown;
      name?: unknown;
      request?: Partial<RequestOf<typeof toTab, 'toggleAnnotations'>>;
    } | null;
    if (m?.sidenote !== 1 || handing) return undefined;
    const active = () => override ?? runsOn(settings, site);
    switch (m.name) {
      case 'pageMentions':
        // Answered once the article test (in slices) is done: the channel stays open till then.
        void (async () => {
          article ??= await isArticlePageSliced(doc);
          sendResponse(
            reply<'pageMentions'>({ site: site || null, active: active(), isArticle: article, mentions: [] }),
          );
        })();
        return true;
      case 'toggleAnnotations': {
        const on = m.request?.on;
        override = typeof on === 'boolean' ? on : !active();
        sendResponse(reply<'toggleAnnotations'>({ active: override }));
        // Turned on by hand, Sidenote works here whatever the page is (whole-page off: the article).
        if (override) void handOver();
        return undefined;
      }
      case 'revealMention':
        sendResponse(reply<'revealMention'>({ found: false }));
        return undefined;
      case 'showPublisher':
        sendResponse(reply<'showPublisher'>({ found: false, name: null }));
        return undefined;
      default:
        return undefined;
    }
  };
  const onStorage: StorageListener = (changes, area) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    stored = changes[SETTINGS_KEY]?.newValue;
    settings = gateSettings(stored);
    void decide();
  };

  api.runtime.onMessage.addListener(onMessage);
  api.storage.onChanged.addListener(onStorage);
  await decide();
}

/** The extension API of the context this runs in. */
export function extensionApi(): GateApi {
  const g = globalThis as unknown as { browser?: GateApi; chrome?: GateApi };
  return (g.browser ?? g.chrome)!;
}
