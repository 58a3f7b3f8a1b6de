import type { ComponentChildren, JSX } from 'preact';
import type { Figure, ResolvedDate } from '../lib/contracts/detection';
import type { ClaimContext, LookupFailure } from '../lib/contracts/lookups';
import { CardShell, Fact, StateLine } from './CardShell';
import { CLAIM_KIND_LABEL, formatDates, formatFigure, safeHref } from './card-format';

export interface ClaimCardProps {
  titleId: string;
  dark: boolean;
  onClose: () => void;
  /** What detection knows: shown whatever the lookup says. */
  kind: string;
  text: string;
  claimant?: string;
  via?: string;
  figures: readonly Pick<Figure, 'number' | 'unit' | 'currency' | 'of' | 'text'>[];
  dates: readonly Pick<ResolvedDate, 'value' | 'text'>[];
  /**
   * Relative dates the article's unknown date leaves unresolved ("on Wednesday"): shown as the
   * text says them, with why there is no date (`ClaimMention.unresolvedDates`).
   */
  unresolvedDates?: readonly Pick<ResolvedDate, 'text'>[];
  /** Names of what the claim is about. */
  about: readonly string[];
  context: ClaimContext | LookupFailure | { status: 'loading' };
  /** Extra sections after the facts (figure checks). */
  children?: ComponentChildren;
}

const MAX_QUOTE = 280;

/** A check-worthy claim: who says it and through what, the figure and date, context and fact-checks. */
export function ClaimCard(props: ClaimCardProps): JSX.Element {
  const label = CLAIM_KIND_LABEL[props.kind] ?? 'Claim';
  const quote = props.text.length > MAX_QUOTE ? `${props.text.slice(0, MAX_QUOTE - 1)}…` : props.text;
  const who = props.claimant ? (props.via ? `${props.claimant}, per ${props.via}` : props.claimant) : props.via;
  const ctx = props.context;
  const loaded = 'factChecks' in ctx ? ctx : null;
  /** The lookup's state when it has not answered with context: loading, or why it failed. */
  const pending: LookupFailure | { status: 'loading' } | null = 'factChecks' in ctx ? null : ctx;
  return (
    <CardShell
      titleId={props.titleId}
      badge={label}
      tone={props.kind === 'disputed' ? 'disputed' : 'claim'}
      title={quote}
      dark={props.dark}
      onClose={props.onClose}
      busy={pending?.status === 'loading'}
    >
      <dl class="sn-facts">
        {who ? <Fact term="Who says it">{who}</Fact> : null}
        {props.figures.length ? <Fact term="Figure">{props.figures.map(formatFigure).join('; ')}</Fact> : null}
        {props.dates.length || props.unresolvedDates?.length ? (
          <Fact term="Refers to">{formatDates(props.dates, props.unresolvedDates)}</Fact>
        ) : null}
        {props.about.length ? <Fact term="About">{props.about.join(', ')}</Fact> : null}
      </dl>
      {props.children}
      <ContextSection loaded={loaded} pending={pending} />
      <section class="sn-section" aria-label="Fact-checks">
        <h3 class="sn-section-title">Fact-checks</h3>
        {loaded ? (
          <FactChecks checks={loaded.factChecks} />
        ) : pending?.status === 'loading' ? null : (
          <p class="sn-state" data-state="error">
            Fact-checks are unavailable right now.
          </p>
        )}
      </section>
    </CardShell>
  );
}

/** The claim's context from Wikipedia: a passage and its source, or why there is none (yet). */
function ContextSection({
  loaded,
  pending,
}: {
  loaded: ClaimContext | null;
  pending: LookupFailure | { status: 'loading' } | null;
}): JSX.Element {
  const contextHref = loaded?.context ? safeHref(loaded.context.url) : undefined;
  return (
    <section class="sn-section" aria-label="Context">
      <h3 class="sn-section-title">Context</h3>
      {loaded ? (
        loaded.context ? (
          <div class="sn-context">
            {loaded.context.passage ? <p class="sn-extract">{loaded.context.passage}</p> : null}
            {loaded.context.description ? <p class="sn-description">{loaded.context.description}</p> : null}
            <p class="sn-sources">
              Source:{' '}
              {contextHref ? (
                <a href={contextHref} target="_blank" rel="noopener noreferrer">
                  Wikipedia: {loaded.context.title}
                </a>
              ) : (
                `Wikipedia: ${loaded.context.title}`
              )}
            </p>
          </div>
        ) : (
          <StateLine
            state={loaded.contextError ? loaded.contextError : { status: 'none' }}
            none="No context found for this claim."
          />
        )
      ) : (
        pending && <StateLine state={pending} none="" />
      )}
    </section>
  );
}

function FactChecks({ checks }: { checks: ClaimContext['factChecks'] }): JSX.Element {
  if (checks.status === 'no-key')
    return (
      <p class="sn-state" data-state="no-key">
        Add a Fact Check Tools API key in Sidenote’s options to see fact-checks.
      </p>
    );
  if (checks.status === 'error') return <StateLine state={checks} none="" />;
  const items = checks.items.filter((c) => safeHref(c.url));
  if (!items.length)
    return (
      <p class="sn-state" data-state="none">
        No fact-checks found for this claim.
      </p>
    );
  return (
    <ul class="sn-checks">
      {items.slice(0, 4).map((c) => (
        <li key={c.url}>
          <span class="sn-rating">{c.rating}</span> — {c.publisher}
          {c.date ? ` (${c.date.slice(0, 10)})` : ''}:{' '}
          <a href={c.url} target="_blank" rel="noopener noreferrer">
            read the fact-check
          </a>
        </li>
      ))}
    </ul>
  );
}
