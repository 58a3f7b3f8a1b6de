import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface TextFieldProps {
  /** The setting's path ("endpoints.wikidata"): the input's name, and how tests find it. */
  name: string;
  label: string;
  /** The stored value; the field shows it again whenever it changes from outside (reset, import). */
  value: string;
  /** The message for a bad value, or null: shown as the reader types, and blocks saving. */
  validate: (value: string) => string | null;
  /** Called with a valid value when the reader leaves the field or presses Enter. */
  onCommit: (value: string) => void;
  description?: ComponentChildren;
  inputMode?: 'text' | 'numeric' | 'url';
  placeholder?: string;
  disabled?: boolean;
  /** Text after the input, like a unit ("ms"). */
  suffix?: string;
}

/** Turns a setting path into a string that is safe in an id. */
export const fieldId = (name: string) => `sn-field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/**
 * A labelled text input that checks what is typed and saves only a valid value, so a
 * half-typed address never reaches the stored settings. The message is tied to the input
 * with `aria-describedby` and `aria-invalid` for screen readers.
 */
export function TextField(props: TextFieldProps): JSX.Element {
  const { name, label, value, validate, onCommit, description, inputMode, placeholder } = props;
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(value);
    setError(null);
  }, [value]);

  const id = fieldId(name);
  const describedBy = [description ? `${id}-note` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const commit = (text: string) => {
    const message = validate(text);
    setError(message);
    if (message === null && text.trim() !== value) onCommit(text.trim());
  };

  return (
    <div class="sn-field" data-field={name}>
      <label for={id} class="sn-field-label">
        {label}
      </label>
      <div class="sn-field-row">
        <input
          id={id}
          name={name}
          type="text"
          inputMode={inputMode}
          placeholder={placeholder}
          value={draft}
          disabled={props.disabled}
          spellcheck={false}
          autoComplete="off"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          onInput={(e) => {
            const text = e.currentTarget.value;
            setDraft(text);
            setError(validate(text));
          }}
          onChange={(e) => commit(e.currentTarget.value)}
        />
        {props.suffix ? <span class="sn-field-suffix">{props.suffix}</span> : null}
      </div>
      {error ? (
        <p id={`${id}-error`} class="sn-error" aria-live="polite">
          {error}
        </p>
      ) : null}
      {description ? (
        <p id={`${id}-note`} class="sn-note">
          {description}
        </p>
      ) : null}
    </div>
  );
}
