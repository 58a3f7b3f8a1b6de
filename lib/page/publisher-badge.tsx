import { autoUpdate, computePosition, offset, shift } from '@floating-ui/dom';
import { render } from 'preact';
import { SourceCard } from '../../components/SourceCard';
import type { SourceQuery } from '../contracts/sources';
import { type Publisher, publisherQuery } from '../sites/publisher';
import { placeCard } from './place-card';
import type { SourceLookups } from './source-lookups';

export interface PublisherBadgeOptions {
  publisher: Publisher;
  /** The element the badge sits by: the article's heading. */
  anchor: Element;
  sources: SourceLookups;
  dark: () => boolean;
}

/**
 * A small badge by the article's heading naming the publisher; activating it opens the
 * publisher's source card. Both live in Sidenote's shadow root, positioned over the page
 * (fixed, with floating-ui), so the page's own layout never moves.
 */
export class PublisherBadge {
  private layer: HTMLDivElement;
  private button: HTMLButtonElement;
  private panel: HTMLDivElement;
  private stops: (() => void)[] = [];
  private stopPanel: (() => void) | null = null;
  private opened = false;
  private readonly query: SourceQuery;

  constructor(
    shadow: ShadowRoot,
    private options: PublisherBadgeOptions,
  ) {
    this.query = publisherQuery(options.publisher)!;
    const name = options.publisher.name ?? options.publisher.domain ?? '';
    this.layer = document.createElement('div');
    this.layer.className = 'sn-layer sn-publisher';
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'sn-publisher-badge';
    this.button.textContent = `Publisher: ${name}`;
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.title = `Who publishes this page: ${name}`;
    this.panel = document.createElement('div');
    this.panel.className = 'sn-publisher-panel';
    this.panel.hidden = true;
    this.layer.append(this.button, this.panel);
    // First in the shadow root, so the cards (later in tree order) paint over the badge.
    shadow.prepend(this.layer);

    const onClick = () => (this.opened ? this.close(true) : this.open());
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && this.opened) {
        e.stopPropagation();
        this.close(true);
      }
    };
    this.button.addEventListener('click', onClick);
    this.layer.addEventListener('keydown', onKey);
    this.stops.push(() => this.button.removeEventListener('click', onClick));
    this.stops.push(() => this.layer.removeEventListener('keydown', onKey));
    this.button.dataset.theme = options.dark() ? 'dark' : 'light';

    const place = () => {
      void computePosition(options.anchor, this.button, {
        strategy: 'fixed',
        placement: 'top-start',
        // Always above the heading, in the space pages leave there: flipped below it, the badge
        // would cover the byline and date whenever the heading nears the top of the window.
        middleware: [offset(4), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        this.button.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    };
    this.stops.push(autoUpdate(options.anchor, this.button, place));
  }

  /** The name the badge shows. */
  get name(): string {
    return this.options.publisher.name ?? this.options.publisher.domain ?? '';
  }

  get isOpen(): boolean {
    return this.opened;
  }

  open(): void {
    this.opened = true;
    this.button.setAttribute('aria-expanded', 'true');
    void this.options.sources.requestSource(this.query);
    this.panel.hidden = false;
    this.refresh();
    this.stopPanel?.();
    this.stopPanel = autoUpdate(this.button, this.panel, () => {
      placeCard(this.button, this.panel);
    });
    (this.panel.querySelector('.sn-card') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  close(returnFocus: boolean): void {
    this.opened = false;
    this.button.setAttribute('aria-expanded', 'false');
    this.stopPanel?.();
    this.stopPanel = null;
    render(null, this.panel);
    this.panel.hidden = true;
    if (returnFocus) this.button.focus({ preventScroll: true });
  }

  /** Re-renders after a lookup answered or the theme changed. */
  refresh(): void {
    this.button.dataset.theme = this.options.dark() ? 'dark' : 'light';
    if (!this.opened) return;
    const { publisher } = this.options;
    render(
      <SourceCard
        titleId="sidenote-publisher-title"
        dark={this.options.dark()}
        onClose={() => this.close(true)}
        name={publisher.name ?? publisher.domain ?? ''}
        domain={publisher.domain}
        context={this.options.sources.source(this.query)}
      />,
      this.panel,
    );
  }

  destroy(): void {
    this.close(false);
    for (const stop of this.stops) stop();
    this.stops = [];
    this.layer.remove();
  }
}
