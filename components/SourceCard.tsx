import type { JSX } from 'preact';
import type { EntityContext } from '../lib/lookup/types';
import { CardShell, StateLine } from './CardShell';
import { SOURCE_KIND_LABEL, safeHref } from './card-format';

export interface SourceCardProps {
  titleId: string;
  dark: boolean;
  onClose: () => void;
  /** The source as the article names it: "Kremlin", "Anadolu Agency". */
  source: string;
  kind: string;
  text: string;
  /** Key phrases of the claims that rest on this source. */
  claims: readonly string[];
  /** What is known about the source itself, when it was looked up as an entity. */
  context?: EntityContext | { status: 'loading' };
}

/** A source the article cites: what kind of source, which claims rest on it, and who it is. */
export function SourceCard(props: SourceCardProps): JSX.Element {
  const found = props.context?.status === 'found' ? props.context : null;
  const sources = (found?.sources ?? []).filter((s) => safeHref(s.url));
  return (
    <CardShell
      titleId={props.titleId}
      badge={SOURCE_KIND_LABEL[props.kind] ?? 'Source'}
      tone="source"
      title={props.source}
      subtitle={`Cited as “${props.text}”`}
      dark={props.dark}
      onClose={props.onClose}
      busy={props.context?.status === 'loading'}
    >
      {props.claims.length ? (
        <section class="sn-section" aria-label="Claims resting on this source">
          <h3 class="sn-section-title">Claims resting on it</h3>
          <ul class="sn-checks">
            {props.claims.slice(0, 4).map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {found ? (
        <div class="sn-body">
          {found.description ? <p class="sn-description">{found.description}</p> : null}
          {found.extract ? <p class="sn-extract">{found.extract}</p> : null}
        </div>
      ) : props.context ? (
        <StateLine
          state={props.context.status === 'found' ? { status: 'ready' } : props.context}
          none={`No context found for “${props.source}”.`}
        />
      ) : null}
      {sources.length ? (
        <p class="sn-sources">
          Source:{' '}
          {sources.map((s, i) => (
            <span key={s.url}>
              {i ? ' · ' : ''}
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.name}
              </a>
            </span>
          ))}
        </p>
      ) : null}
    </CardShell>
  );
}
