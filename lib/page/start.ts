import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Annotator } from '../annotate/annotator';
import { removeLeftoverMarks } from '../annotate/marks';
import { yieldToMain } from '../annotate/queue';
import { markStylesheet } from '../annotate/styles';
import { sendToBackground, serveTab } from '../messaging/channel';
import type { MentionSummary } from '../messaging/protocol';
import type { Settings } from '../settings/schema';
import { loadSettings, runsOn, siteOf, watchSettings } from '../settings/store';
import { findArticle } from '../sites/article';
import { type PageLanguage, pageLanguage, readsLanguage } from '../sites/language';
import { articleMetadata } from '../sites/metadata';
import { detectPublisher, publisherQuery } from '../sites/publisher';
import type { CardLayer } from './cards';
import { Lookups } from './lookups';
import { part } from './parts';
import type { PublisherBadge } from './publisher-badge';
import { SourceLookups } from './source-lookups';
import { isDarkPage } from './theme';

/** The element that hosts Sidenote's shadow root on a page; its attributes tell its state. */
export const HOST_TAG = 'sidenote-root';
const STYLE_ID = 'sidenote-mark-style';

/** Visible to the reader, by layout: skips text the page hides with its own CSS. */
function isVisible(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return check ? check.call(el, { visibilityProperty: true }) : true;
}

/**
 * The content script's wiring: reads settings, finds and marks the article when Sidenote runs
 * here, mounts the card layer, answers the popup, follows setting changes live, and takes
 * everything out when turned off or when the extension goes away.
 */
