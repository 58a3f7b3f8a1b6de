import { autoUpdate } from '@floating-ui/dom';
import { type JSX, render } from 'preact';
import { AttributionCard } from '../../components/AttributionCard';
import { ClaimCard } from '../../components/ClaimCard';
import { CLAIM_KIND_LABEL, ENTITY_TYPE_LABEL } from '../../components/card-format';
import { CARD_CSS } from '../../components/card-styles';
import { EntityCard } from '../../components/EntityCard';
import { FigureChecks } from '../../components/FigureCheck';
import { SOURCE_CARD_CSS } from '../../components/source-card-styles';
import type { Annotator } from '../annotate/annotator';
import type { PageMention } from '../annotate/mentions';
import type { MarkKinds } from '../annotate/styles';
import { kindOn } from '../annotate/styles';
import { timelineMeasure } from '../timeline';
import type { Lookups } from './lookups';
import { placeCard } from './place-card';
import type { SourceLookups } from './source-lookups';

/** What every card is given besides its own content: its title's id, the theme, and closing. */
interface CardCommon {
  titleId: string;
  dark: boolean;
  onClose: () => void;
}

/** Before the card shows, the lookup starts this long after the pointer arrives. */
const LOOKUP_LEAD_MS = 150;
/** The card stays this long after the pointer leaves (unless it enters the card). */
const HIDE_MS = 300;

export interface CardLayerOptions {
  annotator: () => Annotator | null;
  lookups: Lookups;
  /** Source context and figure checks (lib/sources, lib/figures). */
  sources: SourceLookups;
  /** The article's publication date, for figures whose claim gives no date. */
  referenceDate: () => string | undefined;
  hoverDelayMs: () => number;
  kinds: () => MarkKinds;
  dark: () => boolean;
}

interface OpenCard {
  id: string;
  /** How it opened: a card opened from the keyboard (or the popup) closes when focus leaves it. */
  via: 'hover' | 'focus';
}

/** Where the keyboard is among the marks: the page's own focus stays where it was meanwhile. */
interface VirtualFocus {
  id: string;
  /** The page's element that had focus when the reader started moving through the marks. */
  returnTo: Element | null;
}

/**
 * Brings a phrase into view where it is out of it: its scrolling containers first (the phrase's
 * element to their nearest edge), then the window, with the phrase in the middle.
 */
function scrollToRange(range: Range): void {
  const height = window.innerHeight;
  let rect = range.getBoundingClientRect();
  if (rect.height && rect.top >= 0 && rect.bottom <= height) return;
  range.startContainer.parentElement?.scrollIntoView({ block: 'nearest', behavior: 'instant' as ScrollBehavior });
  rect = range.getBoundingClientRect();
  if (rect.top < 0 || rect.bottom > height)
    window.scrollBy({ top: rect.top - height / 2 + rect.height / 2, behavior: 'instant' as ScrollBehavior });
}

/**
 * The cards: one shadow root on Sidenote's host element, Preact inside, positioned next to the
 * phrase with floating-ui. Marks are ranges in the page's highlights, not elements, so hover is a
 * hit test (one passive pointer listener, at most one test per frame) and the keyboard moves a
 * virtual focus through the marks (Alt+Shift+N / Alt+Shift+P): no tab stop is added to the page.
 * Only the reader's own input counts: events a page's script makes up (untrusted) open nothing.
 *
 * The shadow root is open: a page's script can read a card the reader opened (the same text the
 * reader sees on screen, about names on that page), but it cannot open one or start a lookup.
 */
export class CardLayer {
  private shadow: ShadowRoot;
  private float: HTMLElement;
  private live: HTMLElement;
  private open: OpenCard | null = null;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private stopPositioning: (() => void) | null = null;
  private listeners: [EventTarget, string, EventListener, boolean][] = [];
  private serial = 0;
  /** The mention under the pointer. */
  private hovered: string | null = null;
  /** The last pointer position seen, tested once per frame. */
  private pointer: { x: number; y: number; target: EventTarget | null } | null = null;
  private frame = 0;
  private virtual: VirtualFocus | null = null;
  /** The last mark the keyboard was on, to go on from there. */
  private lastVirtual: string | null = null;

