import type { JSX } from 'preact';
import { CardShell } from './CardShell';
import { SOURCE_KIND_LABEL } from './card-format';
import { SourceDetails, type SourceState } from './SourceCard';

export interface AttributionCardProps {
  titleId: string;
  dark: boolean;
  onClose: () => void;
  /** The source as the article names it: "Kremlin", "Anadolu Agency". */
  source: string;
  /** statement, outlet, agency, credit, spokesperson, official, other */
  kind: string;
  /** The words on the page: "According to a Kremlin statement". */
  text: string;
  /** The claims on the page that rest on this source, as the card lists them. */
  claims: readonly string[];
  context: SourceState;
}

/** A source the article cites: how it is cited, the claims resting on it, and who it is. */
export function AttributionCard(props: AttributionCardProps): JSX.Element {
  const kind = SOURCE_KIND_LABEL[props.kind] ?? 'Source';
  return (
    <CardShell
      titleId={props.titleId}
      badge={`Cited source · ${kind}`}
      tone="source"
      title={props.source}
      subtitle={`Cited as “${props.text}”`}
      dark={props.dark}
      onClose={props.onClose}
      busy={'status' in props.context && props.context.status === 'loading'}
    >
      <SourceDetails state={props.context} name={props.source}>
        <section class="sn-section" aria-label="Claims resting on this source">
          <h3 class="sn-section-title">Claims resting on it</h3>
          {props.claims.length ? (
            <ul class="sn-checks" data-sidenote-claims={props.claims.length}>
              {props.claims.slice(0, 5).map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : (
            <p class="sn-state" data-state="none">
              No claim on this page is attributed to it.
            </p>
          )}
        </section>
      </SourceDetails>
    </CardShell>
  );
}
