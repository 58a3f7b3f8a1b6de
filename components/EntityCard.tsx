import type { JSX } from 'preact';
import type { EntityContext } from '../lib/contracts/lookups';
import { CardShell, lookupState, SourceLinks, StateLine } from './CardShell';
import { ENTITY_TYPE_LABEL, formatDate, safeHref } from './card-format';

export interface EntityCardProps {
  titleId: string;
  dark: boolean;
  onClose: () => void;
  /** What detection knows: shown whatever the lookup says. */
  name: string;
  type: string;
  /** A title or role the article gives: "Russian President". */
  roleLabel?: string;
  date?: string;
  context: EntityContext | { status: 'loading' };
}

/** Who or what an entity is: description, extract, picture, key facts and where that comes from. */
export function EntityCard(props: EntityCardProps): JSX.Element {
  const { context } = props;
  const found = context.status === 'found' ? context : null;
  const typeLabel = ENTITY_TYPE_LABEL[props.type] ?? 'Entity';
  const subtitle = [props.roleLabel, props.date ? formatDate(props.date) : undefined].filter(Boolean).join(' · ');
  const sources = (found?.sources ?? []).filter((s) => safeHref(s.url));
  return (
    <CardShell
      titleId={props.titleId}
      badge={typeLabel}
      tone="entity"
      title={found?.title ?? props.name}
      subtitle={subtitle || undefined}
      dark={props.dark}
      onClose={props.onClose}
      busy={context.status === 'loading' || context.status === 'deferred'}
    >
      {found ? (
        <EntityBody found={found} />
      ) : (
        <StateLine state={lookupState(context)} none={`No context found for “${props.name}”.`} />
      )}
      <SourceLinks links={sources} />
    </CardShell>
  );
}

/** What the lookup found: picture, description, extract and up to six key facts. */
function EntityBody({ found }: { found: Extract<EntityContext, { status: 'found' }> }): JSX.Element {
  const thumb = found.thumbnail && safeHref(found.thumbnail.url);
  return (
    <div class="sn-body">
      {thumb ? (
        <img
          class="sn-thumb"
          src={thumb}
          alt=""
          width={Math.min(72, found.thumbnail!.width)}
          referrerpolicy="no-referrer"
          // Blocked by the page's content policy, or offline: no broken-image box.
          onError={(e) => {
            e.currentTarget.hidden = true;
          }}
        />
      ) : null}
      {found.description ? <p class="sn-description">{found.description}</p> : null}
      {found.extract ? <p class="sn-extract">{found.extract}</p> : null}
      {found.facts.length ? (
        <dl class="sn-facts">
          {found.facts.slice(0, 6).map((fact) => (
            <div class="sn-fact" key={fact.label}>
              <dt>{fact.label}</dt>
              <dd>
                {fact.value}
                {fact.asOf ? <span class="sn-asof"> ({formatDate(fact.asOf)})</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
