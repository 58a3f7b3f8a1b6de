import type { JSX } from 'preact';

export interface SwitchProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: string;
  disabled?: boolean;
  name?: string;
}

/** A labelled checkbox styled as a switch: keyboard and screen-reader friendly by being a real input. */
export function Switch({ label, checked, onChange, description, disabled, name }: SwitchProps): JSX.Element {
  return (
    <label class="sn-switch">
      <input
        type="checkbox"
        role="switch"
        aria-checked={checked}
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span class="sn-switch-track" aria-hidden="true" />
      <span class="sn-switch-text">
        <span class="sn-switch-label">{label}</span>
        {description ? <span class="sn-switch-description">{description}</span> : null}
      </span>
    </label>
  );
}
