import type { JSX } from 'preact';
import { useId } from 'preact/hooks';

export interface SwitchProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: string;
  disabled?: boolean;
  name?: string;
}

/**
 * A labelled checkbox styled as a switch: keyboard and screen-reader friendly by being a real
 * input. Its name is the label alone ("Claims"), its description is attached as a description,
 * so a screen reader says "Claims, switch, on" and then the hint.
 */
export function Switch({ label, checked, onChange, description, disabled, name }: SwitchProps): JSX.Element {
  const id = useId();
  return (
    <label class="sn-switch">
      <input
        type="checkbox"
        role="switch"
        aria-checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span class="sn-switch-track" aria-hidden="true" />
      <span class="sn-switch-text">
        <span class="sn-switch-label" id={`${id}-label`}>
          {label}
        </span>
        {description ? (
          <span class="sn-switch-description" id={`${id}-description`}>
            {description}
          </span>
        ) : null}
      </span>
    </label>
  );
}