  constructor(
    private host: HTMLElement,
    private options: CardLayerOptions,
  ) {
    this.shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = CARD_CSS + SOURCE_CARD_CSS;
    const layer = document.createElement('div');
    layer.className = 'sn-layer';
    this.float = document.createElement('div');
    this.float.className = 'sn-float';
    this.float.hidden = true;
    this.live = document.createElement('div');
    this.live.className = 'sn-live';
    this.live.setAttribute('aria-live', 'polite');
    layer.append(this.float, this.live);
    this.shadow.replaceChildren(style, layer);
    this.float.addEventListener('pointerenter', () => this.cancelHide());
    this.float.addEventListener('pointerleave', (e) => {
      if (e.isTrusted) this.scheduleHide();
    });
    this.float.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && e.isTrusted) {
        e.stopPropagation();
        this.close(true);
      }
    });
    this.float.addEventListener('focusout', (e) => {
      const next = e.relatedTarget as Node | null;
      if (this.open?.via === 'focus' && next && !this.float.contains(next) && next !== this.host) {
        this.endVirtual();
        this.close(false);
      }
    });
    this.on(document, 'pointermove', (e) => this.onPointer(e as PointerEvent), true);
    this.on(document, 'pointerout', (e) => this.onPointerOut(e as PointerEvent), true);
    this.on(document, 'pointerdown', (e) => this.onPointerDown(e as PointerEvent), true);
    this.on(window, 'keydown', (e) => this.onKey(e as KeyboardEvent), true);
  }

  private on(target: EventTarget, type: string, fn: EventListener, capture = false): void {
    target.addEventListener(type, fn, { capture, passive: type !== 'keydown' });
    this.listeners.push([target, type, fn, capture]);
  }

  /** Removes listeners, timers and the card; the host stays for its state attributes. */
  destroy(): void {
    this.close(false);
    this.endVirtual();
    cancelAnimationFrame(this.frame);
    for (const [target, type, fn, capture] of this.listeners) target.removeEventListener(type, fn, capture);
    this.listeners = [];
    render(null, this.float);
    this.shadow.replaceChildren();
  }

  /** The id of the mention whose card is open. */
  get openId(): string | null {
    return this.open?.id ?? null;
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private cancelHide(): void {
    if (this.hideTimer !== undefined) clearTimeout(this.hideTimer);
    this.hideTimer = undefined;
  }

  private scheduleHide(): void {
    this.cancelHide();
    if (!this.open || this.open.via === 'focus') return;
    this.hideTimer = setTimeout(() => this.close(false), HIDE_MS);
  }

  /**
   * The mention a point opens among those under it (innermost first): the innermost, except that
   * a name which is itself the cited source (a photo credit "[Anadolu Agency]": entity and source
   * are the same words) opens the source's card, which carries the entity's context as well.
   */
  private pick(hits: readonly PageMention[]): string | null {
    const first = hits[0];
    if (!first) return null;
    if (first.kind === 'entity' && kindOn(this.options.kinds(), 'source')) {
      const source = hits.find((m) => m.kind === 'source' && m.text === first.text);
      if (source) return source.id;
    }
    return first.id;
  }

  private onPointer(e: PointerEvent): void {
    if (!e.isTrusted) return;
    this.pointer = { x: e.clientX, y: e.clientY, target: e.target };
    if (!this.frame) this.frame = requestAnimationFrame(() => this.hitTest());
  }

  private onPointerOut(e: PointerEvent): void {
    // Out of the window altogether: nothing is under the pointer any more.
    if (!e.isTrusted || e.relatedTarget) return;
    this.pointer = { x: -1, y: -1, target: null };
    if (!this.frame) this.frame = requestAnimationFrame(() => this.hitTest());
  }

  private onPointerDown(e: PointerEvent): void {
    if (!e.isTrusted || e.target === this.host) return;
    // The reader went on with the pointer: the keyboard's place among the marks is left.
    if (this.virtual) {
      this.endVirtual();
      if (this.open?.via === 'focus') this.close(false);
    }
  }

  /** Once per frame: which mark is under the pointer, and what that starts or ends. */
  private hitTest(): void {
    this.frame = 0;
    const pointer = this.pointer;
    if (!pointer) return;
    const began = performance.now();
    this.hoverAt(pointer);
    timelineMeasure('sidenote-hit', began, performance.now());
  }

  private hoverAt(pointer: { x: number; y: number; target: EventTarget | null }): void {
    if (pointer.target === this.host) {
      // Over a card (events from the shadow root reach the page as its host's).
      this.cancelHide();
      return;
    }
    const annotator = this.options.annotator();
    const target = pointer.target as Node | null;
    const id = annotator && target ? this.pick(annotator.mentionsAt(target, pointer.x, pointer.y)) : null;
    if (id === this.hovered) return;
    this.hovered = id;
    annotator?.setState({ hover: id });
    this.clearTimers();
    if (this.open && this.open.id !== id) this.scheduleHide();
    if (!id) return;
    if (this.open?.id === id) {
      this.cancelHide();
      return;
    }
    const delay = this.options.hoverDelayMs();
    this.timers.push(setTimeout(() => this.prefetch(id), Math.min(LOOKUP_LEAD_MS, delay)));
    this.timers.push(setTimeout(() => this.show({ id, via: 'hover' }), delay));
  }

  private onKey(e: KeyboardEvent): void {
    if (!e.isTrusted) return;
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.code === 'KeyP')) {
      if (this.moveFocus(e.code === 'KeyN' ? 1 : -1)) e.preventDefault();
      return;
    }
    const inCard = e.target === this.host;
    if (e.key === 'Escape' && this.open) {
      this.close(this.open.via === 'focus' || inCard);
      return;
    }
    if (!this.virtual || inCard) return;
    if (e.key === 'Tab') {
      // The page's own focus order takes over again.
      this.endVirtual();
      if (this.open?.via === 'focus') this.close(false);
      return;
    }
    if (e.key === 'Enter' && this.open?.via === 'focus') {
      // Into the card, so its links can be reached from the keyboard (the reader is moving through
      // the marks, wherever the page's focus was left).
      e.preventDefault();
      (this.float.querySelector('.sn-card') as HTMLElement | null)?.focus();
    }
  }

  /** Moves the keyboard's place to the next or previous mark of a shown kind; false when there is none. */
  moveFocus(step: 1 | -1): boolean {
    const annotator = this.options.annotator();
    if (!annotator) return false;
    const mentions = annotator.visibleMentions();
    if (!mentions.length) return false;
    const from = this.virtual?.id ?? this.lastVirtual;
    const current = from ? mentions.findIndex((m) => m.id === from) : -1;
    let index: number;
    if (current >= 0) index = (current + step + mentions.length) % mentions.length;
    else {
      // From wherever the reader is: the first mark below the top of the viewport (or above, going back).
      const tops = mentions.map((m) => annotator.rangeOf(m.id)?.getBoundingClientRect().top ?? -1);
      index = step > 0 ? tops.findIndex((t) => t >= 0) : tops.findLastIndex((t) => t < window.innerHeight);
      if (index < 0) index = step > 0 ? 0 : mentions.length - 1;
    }
    return this.focusMark(mentions[index]!.id);
  }

  /** Scrolls a mention into view, puts the keyboard's place on it and opens its card. */
  reveal(id: string): boolean {
    return this.focusMark(id);
  }

  private focusMark(id: string): boolean {
    const annotator = this.options.annotator();
    const range = annotator?.rangeOf(id);
    if (!annotator || !range) return false;
    const active = document.activeElement;
    const returnTo = this.virtual?.returnTo ?? (active && active !== this.host ? active : null);
    this.virtual = { id, returnTo };
    this.lastVirtual = id;
    scrollToRange(range);
    annotator.setState({ focus: id });
    this.clearTimers();
    this.prefetch(id);
    this.show({ id, via: 'focus' });
    return true;
  }

  /** The keyboard leaves the marks: no focus ring. */
  private endVirtual(): void {
    if (!this.virtual) return;
    this.virtual = null;
    this.options.annotator()?.setState({ focus: null });
  }

  private prefetch(id: string): void {
    const annotator = this.options.annotator();
    const mention = annotator?.mentions.get(id);
    if (!annotator || !mention) return;
    if (mention.kind === 'claim') {
      const entityOf = (e: string) => annotator.registry.entities.get(e);
      void this.options.lookups.requestClaim(mention, entityOf, () => annotator.registry.entities.values());
      void this.options.sources.requestFigures(mention, entityOf, this.options.referenceDate());
    } else if (mention.kind === 'source' && mention.source) {
      void this.options.sources.requestSource({ name: mention.source.source.slice(0, 200) });
    } else {
      const entity = this.entityFor(mention);
      if (entity) this.options.lookups.requestEntities([entity], () => annotator.registry.entities.values(), true);
    }
  }

  private entityFor(mention: PageMention) {
    const registry = this.options.annotator()?.registry;
    if (!registry) return undefined;
    // A source is the entity detection found naming it, by id: never matched by its name.
    const id = mention.entity?.pageEntityId ?? mention.source?.pageEntityId;
    return id === undefined ? undefined : registry.entities.get(id);
  }

  private show(card: OpenCard): void {
    this.cancelHide();
    const annotator = this.options.annotator();
    const range = annotator?.rangeOf(card.id);
    if (!annotator || !range) return;
    this.open = card;
    annotator.setState({ open: card.id });
    this.serial += 1;
    this.refresh();
    this.float.hidden = false;
    this.stopPositioning?.();
    // The reference is the phrase's ranges together: every line of a long claim, so the card never
    // covers any of it, only sits above or below all of it.
    const rects = () => {
      const live = annotator.rangesOf(card.id);
      return (live.length ? live : [range]).flatMap((r) => Array.from(r.getClientRects()));
    };
    const reference = {
      contextElement: range.startContainer.parentElement ?? undefined,
      getBoundingClientRect: () => {
        const all = rects();
        if (!all.length) return range.getBoundingClientRect();
        const left = Math.min(...all.map((r) => r.left));
        const top = Math.min(...all.map((r) => r.top));
        const right = Math.max(...all.map((r) => r.right));
        const bottom = Math.max(...all.map((r) => r.bottom));
        return { x: left, y: top, left, top, right, bottom, width: right - left, height: bottom - top };
      },
      getClientRects: () => rects(),
    };
    this.stopPositioning = autoUpdate(reference, this.float, () => placeCard(reference, this.float));
    const mention = annotator.mentions.get(card.id);
    if (mention) {
      const enter = card.via === 'focus' ? ' Press Enter to read the card, Escape to close it.' : '';
      this.live.textContent = `${this.kindLabel(mention)}: ${mention.label}.${enter}`;
    }
  }

  private kindLabel(m: PageMention): string {
    if (m.kind === 'claim') return CLAIM_KIND_LABEL[m.type] ?? 'Claim';
    if (m.kind === 'source') return 'Source';
    return ENTITY_TYPE_LABEL[m.type] ?? 'Entity';
  }

  /**
   * Closes the card; `returnFocus` (Escape, the close button) gives the page's focus back to where
   * it was before the reader moved through the marks, and leaves the marks.
   */
  close(returnFocus: boolean): void {
    this.clearTimers();
    this.cancelHide();
    const was = this.open;
    if (!was) return;
    this.open = null;
    this.options.annotator()?.setState({ open: null });
    this.stopPositioning?.();
    this.stopPositioning = null;
    const hadFocus = this.shadow.activeElement !== null;
    this.float.hidden = true;
    render(null, this.float);
    this.live.textContent = '';
    if (!returnFocus) return;
    const back = this.virtual?.returnTo;
    this.endVirtual();
    if (back?.isConnected && typeof (back as HTMLElement).focus === 'function')
      (back as HTMLElement).focus({ preventScroll: true });
    else if (hadFocus) this.host.blur();
  }

  /** Re-renders the open card (after a lookup answered, or the theme changed). */
  refresh(): void {
    const card = this.open;
    const annotator = this.options.annotator();
    const mention = card && annotator?.mentions.get(card.id);
    if (!card || !annotator || !mention) return;
    render(this.view(mention), this.float);
  }

  /** The card for a mention: a claim's, a cited source's, or (everything else) an entity's. */
  private view(mention: PageMention): JSX.Element {
    const common: CardCommon = {
      titleId: `sidenote-card-title-${this.serial}`,
      dark: this.options.dark(),
      onClose: () => this.close(true),
    };
    if (mention.kind === 'claim' && mention.claim) return this.claimView(mention, mention.claim, common);
    if (mention.kind === 'source' && mention.source) return this.sourceView(mention, mention.source, common);
    const entity = this.entityFor(mention);
    return (
      <EntityCard
        {...common}
        name={entity?.name ?? mention.label}
        type={mention.type}
        roleLabel={entity?.role}
        date={entity?.date}
        context={entity ? this.options.lookups.entity(entity.id) : { status: 'none' }}
      />
    );
  }

  /** A claim's card: who says it, its figures and dates, what it is about, and the figures' checks. */
  private claimView(mention: PageMention, claim: NonNullable<PageMention['claim']>, common: CardCommon): JSX.Element {
    const entities = this.options.annotator()!.registry.entities;
    const names = claim.pageEntityIds.map((e) => entities.get(e)?.name).filter((n): n is string => !!n);
    const claimant = claim.claimantEntityId
      ? (entities.get(claim.claimantEntityId)?.name ?? claim.claimant?.name)
      : claim.claimant?.name;
    return (
      <ClaimCard
        {...common}
        kind={claim.kind}
        text={mention.text}
        claimant={claimant}
        via={claim.via}
        figures={claim.figures}
        dates={claim.dates}
        unresolvedDates={claim.unresolvedDates}
        about={[...new Set(names)]}
        context={this.options.lookups.claim(mention.id)}
      >
        <FigureChecks
          checks={this.options.sources.figureChecks(mention, (e) => entities.get(e), this.options.referenceDate())}
        />
      </ClaimCard>
    );
  }

  /** A cited source's card: who it is, and the claims the article gives it. */
  private sourceView(
    mention: PageMention,
    source: NonNullable<PageMention['source']>,
    common: CardCommon,
  ): JSX.Element {
    const annotator = this.options.annotator()!;
    const claims = source.pageClaimIds.map((c) => annotator.mentions.get(c)?.label).filter((c): c is string => !!c);
    return (
      <AttributionCard
        {...common}
        source={source.source}
        kind={source.kind}
        text={mention.text}
        claims={claims}
        context={this.options.sources.source({ name: source.source.slice(0, 200) })}
      />
    );
  }
}
