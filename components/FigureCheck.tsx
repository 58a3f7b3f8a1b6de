import type { JSX } from 'preact';
import type { FigureCheckResult } from '../lib/contracts/figures';
import { StateLine } from './CardShell';
import { formatDate } from './card-format';
import { ExternalLink } from './SourceCard';

export type FigureCheckState = FigureCheckResult | { status: 'loading' };

const QUANTITY_WORDS: Record<string, string> = {
  population: 'population',
  area: 'area',
  age: 'age',
  founded: 'founding year',
  members: 'membership',
};

/** The verdict's words: "Agrees", "Differs by 22.4%", "Cannot be compared". */
export function verdictText(check: Extract<FigureCheckResult, { status: 'checked' }>): string {
  if (check.verdict === 'agrees') return 'Agrees';
  if (check.verdict === 'cannot-compare') return 'Cannot be compared';
  const d = check.difference;
  if (!d) return 'Differs';
  return d.unit === 'percent' ? `Differs by ${d.amount}%` : `Differs by ${d.amount} year${d.amount === 1 ? '' : 's'}`;
}

/** One figure checked against Wikidata: the claimed value, Wikidata's value with its date and link, the verdict. */
export function FigureCheck({ check, label }: { check: FigureCheckState; label: string }): JSX.Element {
  if (check.status !== 'checked') {
    return (
      <div class="sn-figure" data-sidenote-verdict={check.status}>
        <p class="sn-figure-claimed">{label}</p>
        <StateLine state={check} none="" />
      </div>
    );
  }
  const ref = check.reference;
  const quantity = check.quantity ? QUANTITY_WORDS[check.quantity] : undefined;
  return (
    <div class="sn-figure" data-sidenote-verdict={check.verdict}>
      <p class="sn-figure-claimed">
        <span class="sn-verdict" data-verdict={check.verdict}>
          {verdictText(check)}
        </span>{' '}
        {label}
      </p>
      <p class="sn-figure-message">{check.message}</p>
      {ref ? (
        <p class="sn-figure-reference">
          Wikidata{quantity ? ` ${quantity}` : ''} of {ref.entity}: {ref.value}
          {ref.asOf ? ` (${formatDate(ref.asOf)})` : ''}
          {ref.chosen ? `, ${ref.chosen}` : ''}
          {ref.citedSource ? `; Wikidata cites ${ref.citedSource}` : ''}.{' '}
          <ExternalLink href={ref.url} text="Wikidata" />
        </p>
      ) : null}
      <p class="sn-figure-tolerance">Tolerance: {check.tolerance}</p>
    </div>
  );
}

/** The figure checks of a claim, as a card section. */
export function FigureChecks({
  checks,
}: {
  checks: readonly { label: string; check: FigureCheckState }[];
}): JSX.Element | null {
  if (!checks.length) return null;
  return (
    <section class="sn-section" aria-label="Figures checked against Wikidata">
      <h3 class="sn-section-title">Checked against Wikidata</h3>
      {checks.map((c) => (
        <FigureCheck key={c.label} check={c.check} label={c.label} />
      ))}
    </section>
  );
}
