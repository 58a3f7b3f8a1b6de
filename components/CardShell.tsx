import type { ComponentChildren, JSX } from 'preact';
import type { EntityContext } from '../lib/contracts/lookups';
import { failureText } from './card-format';

export type CardState =
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'none' }
  | { status: 'error'; reason: 'offline' | 'timeout' | 'rate-limited' | 'unavailable' | 'malformed'; retryAt?: number };

export interface CardShellProps {
  /** Element id of the title, for aria-labelledby. */
  titleId: string;
  /** "Person", "Statistic", ... */
  badge: string;
  /** The badge's tone: entity, claim, disputed or source. */
  tone: 'entity' | 'claim' | 'disputed' | 'source';
  title: string;
  subtitle?: string;
  dark: boolean;
  onClose: () => void;
  children?: ComponentChildren;
  busy?: boolean;
}

/** The frame every card shares: badge, title, close button, and the body. A non-modal dialog. */
export function CardShell(props: CardShellProps): JSX.Element {
  return (
    <div
      class="sn-card"
      data-theme={props.dark ? 'dark' : 'light'}
      data-tone={props.tone}
      role="dialog"
      aria-modal="false"
      aria-labelledby={props.titleId}
      aria-busy={props.busy ? 'true' : undefined}
      tabIndex={-1}
    >
      <div class="sn-card-head">
        <span class="sn-badge">{props.badge}</span>
        <button type="button" class="sn-close" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </div>
      <h2 class="sn-title" id={props.titleId}>
        {props.title}
      </h2>
      {props.subtitle ? <p class="sn-subtitle">{props.subtitle}</p> : null}
      {props.children}
    </div>
  );
}

/** The state line of a card section: loading, nothing found, or why the lookup failed. */
export function StateLine({ state, none }: { state: CardState; none: string }): JSX.Element | null {
  if (state.status === 'loading')
    return (
      <p class="sn-state" data-state="loading" role="status">
        <span class="sn-spinner" aria-hidden="true" /> Looking up context…
      </p>
    );
  if (state.status === 'none')
    return (
      <p class="sn-state" data-state="none" role="status">
        {none}
      </p>
    );
  if (state.status === 'error')
    return (
      <p class="sn-state" data-state={state.reason === 'offline' ? 'offline' : 'error'} role="status">
        {failureText(state)}
      </p>
    );
  return null;
}

/**
 * The state line for an encyclopedia lookup: found → nothing to say; `deferred` (its search runs
 * as the card opens) → loading; otherwise the lookup's own none or error.
 */
export function lookupState(context: EntityContext | { status: 'loading' }): CardState {
  if (context.status === 'found') return { status: 'ready' };
  if (context.status === 'deferred') return { status: 'loading' };
  return context;
}

/** The card's "Source:" line: each link (already checked with safeHref) by its name, dot-separated. */
export function SourceLinks({ links }: { links: readonly { url: string; name: string }[] }): JSX.Element | null {
  if (!links.length) return null;
  return (
    <p class="sn-sources">
      Source:{' '}
      {links.map((s, i) => (
        <span key={s.url}>
          {i ? ' · ' : ''}
          <a href={s.url} target="_blank" rel="noopener noreferrer">
            {s.name}
          </a>
        </span>
      ))}
    </p>
  );
}

/** One line of a card's facts list: a term and what the card knows of it. */
export function Fact({ term, children }: { term: string; children: ComponentChildren }): JSX.Element {
  return (
    <div class="sn-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