export async function startContent(ctx: ContentScriptContext): Promise<void> {
  // What an earlier Sidenote left on this page when it was stopped without cleaning up.
  for (const old of Array.from(document.querySelectorAll(HOST_TAG))) old.remove();
  document.getElementById(STYLE_ID)?.remove();
  if (document.body) removeLeftoverMarks(document.body);

  const host = document.createElement(HOST_TAG);
  // A zero-size fixed layer above the page; the cards inside position themselves.
  host.setAttribute(
    'style',
    'all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;',
  );
  document.documentElement.append(host);

  const site = siteOf(location.href) ?? '';
  let override: boolean | null = null;
  let settings = await loadSettings();
  let annotator: Annotator | null = null;
  let running: { wholePage: boolean } | null = null;
  let dark = isDarkPage(document);
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  /** A page in a language detection does not read: no marks, only the publisher's badge. */
  let foreign: { language: PageLanguage; isArticle: boolean } | null = null;
  let language: PageLanguage | null = null;
  const isArticle = () => annotator?.isArticle ?? foreign?.isArticle ?? false;

  const lookups = new Lookups(
    () => settings.language,
    () => cards?.refresh(),
  );
  let referenceDate: string | undefined;
  let badge: PublisherBadge | null = null;
  const sources = new SourceLookups(
    () => settings.language,
    () => {
      cards?.refresh();
      badge?.refresh();
    },
  );
  let cards: CardLayer | null = null;
  const cardOptions = {
    annotator: () => annotator,
    lookups,
    sources,
    referenceDate: () => referenceDate,
    hoverDelayMs: () => settings.hoverDelayMs,
    kinds: () => settings.kinds,
    dark: () => {
      // Read when a card opens: the page or the reader's theme may have changed since.
      const now = isDarkPage(document);
      if (now !== dark) {
        dark = now;
        if (annotator) styleSheet();
      }
      return dark;
    },
  };

  const styleSheet = () => {
    let style = document.getElementById(STYLE_ID);
    if (!style) {
      style = document.createElement('style');
      style.id = STYLE_ID;
      (document.head ?? document.documentElement).append(style);
    }
    style.textContent = markStylesheet(dark, settings.kinds);
  };

  const report = () => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      const counts = annotator?.counts() ?? { entities: 0, claims: 0, mentions: 0 };
      void sendToBackground('pageReport', { entities: counts.entities, claims: counts.claims, active: !!annotator });
      host.dataset.sidenoteMarks = String(counts.mentions);
    }, 100);
  };

  let starting = false;
  const startAnnotating = async () => {
    if (starting) return;
    starting = true;
    try {
      await startAnnotatingNow();
    } finally {
      starting = false;
    }
  };
  const startAnnotatingNow = async () => {
    // The language test comes first: on a page detection cannot read, nothing else is loaded
    // or run but what the publisher's badge needs.
    language ??= pageLanguage(document);
    host.dataset.sidenoteLanguage = language.code;
    if (!readsLanguage(language.code)) {
      if (foreign || annotator || !(override ?? runsOn(settings, site))) return;
      foreign = { language, isArticle: findArticle(document, { wholePage: settings.wholePage })?.isArticle ?? false };
      host.dataset.sidenoteArticle = String(foreign.isArticle);
      host.dataset.sidenoteState = 'done';
      if (settings.kinds.source) await startForeignBadge();
      report();
      return;
    }
    // Detection and the cards come in files of their own, evaluated in tasks of their own.
    // Each step here gets a task of its own too, so none holds the page's main thread for long.
    const { detect } = await part('detect');
    await yieldToMain();
    detect('Warm up.', {}); // builds the detector's lazy tables now, not inside the first real chunk
    await yieldToMain();
    const { CardLayer } = await part('cards');
    await yieldToMain();
    if (annotator || !(override ?? runsOn(settings, site))) return;
    cards ??= new CardLayer(host, cardOptions);
    const metadata = articleMetadata(document);
    referenceDate = metadata.publishedAt;
    running = { wholePage: settings.wholePage };
    const a = new Annotator(document, {
      detect,
      referenceDate: metadata.publishedAt,
      kinds: { ...settings.kinds },
      lines: { ...settings.lines },
      wholePage: settings.wholePage,
      isVisible,
      signal: ctx.signal,
      onMarked: (batch) => {
        const ids = new Set(batch.filter((m) => m.entity).map((m) => m.entity!.pageEntityId));
        const entities = [...ids].map((id) => a.registry.entities.get(id)!).filter(Boolean);
        if (entities.length) lookups.requestEntities(entities, () => a.registry.entities.values());
        report();
      },
      onRemoved: () => report(),
      onError: (error) => console.warn('Sidenote: detection failed on part of the page', error),
    });
    annotator = a;
    styleSheet();
    host.dataset.sidenoteState = 'working';
    void a.start().then(() => {
      if (annotator !== a) return;
      host.dataset.sidenoteArticle = String(a.isArticle);
      host.dataset.sidenoteState = 'done';
      void showBadge();
      report();
    });
  };

  // The publisher's badge by the article's heading, on articles, when source context is on.
  // Loaded like the cards: only a page that shows it pays for it.
  const showBadge = async () => {
    badge?.destroy();
    badge = null;
    const anchor = document.querySelector('article h1') ?? document.querySelector('h1');
    const publisher = detectPublisher(document, location.href);
    if (!isArticle() || !settings.kinds.source || !anchor || !publisherQuery(publisher)) return;
    const { PublisherBadge } = await part('cards');
    if (badge || !isArticle() || !settings.kinds.source || !host.shadowRoot) return;
    badge = new PublisherBadge(host.shadowRoot, { publisher, anchor, sources, dark: () => dark });
  };

  const stopAnnotating = () => {
    badge?.destroy();
    badge = null;
    cards?.close(false);
    annotator?.stop();
    annotator = null;
    foreign = null;
    running = null;
    document.getElementById(STYLE_ID)?.remove();
    host.dataset.sidenoteState = 'off';
    delete host.dataset.sidenoteMarks;
    report();
  };

  const apply = (next: Settings) => {
    settings = next;
    const active = override ?? runsOn(settings, site);
    host.dataset.sidenoteActive = String(active);
    host.dataset.sidenoteKinds = Object.entries(settings.kinds)
      .filter(([, on]) => on)
      .map(([kind]) => kind)
      .join(' ');
    if (!active) {
      if (annotator) stopAnnotating();
      else void sendToBackground('pageReport', { entities: 0, claims: 0, active: false });
      return active;
    }
    if (annotator && running?.wholePage !== settings.wholePage) stopAnnotating();
    if (foreign) {
      if (!settings.kinds.source) {
        badge?.destroy();
        badge = null;
      } else if (!badge) void startForeignBadge();
      report();
    } else if (!annotator) void startAnnotating();
    else {
      annotator.setKinds({ ...settings.kinds });
      annotator.setLines({ ...settings.lines });
      if (!settings.kinds.source) {
        badge?.destroy();
        badge = null;
      } else if (!badge && host.dataset.sidenoteState === 'done') void showBadge();
      styleSheet();
      if (cards?.openId && !annotator.visibleMentions().some((m) => m.id === cards?.openId)) cards.close(false);
      cards?.refresh();
      report();
    }
    return active;
  };

  const startForeignBadge = async () => {
    if (!foreign?.isArticle) return;
    const { CardLayer } = await part('cards');
    cards ??= new CardLayer(host, cardOptions);
    void showBadge();
  };

  // The page's or the browser's theme can change while the page is open.
  const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  const onScheme = () => {
    dark = isDarkPage(document);
    if (annotator) styleSheet();
    cards?.refresh();
    badge?.refresh();
  };
  scheme?.addEventListener('change', onScheme);

  ctx.onInvalidated(() => {
    scheme?.removeEventListener('change', onScheme);
    clearTimeout(reportTimer);
    badge?.destroy();
    cards?.destroy();
    annotator?.stop();
    annotator = null;
    document.getElementById(STYLE_ID)?.remove();
    host.remove();
  });

  // Chromium keeps a content script running when its extension is disabled, removed or updated,
  // cut off from it. Such a script notices within two seconds (ctx.isInvalid looks for the
  // extension) and its invalidation takes every mark out, as above.
  ctx.setInterval(() => ctx.isInvalid, 2000);

  apply(settings);
  ctx.onInvalidated(watchSettings(apply));
  ctx.onInvalidated(
    serveTab({
      pageMentions: async () => {
        const list: MentionSummary[] = (annotator?.visibleMentions() ?? []).map((m) => ({
          id: m.id,
          kind: m.kind,
          type: m.type,
          text: m.text,
          label: m.label,
        }));
        return {
          site: site || null,
          active: host.dataset.sidenoteActive === 'true',
          isArticle: isArticle(),
          mentions: list,
          ...(language ? { language: { ...language, reads: readsLanguage(language.code) } } : {}),
        };
      },
      revealMention: async ({ id }) => {
        // Asked for from the popup: the mark keeps its line from now on.
        annotator?.showLine(id);
        return { found: cards?.reveal(id) ?? false };
      },
      showPublisher: async () => {
        if (!badge) return { found: false, name: null };
        cards?.close(false);
        if (!badge.isOpen) badge.open();
        return { found: true, name: badge.name };
      },
      toggleAnnotations: async ({ on }) => {
        override = on ?? host.dataset.sidenoteActive !== 'true';
        return { active: apply(settings) };
      },
    }),
  );

  const pong = await sendToBackground('ping', {});
  host.dataset.sidenoteBackground = pong.ok ? `ok ${pong.value.version}` : `error ${pong.error}`;
}
