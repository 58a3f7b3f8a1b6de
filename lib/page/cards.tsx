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
import { MARK_ATTR, MARK_TAG } from '../annotate/marks';
import type { PageMention } from '../annotate/mentions';
import type { MarkKinds } from '../annotate/styles';
import { kindOn } from '../annotate/styles';
import type { Lookups } from './lookups';
import { placeCard } from './place-card';
import type { SourceLookups } from './source-lookups';

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
  mark: Element;
  /** How it opened: a focus-opened card closes when focus leaves. */
  via: 'hover' | 'focus';
}

const markOf = (target: EventTarget | null): Element | null =>
  target && (target as Node).nodeType === 1 ? (target as Element).closest(MARK_TAG) : null;

/**
 * The cards: one open shadow root on Sidenote's host element, Preact inside, positioned next to
 * the mark with floating-ui. Opens on hover after the delay and on keyboard focus; Escape
 * closes; Alt+Shift+N / Alt+Shift+P move focus through the marks.
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
    this.float.addEventListener('mouseenter', () => this.cancelHide());
    this.float.addEventListener('mouseleave', () => this.scheduleHide());
    this.float.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close(true);
      }
    });
    this.float.addEventListener('focusout', (e) => {
      const next = e.relatedTarget as Node | null;
      if (this.open?.via === 'focus' && !(next && (this.float.contains(next) || markOf(next)))) this.close(false);
    });
    this.on(document, 'mouseover', (e) => this.onOver(e as MouseEvent));
    this.on(document, 'mouseout', (e) => this.onOut(e as MouseEvent));
    this.on(document, 'focusin', (e) => this.onFocus(e));
    this.on(document, 'focusout', (e) => this.onBlur(e as FocusEvent));
    this.on(window, 'keydown', (e) => this.onKey(e as KeyboardEvent), true);
  }

  private on(target: EventTarget, type: string, fn: EventListener, capture = false): void {
    target.addEventListener(type, fn, { capture, passive: type !== 'keydown' });
    this.listeners.push([target, type, fn, capture]);
  }

  /** Removes listeners, timers and the card; the host stays for its state attributes. */
  destroy(): void {
    this.close(false);
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

  private usable(mark: Element | null): mark is Element {
    if (!mark) return false;
    const mention = this.options.annotator()?.mentions.get(mark.getAttribute(MARK_ATTR.id) ?? '');
    return !!mention && kindOn(this.options.kinds(), mention.kind);
  }

  /**
   * The mention a mark opens: its own, except that a name which is itself the cited source (a
   * photo credit "[Anadolu Agency]": entity and source are the same words, one mark) opens the
   * source's card, which carries the entity's context as well.
   */
  private idFor(mark: Element): string {
    const own = mark.getAttribute(MARK_ATTR.id) ?? '';
    const mentions = this.options.annotator()?.mentions;
    const mention = mentions?.get(own);
    if (mention?.kind !== 'entity' || !kindOn(this.options.kinds(), 'source')) return own;
    for (const id of mark.getAttribute(MARK_ATTR.within)?.split(' ') ?? []) {
      const outer = mentions?.get(id);
      if (outer?.kind === 'source' && outer.text === mention.text) return id;
    }
    return own;
  }

  private onOver(e: MouseEvent): void {
    const mark = markOf(e.target);
    if (!this.usable(mark)) return;
    const id = this.idFor(mark);
    if (this.open?.id === id) {
      this.cancelHide();
      return;
    }
    this.clearTimers();
    const delay = this.options.hoverDelayMs();
    this.timers.push(setTimeout(() => this.prefetch(id), Math.min(LOOKUP_LEAD_MS, delay)));
    this.timers.push(setTimeout(() => this.show({ id, mark, via: 'hover' }), delay));
  }

  private onOut(e: MouseEvent): void {
    const mark = markOf(e.target);
    if (!mark) return;
    const next = e.relatedTarget as Node | null;
    const id = this.idFor(mark);
    // Moving between fragments of one mention, or into the card, keeps it.
    const nextMark = markOf(next);
    if (next && (next === this.host || (nextMark && this.idFor(nextMark) === id))) return;
    this.clearTimers();
    if (this.open?.id === id) this.scheduleHide();
  }

  private onFocus(e: Event): void {
    const mark = markOf(e.target);
    if (!this.usable(mark) || !mark.hasAttribute('tabindex')) return;
    const id = this.idFor(mark);
    this.clearTimers();
    this.cancelHide();
    this.prefetch(id);
    this.show({ id, mark, via: 'focus' });
  }

  private onBlur(e: FocusEvent): void {
    if (!markOf(e.target) || this.open?.via !== 'focus') return;
    // Decide once focus has landed: the window losing focus (a tab switch) keeps the card,
    // focus moving into the card or to another mark is handled there.
    setTimeout(() => {
      if (this.open?.via !== 'focus' || !document.hasFocus()) return;
      const active = document.activeElement;
      if (active === this.host || markOf(active)) return;
      this.close(false);
    }, 0);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.code === 'KeyP')) {
      if (this.moveFocus(e.code === 'KeyN' ? 1 : -1)) e.preventDefault();
      return;
    }
    const mark = markOf(e.target);
    if (e.key === 'Escape' && this.open) {
      this.close(!!mark || this.host.contains(e.target as Node) || e.target === this.host);
      return;
    }
    if (mark && this.open && (e.key === 'Enter' || e.key === ' ') && mark.hasAttribute('tabindex')) {
      // Into the card, so its links can be reached from the keyboard.
      e.preventDefault();
      (this.float.querySelector('.sn-card') as HTMLElement | null)?.focus();
    }
  }

  /** Moves keyboard focus to the next or previous mark of a shown kind; false when there is none. */
  moveFocus(step: 1 | -1): boolean {
    const annotator = this.options.annotator();
    if (!annotator) return false;
    const marks = annotator
      .visibleMentions()
      .map((m) => annotator.firstMark(m.id))
      .filter((m): m is Element => !!m);
    if (!marks.length) return false;
    const active = document.activeElement;
    const current = active ? marks.indexOf(markOf(active) ?? active) : -1;
    let index: number;
    if (current >= 0) index = (current + step + marks.length) % marks.length;
    else {
      // From wherever the reader is: the first mark below the top of the viewport (or above, going back).
      const tops = marks.map((m) => m.getBoundingClientRect().top);
      index = step > 0 ? tops.findIndex((t) => t >= 0) : tops.findLastIndex((t) => t < window.innerHeight);
      if (index < 0) index = step > 0 ? 0 : marks.length - 1;
    }
    (marks[index] as HTMLElement).focus();
    return true;
  }

  /** Scrolls a mention into view, focuses its mark and opens its card. */
  reveal(id: string): boolean {
    const mark = this.options.annotator()?.firstMark(id);
    if (!mark?.isConnected) return false;
    mark.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    if (mark.hasAttribute('tabindex')) (mark as HTMLElement).focus({ preventScroll: true });
    this.prefetch(id);
    if (this.open?.id !== id) this.show({ id, mark, via: 'focus' });
    return true;
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
    if (mention.entity) return registry.entities.get(mention.entity.pageEntityId);
    if (mention.source) {
      const name = mention.source.source.toLowerCase();
      for (const e of registry.entities.values()) if (e.name.toLowerCase() === name) return e;
    }
    return undefined;
  }

  private show(card: OpenCard): void {
    this.cancelHide();
    const previous = this.open;
    if (previous && previous.id !== card.id) this.setOpenMarks(previous.id, false);
    this.open = card;
    this.setOpenMarks(card.id, true);
    this.serial += 1;
    this.refresh();
    this.float.hidden = false;
    this.stopPositioning?.();
    // The reference is every fragment of the mention together, so the card never covers any
    // line of a long claim, only sits above or below all of it.
    const fragments = () => {
      const all = this.options.annotator()?.marksOf(card.id) ?? [];
      return all.length ? all : [card.mark];
    };
    const reference = {
      contextElement: card.mark,
      getBoundingClientRect: () => {
        const rects = fragments().flatMap((m) => Array.from(m.getClientRects()));
        if (!rects.length) return card.mark.getBoundingClientRect();
        const left = Math.min(...rects.map((r) => r.left));
        const top = Math.min(...rects.map((r) => r.top));
        const right = Math.max(...rects.map((r) => r.right));
        const bottom = Math.max(...rects.map((r) => r.bottom));
        return { x: left, y: top, left, top, right, bottom, width: right - left, height: bottom - top };
      },
    };
    const place = () => {
      placeCard(reference, this.float);
    };
    this.stopPositioning = autoUpdate(reference, this.float, place);
    const mention = this.options.annotator()?.mentions.get(card.id);
    if (mention) this.live.textContent = `${this.kindLabel(mention)}: ${mention.label}. Press Enter to read the card.`;
  }

  private kindLabel(m: PageMention): string {
    if (m.kind === 'claim') return CLAIM_KIND_LABEL[m.type] ?? 'Claim';
    if (m.kind === 'source') return 'Source';
    return ENTITY_TYPE_LABEL[m.type] ?? 'Entity';
  }

  private setOpenMarks(id: string, on: boolean): void {
    for (const mark of this.options.annotator()?.marksOf(id) ?? []) {
      if (mark.getAttribute(MARK_ATTR.id) !== id) continue;
      if (on) mark.setAttribute(MARK_ATTR.open, '');
      else mark.removeAttribute(MARK_ATTR.open);
      if (mark.hasAttribute('aria-expanded')) mark.setAttribute('aria-expanded', String(on));
    }
  }

  /** Closes the card; `returnFocus` puts keyboard focus back on the mark. */
  close(returnFocus: boolean): void {
    this.clearTimers();
    this.cancelHide();
    const was = this.open;
    if (!was) return;
    this.open = null;
    this.setOpenMarks(was.id, false);
    this.stopPositioning?.();
    this.stopPositioning = null;
    this.float.hidden = true;
    render(null, this.float);
    this.live.textContent = '';
    if (returnFocus && was.mark.isConnected && was.mark.hasAttribute('tabindex')) {
      const mark = this.options.annotator()?.firstMark(was.id) ?? was.mark;
      (mark as HTMLElement).focus({ preventScroll: true });
      // Focusing the mark would open the card again; this close was asked for.
      this.close(false);
    }
  }

  /** Re-renders the open card (after a lookup answered, or the theme changed). */
  refresh(): void {
    const card = this.open;
    const annotator = this.options.annotator();
    const mention = card && annotator?.mentions.get(card.id);
    if (!card || !annotator || !mention) return;
    render(this.view(mention), this.float);
  }

  private view(mention: PageMention): JSX.Element {
    const annotator = this.options.annotator()!;
    const common = {
      titleId: `sidenote-card-title-${this.serial}`,
      dark: this.options.dark(),
      onClose: () => this.close(true),
    };
    if (mention.kind === 'claim' && mention.claim) {
      const claim = mention.claim;
      const names = claim.pageEntityIds
        .map((e) => annotator.registry.entities.get(e)?.name)
        .filter((n): n is string => !!n);
      const claimant = claim.claimantEntityId
        ? (annotator.registry.entities.get(claim.claimantEntityId)?.name ?? claim.claimant?.name)
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
          about={[...new Set(names)]}
          context={this.options.lookups.claim(mention.id)}
        >
          <FigureChecks
            checks={this.options.sources.figureChecks(
              mention,
              (e) => annotator.registry.entities.get(e),
              this.options.referenceDate(),
            )}
          />
        </ClaimCard>
      );
    }
    if (mention.kind === 'source' && mention.source) {
      const claims = mention.source.pageClaimIds
        .map((c) => annotator.mentions.get(c)?.label)
        .filter((c): c is string => !!c);
      return (
        <AttributionCard
          {...common}
          source={mention.source.source}
          kind={mention.source.kind}
          text={mention.text}
          claims={claims}
          context={this.options.sources.source({ name: mention.source.source.slice(0, 200) })}
        />
      );
    }
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
}
