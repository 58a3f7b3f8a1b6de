import type { JSX } from 'preact';
import type { ClaimLines, LineChoice, NameLines } from '../lib/annotate/select-marks';
import { type Choice, ChoiceGroup } from './ChoiceGroup';

const CLAIM_CHOICES: readonly Choice<ClaimLines>[] = [
  { value: 'key', label: 'The key ones', description: 'The claims most worth checking; the rest stay in the list.' },
  { value: 'all', label: 'All', description: 'Every claim Sidenote finds.' },
];

const NAME_CHOICES: readonly Choice<NameLines>[] = [
  { value: 'first', label: 'First mention', description: 'Later mentions show their line when you point at them.' },
  { value: 'every', label: 'Every mention' },
];

export interface LineChoicesProps {
  value: LineChoice;
  onChange: (value: LineChoice) => void;
  /** Without the descriptions, for the popup. */
  compact?: boolean;
}

/** "Claims to underline" and "Names": which marks show their line (the options page and the popup). */
export function LineChoices({ value, onChange, compact }: LineChoicesProps): JSX.Element {
  const bare = <T extends string>(choices: readonly Choice<T>[]) =>
    compact ? choices.map(({ value, label }) => ({ value, label })) : choices;
  return (
    <div class={compact ? 'sn-lines sn-lines-compact' : 'sn-lines'}>
      <ChoiceGroup
        name="lines-claims"
        legend="Claims to underline"
        choices={bare(CLAIM_CHOICES)}
        value={value.claims}
        onChange={(claims) => onChange({ ...value, claims })}
      />
      <ChoiceGroup
        name="lines-names"
        legend="Names"
        choices={bare(NAME_CHOICES)}
        value={value.names}
        onChange={(names) => onChange({ ...value, names })}
      />
    </div>
  );
}
