import browser from 'webextension-polyfill';
import { Annotator } from '../annotate/annotator';
import { yieldToFrame, yieldToMain } from '../annotate/queue';
import type { MentionSummary } from '../contracts/tabs';
import { sendToBackground, serveTab } from '../messaging/channel';
import { migrateSettings } from '../settings/migrate';
import type { Settings } from '../settings/schema';
import { loadSettings, runsOn, siteOf, watchSettings } from '../settings/store';
import { type ArticleScan, findArticleSliced } from '../sites/article';
import { articleDate } from '../sites/article-date';
import { type PageLanguage, pageLanguage, readsLanguage } from '../sites/language';
import { detectPublisher, publisherQuery } from '../sites/publisher';
import { timelineMark } from '../timeline';
import { MAX_ARTICLE_CHARS, MAX_MARKS } from './budgets';
import type { CardLayer } from './cards';
import { detectInBackground, readPageInBackground } from './detect-client';
import type { PageStart } from './gate';
import { PageHost } from './host';
import { Lifetime } from './lifetime';
import { Lookups } from './lookups';
import { MarkStyle } from './mark-style';
import { loadCards } from './parts';
import type { PublisherBadge } from './publisher-badge';
import { SourceLookups } from './source-lookups';
import { isDarkPage } from './theme';
import { warmDetection } from './warm-up';

export { HOST_TAG } from './names';

/** How long the page's counts settle before they are reported to the toolbar badge, in ms. */
const REPORT_DELAY_MS = 100;

/** Visible to the reader, by layout: skips text the page hides with its own CSS. */
function isVisible(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return check ? check.call(el, { visibilityProperty: true }) : true;
}

/**
 * Starts Sidenote's page part on a page the first script (lib/page/gate.ts) chose: it takes over
 * the page's messages and settings at once, and marks the article when Sidenote runs here.
 */
export function startPage(options: PageStart): void {
  new PageSession(document, options.override, options.stored, options.scan).start();
}

/**
 * Sidenote on one page: the settings it follows, the marks (an `Annotator`), the card layer and
 * the publisher's badge, the popup's messages and the toolbar badge's report. Each piece is a
 * named step; everything undoes through one `Lifetime`, so `destroy()` is the one teardown.
 */
export class PageSession {
  private readonly lifetime = new Lifetime();
  private readonly host: PageHost;
  private readonly style: MarkStyle;
  private readonly site: string;
  private readonly lookups: Lookups;
  private readonly sources: SourceLookups;
  private settings: Settings | null = null;
  private annotator: Annotator | null = null;
  /** The whole-page setting the current annotator was started with. */
  private wholePage = false;
  private starting = false;
  private cards: CardLayer | null = null;
  private badge: PublisherBadge | null = null;
  private referenceDate: string | undefined;
  private dark: boolean;
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private ready: Promise<void> = Promise.resolve();
  /** A page in a language detection does not read: no marks, only the publisher's badge. */
  private foreign: { language: PageLanguage; isArticle: boolean } | null = null;
  private language: PageLanguage | null = null;

  /** True while the first script's warm-up of detection (lib/page/gate.ts) covers the next start. */
  private warmed: boolean;

  /** `stored`: the settings as the first script read them, if it passed them on (see PageStart). */
  constructor(
    private readonly doc: Document,
    private override: boolean | null,
    private readonly stored?: { settings: unknown },
    /** The first script's pass of the finder, taken by the first finder run here (see ArticleScan). */
    private scan?: ArticleScan,
  ) {
    this.warmed = stored !== undefined;
    this.site = siteOf(doc.location?.href ?? '') ?? '';
    this.host = new PageHost(doc);
    this.style = new MarkStyle(this.host.element);
    this.dark = isDarkPage(doc);
    const language = () => this.settings?.language ?? 'en';
    this.lookups = new Lookups(language, () => this.cards?.refresh());
    this.sources = new SourceLookups(language, () => {
      this.cards?.refresh();
      this.badge?.refresh();
    });
  }

