import type { JSX } from 'preact';

export interface Choice<T extends string> {
  value: T;
  label: string;
  description?: string;
}

export interface ChoiceGroupProps<T extends string> {
  name: string;
  legend: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}

/** One choice among a few, as real radio buttons in a fieldset (arrow keys move between them). */
export function ChoiceGroup<T extends string>({
  name,
  legend,
  choices,
  value,
  onChange,
}: ChoiceGroupProps<T>): JSX.Element {
  return (
    <fieldset class="sn-choices" data-field={name}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label class="sn-choice" key={choice.value}>
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={choice.value === value}
            onChange={() => onChange(choice.value)}
          />
          <span class="sn-switch-text">
            <span class="sn-switch-label">{choice.label}</span>
            {choice.description ? <span class="sn-switch-description">{choice.description}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
