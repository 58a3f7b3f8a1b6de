import type { JSX } from 'preact';
import type { Settings } from '../lib/settings/schema';
import { Switch } from './Switch';

type Kind = keyof Settings['kinds'];

const KIND_LABELS: readonly { kind: Kind; label: string }[] = [
  { kind: 'entities', label: 'Entities' },
  { kind: 'claims', label: 'Claims' },
  { kind: 'source', label: 'Source' },
];

export interface KindSwitchesProps {
  kinds: Settings['kinds'];
  /** A line under each kind's name (the options page says more than the popup). */
  descriptions: Record<Kind, string>;
  onChange: (kind: Kind, on: boolean) => void;
}

/** A switch a kind of mark (entities, claims, source), in the same order in the popup and the options. */
export function KindSwitches({ kinds, descriptions, onChange }: KindSwitchesProps): JSX.Element {
  return (
    <>
      {KIND_LABELS.map(({ kind, label }) => (
        <Switch
          key={kind}
          name={kind}
          label={label}
          description={descriptions[kind]}
          checked={kinds[kind]}
          onChange={(on) => onChange(kind, on)}
        />
      ))}
    </>
  );
}