  /** Wires the session; the settings arrive asynchronously, and messages wait for them. */
  start(): void {
    const { lifetime } = this;
    lifetime.add(() => this.host.remove());
    lifetime.add(() => this.stopAnnotating());
    lifetime.add(() => clearTimeout(this.reportTimer));
    lifetime.add(() => this.takeScan()?.release());
    lifetime.endWithExtension();
    // Messages first: the first script stopped answering when it handed over.
    lifetime.add(serveTab(this.tabHandlers()));
    this.ready = this.firstSettings().then((settings) => {
      timelineMark('sidenote-settings');
      if (lifetime.destroyed) return;
      lifetime.add(watchSettings((next) => this.apply(next)));
      this.watchTheme();
      this.apply(settings);
      void this.checkBackground();
    });
  }

  /** The first script's pass, for the first finder run only (later runs read the page as it is then). */
  private takeScan(): ArticleScan | undefined {
    const scan = this.scan;
    this.scan = undefined;
    return scan;
  }

  /** The settings to start with: those the first script read, unless they need a repair written back. */
  private firstSettings(): Promise<Settings> {
    if (this.stored === undefined) return loadSettings();
    const { settings, repaired } = migrateSettings(this.stored.settings);
    // Applied in a task after this one, as a storage read would be: wiring and applying do not add up.
    return repaired ? loadSettings() : yieldToMain().then(() => settings);
  }

  /** Takes everything out: marks, cards, badge, style, host, listeners, timers. */
  destroy(): void {
    this.lifetime.destroy();
  }

  private active(): boolean {
    return !!this.settings && (this.override ?? runsOn(this.settings, this.site));
  }

  /** Follows the settings (and the page's own switch): starts, restyles or stops the marks. */
  private apply(next: Settings): boolean {
    this.settings = next;
    const active = this.active();
    this.host.set('active', active);
    if (!active) {
      if (this.annotator) {
        this.stopAnnotating();
        this.report();
      } else void sendToBackground('pageReport', { entities: 0, claims: 0, active: false });
      return false;
    }
    if (this.annotator && this.wholePage !== next.wholePage) this.stopAnnotating();
    if (this.foreign) {
      if (!next.kinds.source) this.dropBadge();
      else if (!this.badge) void this.startForeignBadge();
      this.report();
    } else if (!this.annotator) void this.startAnnotating();
    else this.restyle();
    return true;
  }

  /** Kinds or theme changed while marks are on the page. */
  private restyle(): void {
    const { annotator, settings } = this;
    if (!annotator || !settings) return;
    annotator.setKinds({ ...settings.kinds });
    annotator.setLines({ ...settings.lines });
    if (!settings.kinds.source) this.dropBadge();
    else if (!this.badge && this.host.get('state') === 'done') void this.showBadge();
    this.style.apply(this.dark);
    const open = this.cards?.openId;
    if (open && !annotator.visibleMentions().some((m) => m.id === open)) this.cards?.close(false);
    this.cards?.refresh();
    this.report();
  }

