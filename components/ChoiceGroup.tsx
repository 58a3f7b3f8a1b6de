import type { JSX } from 'preact';
import { useId } from 'preact/hooks';

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
  // Each choice is named by its label alone; its description is attached as a description.
  const id = useId();
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
            aria-labelledby={`${id}-${choice.value}-label`}
            aria-describedby={choice.description ? `${id}-${choice.value}-description` : undefined}
            onChange={() => onChange(choice.value)}
          />
          <span class="sn-switch-text">
            <span class="sn-switch-label" id={`${id}-${choice.value}-label`}>
              {choice.label}
            </span>
            {choice.description ? (
              <span class="sn-switch-description" id={`${id}-${choice.value}-description`}>
                {choice.description}
              </span>
            ) : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
