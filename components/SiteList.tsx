import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { fieldId } from './TextField';

export type SiteParse = { ok: true; host: string } | { ok: false; error: string };

export interface SiteListProps {
  /** The setting's name ("sites", "disabledSites"). */
  name: string;
  label: string;
  description?: string;
  sites: string[];
  /** Turns what the reader typed into a host, or says what is wrong with it. */
  parse: (input: string) => SiteParse;
  onChange: (sites: string[]) => void;
  disabled?: boolean;
  /** What the list says when empty. */
  emptyText: string;
}

/** The sites listed, each with its remove button, or what the list says when empty. */
function SiteItems(props: Pick<SiteListProps, 'sites' | 'emptyText' | 'onChange'>): JSX.Element {
  const { sites, onChange } = props;
  if (!sites.length) return <p class="sn-note sn-sitelist-empty">{props.emptyText}</p>;
  return (
    <ul class="sn-sitelist-items">
      {sites.map((site) => (
        <li key={site}>
          <span class="sn-sitelist-host">{site}</span>
          <button type="button" aria-label={`Remove ${site}`} onClick={() => onChange(sites.filter((s) => s !== site))}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

/** An editable list of sites: each with a remove button, and a field to add one. */
export function SiteList(props: SiteListProps): JSX.Element {
  const { name, label, sites, parse, onChange, disabled } = props;
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = fieldId(name);

  const add = (e: Event) => {
    e.preventDefault();
    const parsed = parse(draft);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (sites.includes(parsed.host)) {
      setError(`${parsed.host} is already in the list`);
      return;
    }
    setError(null);
    setDraft('');
    onChange([...sites, parsed.host]);
  };

  return (
    <fieldset class="sn-sitelist" data-field={name} disabled={disabled}>
      <legend>{label}</legend>
      {props.description ? <p class="sn-note">{props.description}</p> : null}
      <SiteItems sites={sites} emptyText={props.emptyText} onChange={onChange} />
      <form class="sn-field-row" onSubmit={add}>
        <label class="sn-visually-hidden" for={`${id}-add`}>
          Add a site to “{label}”
        </label>
        <input
          id={`${id}-add`}
          name={`${name}-add`}
          type="text"
          placeholder="example.com"
          value={draft}
          spellcheck={false}
          autoComplete="off"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => {
            setDraft(e.currentTarget.value);
            setError(null);
          }}
        />
        <button type="submit">Add</button>
      </form>
      {error ? (
        <p id={`${id}-error`} class="sn-error" aria-live="polite">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
