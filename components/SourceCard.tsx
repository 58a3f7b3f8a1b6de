import type { ComponentChildren, JSX } from 'preact';
import type { LookupFailure } from '../lib/contracts/lookups';
import type { PerennialStanding, SourceContext } from '../lib/contracts/sources';
import { CardShell, lookupState, SourceLinks, StateLine } from './CardShell';
import { PERENNIAL_STATUS_LABELS, safeHref } from './card-format';

/** A source lookup's state as a card sees it. */
export type SourceState = SourceContext | LookupFailure | { status: 'loading' };

export interface SourceCardProps {
  titleId: string;
  dark: boolean;
  onClose: () => void;
  /** The publisher as the page names itself, shown until the lookup answers. */
  name: string;
  domain?: string;
  context: SourceState;
}

/** The page's publisher: who it is (Wikidata, Wikipedia) and its standing in Wikipedia's Perennial sources. */
export function SourceCard(props: SourceCardProps): JSX.Element {
  const ctx = 'entity' in props.context ? props.context : null;
  return (
    <CardShell
      titleId={props.titleId}
      badge="Publisher"
      tone="source"
      title={ctx?.name ?? props.name}
      subtitle={(ctx?.domain ?? props.domain) ? `Published at ${ctx?.domain ?? props.domain}` : undefined}
      dark={props.dark}
      onClose={props.onClose}
      busy={'status' in props.context && props.context.status === 'loading'}
    >
      <SourceDetails state={props.context} name={props.name} />
    </CardShell>
  );
}

/** What is known about a source: shared by the publisher's card and the cards of cited sources. */
export function SourceDetails({
  state,
  name,
  children,
}: {
  state: SourceState;
  name: string;
  children?: ComponentChildren;
}): JSX.Element {
  if (!('entity' in state)) {
    return (
      <div class="sn-source">
        {children}
        <StateLine state={state} none="" />
      </div>
    );
  }
  const entity = state.entity;
  const found = entity.status === 'found' ? entity : null;
  const links = [...(found?.sources ?? [])].filter((s) => safeHref(s.url));
  return (
    <div class="sn-source" data-sidenote-source={state.name}>
      {found ? (
        <div class="sn-body">
          {found.description ? <p class="sn-description">{found.description}</p> : null}
          {found.extract ? <p class="sn-extract">{found.extract}</p> : null}
          {found.facts.length ? (
            <dl class="sn-facts" aria-label="Facts from Wikidata">
              {found.facts.map((f) => (
                <div class="sn-fact" key={f.label} data-sidenote-fact={f.label}>
                  <dt>{f.label}</dt>
                  <dd>
                    {f.label === 'Website' && safeHref(f.value) ? (
                      <ExternalLink href={f.value} text={f.value} />
                    ) : (
                      f.value
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
      ) : (
        <StateLine state={lookupState(entity)} none={`Sidenote found no encyclopedia entry for “${name}”.`} />
      )}
      {children}
      <Perennial standing={state.perennial} />
      <SourceLinks links={links} />
    </div>
  );
}

/** The source's entries in Wikipedia's Perennial sources list, or plainly that it is not listed. */
function Perennial({ standing }: { standing: PerennialStanding }): JSX.Element {
  return (
    <section
      class="sn-section sn-perennial"
      aria-label="Wikipedia’s Perennial sources"
      data-sidenote-perennial={standing.status}
    >
      <h3 class="sn-section-title">Wikipedia’s Perennial sources</h3>
      {standing.status === 'error' ? (
        <StateLine state={standing} none="" />
      ) : standing.status === 'not-listed' ? (
        <p class="sn-state" data-state="none">
          Not listed in Wikipedia’s <ExternalLink href={standing.listUrl} text="Perennial sources list" />.
        </p>
      ) : (
        <ul class="sn-perennial-list">
          {standing.entries.map((e) => (
            <li key={e.listUrl} data-sidenote-status={e.status}>
              <span class="sn-status" data-status={e.status}>
                {PERENNIAL_STATUS_LABELS[e.status]}
              </span>{' '}
              <span class="sn-perennial-name">
                {e.name}
                {e.qualifier ? ` (${e.qualifier})` : ''}
              </span>
              {e.summary ? <p class="sn-perennial-summary">{e.summary}</p> : null}
              <p class="sn-perennial-links">
                <ExternalLink href={e.discussionUrl} text="Discussion" />
                {e.lastDiscussed ? ` (last ${e.lastDiscussed})` : ''} ·{' '}
                <ExternalLink href={e.listUrl} text="Entry in the list" />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A link only when the address is https; otherwise the text alone. */
export function ExternalLink({ href, text }: { href: string; text: string }): JSX.Element {
  const safe = safeHref(href);
  return safe ? (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}