  private async startAnnotating(): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    // The language test comes first: on a page detection cannot read, nothing else is run but
    // what the publisher's badge needs.
    this.language ??= pageLanguage(this.doc);
    this.host.set('language', this.language.code);
    if (!readsLanguage(this.language.code)) {
      try {
        if (this.foreign || this.annotator || !this.active() || !this.settings) return;
        const found = await findArticleSliced(
          this.doc,
          { wholePage: this.settings.wholePage },
          { signal: this.lifetime.signal, handed: this.takeScan() },
        ).catch((error: unknown) => {
          if (this.lifetime.destroyed) return undefined;
          throw error;
        });
        if (found === undefined || this.foreign || this.annotator || !this.active()) return;
        const isArticle = found?.isArticle ?? false;
        this.foreign = { language: this.language, isArticle };
        this.host.set('article', isArticle);
        this.host.set('state', 'done');
        if (this.settings.kinds.source) await this.startForeignBadge();
        this.report();
      } finally {
        this.starting = false;
      }
      return;
    }
    // The cards come in a file of their own, evaluated in a task of its own, while the
    // article is read and detected: marks do not wait for them, only a card does.
    const cards = loadCards((path) => browser.runtime.getURL(path));
    cards.catch(() => undefined); // (reported below, when it is waited for)
    try {
      if (!this.warmed) warmDetection(sendToBackground);
      this.warmed = false;
      await yieldToMain();
      if (this.annotator || !this.active() || this.lifetime.destroyed || !this.settings) return;
      this.annotate(this.settings);
    } finally {
      this.starting = false;
    }
    try {
      const { CardLayer } = await cards;
      if (!this.lifetime.destroyed) this.cards ??= this.makeCards(CardLayer);
    } catch (error) {
      console.warn('Sidenote: could not load the cards', error);
    }
  }

  /** On a page in another language: the card layer, for the publisher's badge only. */
  private async startForeignBadge(): Promise<void> {
    if (!this.foreign?.isArticle) return;
    const { CardLayer } = await loadCards((path) => browser.runtime.getURL(path));
    if (this.lifetime.destroyed) return;
    this.cards ??= this.makeCards(CardLayer);
    void this.showBadge();
  }

  private isArticle(): boolean {
    return this.annotator?.isArticle ?? this.foreign?.isArticle ?? false;
  }

  private makeCards(Layer: typeof CardLayer): CardLayer {
    const cards = new Layer(this.host.element, {
      annotator: () => this.annotator,
      lookups: this.lookups,
      sources: this.sources,
      referenceDate: () => this.referenceDate,
      hoverDelayMs: () => this.settings?.hoverDelayMs ?? 500,
      kinds: () => this.settings?.kinds ?? { entities: true, claims: true, source: true },
      dark: () => this.readTheme(),
    });
    this.lifetime.add(() => cards.destroy());
    return cards;
  }

  /** Finds the article and marks it, nearest the viewport first. */
  private annotate(settings: Settings): void {
    // The article's own date, from everything the page says (lib/sites/article-date.ts); none
    // leaves relative dates as the text says them, never counted from today.
    this.referenceDate = articleDate(this.doc, this.doc.location?.href).date;
    this.wholePage = settings.wholePage;
    const a = new Annotator(this.doc, {
      detect: detectInBackground,
      readPage: readPageInBackground,
      referenceDate: this.referenceDate,
      // The page's budgets (lib/page/budgets.ts): past them, reading or marking stops and the popup says so.
      maxChars: MAX_ARTICLE_CHARS,
      maxMarks: MAX_MARKS,
      kinds: { ...settings.kinds },
      lines: { ...settings.lines },
      wholePage: settings.wholePage,
      isVisible,
      signal: this.lifetime.signal,
      handed: this.takeScan(),
      // The names of a whole pass are looked up together, as soon as detection is in: one batch
      // for the page's load (two Wikipedia requests cold), however many frames the marking takes.
      onDetected: (mentions) => {
        const ids = new Set(mentions.filter((m) => m.entity).map((m) => m.entity!.pageEntityId));
        const entities = [...ids].map((id) => a.registry.entities.get(id)!).filter(Boolean);
        if (entities.length) this.lookups.requestEntities(entities, () => a.registry.entities.values());
      },
      onMarked: () => this.report(),
      onRemoved: () => this.report(),
      onError: (error) => console.warn('Sidenote: detection failed on part of the page', error),
    });
    this.annotator = a;
    this.style.apply(this.dark);
    this.host.set('state', 'working');
    void a.start().then(() => {
      if (this.annotator !== a) return;
      this.host.set('article', a.isArticle);
      this.host.set('state', 'done');
      void this.showBadge();
      this.report();
    });
  }

  /** The one place marks, badge and open card come out (turned off, or the session ends). */
  private stopAnnotating(): void {
    this.dropBadge();
    this.cards?.close(false);
    this.annotator?.stop();
    this.annotator = null;
    this.foreign = null;
    this.style.remove();
    this.host.set('state', 'off');
    this.host.unset('marks');
  }

  /** The publisher's badge by the article's heading, on articles, when source context is on. */
  private async showBadge(): Promise<void> {
    this.dropBadge();
    const wanted = () => this.isArticle() && !!this.settings?.kinds.source;
    const anchor = this.doc.querySelector('article h1') ?? this.doc.querySelector('h1');
    const publisher = detectPublisher(this.doc, this.doc.location.href);
    if (!wanted() || !anchor || !publisherQuery(publisher)) return;
    const { PublisherBadge } = await loadCards((path) => browser.runtime.getURL(path));
    // Placed once the last marks were drawn: its reads of where things are do not force the
    // page to lay the new marks out inside the same task as the marking.
    await yieldToFrame(this.doc);
    const shadow = this.host.element.shadowRoot;
    if (this.badge || !wanted() || !shadow || this.lifetime.destroyed) return;
    this.badge = new PublisherBadge(shadow, { publisher, anchor, sources: this.sources, dark: () => this.dark });
  }

  private dropBadge(): void {
    this.badge?.destroy();
    this.badge = null;
  }

  /** Counts for the toolbar badge and the host's attribute, once the marks settle. */
  private report(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      const counts = this.annotator?.counts() ?? { entities: 0, claims: 0, mentions: 0 };
      void sendToBackground('pageReport', {
        entities: counts.entities,
        claims: counts.claims,
        active: !!this.annotator,
      });
      if (this.annotator) this.host.set('marks', counts.mentions);
    }, REPORT_DELAY_MS);
  }

  /** The page's theme, read when a card opens: the page or the reader's theme may have changed. */
  private readTheme(): boolean {
    const now = isDarkPage(this.doc);
    if (now !== this.dark) {
      this.dark = now;
      if (this.annotator) this.style.apply(now);
    }
    return this.dark;
  }

  /** The page's or the browser's theme can change while the page is open. */
  private watchTheme(): void {
    const scheme = this.doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
    if (!scheme) return;
    const onScheme = () => {
      this.dark = isDarkPage(this.doc);
      if (this.annotator) this.style.apply(this.dark);
      this.cards?.refresh();
      this.badge?.refresh();
    };
    scheme.addEventListener('change', onScheme);
    this.lifetime.add(() => scheme.removeEventListener('change', onScheme));
  }

  /** Proves the background answers (the host's attribute says so, for tests). */
  private async checkBackground(): Promise<void> {
    const pong = await sendToBackground('ping', {});
    if (!this.lifetime.destroyed) this.host.set('background', pong.ok ? 'ok' : 'error');
  }

  /** Which of the page's budgets were reached (lib/page/budgets.ts), for the popup; nothing when none. */
  private limits(): { limits?: { text?: boolean; marks?: boolean; lookups?: boolean } } {
    const text = this.annotator?.limited.text ?? false;
    const marks = this.annotator?.limited.marks ?? false;
    const lookups = this.lookups.capped();
    return text || marks || lookups ? { limits: { text, marks, lookups } } : {};
  }

  /** What the popup and the keyboard command ask of this page. */
  private tabHandlers(): Parameters<typeof serveTab>[0] {
    return {
      pageMentions: async () => {
        await this.ready;
        const list: MentionSummary[] = (this.annotator?.visibleMentions() ?? []).map((m) => ({
          id: m.id,
          kind: m.kind,
          type: m.type,
          text: m.text,
          label: m.label,
        }));
        return {
          site: this.site || null,
          active: this.active(),
          isArticle: this.isArticle(),
          mentions: list,
          ...(this.language ? { language: { ...this.language, reads: readsLanguage(this.language.code) } } : {}),
          ...this.limits(),
        };
      },
      revealMention: async ({ id }) => {
        await this.ready;
        // Asked for from the popup: the mark keeps its line from now on.
        this.annotator?.showLine(id);
        return { found: this.cards?.reveal(id) ?? false };
      },
      showPublisher: async () => {
        await this.ready;
        if (!this.badge) return { found: false, name: null };
        this.cards?.close(false);
        if (!this.badge.isOpen) this.badge.open();
        return { found: true, name: this.badge.name };
      },
      toggleAnnotations: async ({ on }) => {
        await this.ready;
        this.override = on ?? !this.active();
        return { active: this.settings ? this.apply(this.settings) : false };
      },
    };
  }
}
