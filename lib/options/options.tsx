import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Credits } from '../../components/Credits';
import { LineChoices } from '../../components/LineChoices';
import { SiteList } from '../../components/SiteList';
import { Switch } from '../../components/Switch';
import { TextField } from '../../components/TextField';
import { approveEndpoints, clearFactCheckSecret, loadFactCheckSecret, saveFactCheckSecret } from '../secrets/store';
import {
  apiKeySchema,
  DEFAULT_SETTINGS,
  endpointSchema,
  languageSchema,
  type RunMode,
  type Settings,
} from '../settings/schema';
import { useSettings } from '../settings/use-settings';
import {
  type AddressChange,
  addressChanges,
  exportFileName,
  exportText,
  fieldError,
  hoverDelaySchema,
  type ImportResult,
  keyAfterImport,
  parseSite,
  validateImport,
} from '../settings/validate';

/** A settings file larger than this is not one Sidenote wrote: refuse it before reading it. */
const MAX_IMPORT_BYTES = 256 * 1024;

const MODES: { value: RunMode; label: string; description: string }[] = [
  {
    value: 'articles',
    label: 'Articles on any site',
    description: 'Sidenote looks for news articles on every site you visit and annotates them.',
  },
  {
    value: 'sites',
    label: 'Only on the sites I list',
    description: 'Articles on the sites in the list below, nowhere else.',
  },
  {
    value: 'click',
    label: 'Only when I ask',
    description: 'Nothing happens until you choose “Annotate this page” in the toolbar button or press the shortcut.',
  },
];

const SOURCES: { key: keyof Settings['endpoints']; label: string }[] = [
  { key: 'wikipedia', label: 'Wikipedia' },
  { key: 'wikidata', label: 'Wikidata' },
  { key: 'factCheck', label: 'Fact Check Tools' },
];

type Status = { kind: 'ok' | 'error'; text: string } | null;

/** Saves a file in the reader's downloads through a temporary blob address. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the address is only freed later so slow browsers still read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The Fact Check key for the address in the settings, from the extension's own store (never the
 * settings, which content scripts read). null while it is read, or when the store cannot be opened.
 */
function useFactCheckKey(endpoint: string | undefined): [string | null, () => void] {
  const [key, setKey] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (endpoint === undefined) return;
    let live = true;
    loadFactCheckSecret()
      .then((secret) => live && setKey(secret && secret.endpoint === endpoint ? secret.key : ''))
      .catch(() => live && setKey(null));
    return () => {
      live = false;
    };
  }, [endpoint, tick]);
  return [key, () => setTick((t) => t + 1)];
}

const SOURCE_NAMES: Record<AddressChange['source'], string> = {
  wikipedia: 'Wikipedia',
  wikidata: 'Wikidata',
  factCheck: 'Fact Check Tools',
};

/** An import waiting for the reader's consent: it changes where names are sent. */
interface PendingImport {
  file: string;
  result: ImportResult & { ok: true };
  changes: AddressChange[];
  dropsKey: boolean;
}

/** The keyboard shortcut the browser has bound to the toggle command, if any. */
function useShortcut(): string | null {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    // Inside a promise chain: where `commands` is missing or unimplemented it fails quietly.
    Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((all) => setShortcut(all.find((c) => c.name === 'toggle-annotations')?.shortcut || null))
      .catch(() => setShortcut(null));
  }, []);
  return shortcut;
}

/** The options page: every setting of the schema, saved as soon as it is valid and applied live. */
export function Options(): JSX.Element {
  const [settings, update] = useSettings(approveEndpoints);
  const [status, setStatus] = useState<Status>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const shortcut = useShortcut();
  const [factCheckKey, reloadKey] = useFactCheckKey(settings?.endpoints.factCheck);
  if (!settings) return <main class="sn-options" aria-busy="true" />;

  const change = (fn: (s: Settings) => Settings) => {
    setStatus(null);
    update(fn).catch((error: unknown) =>
      setStatus({ kind: 'error', text: `Not saved: ${error instanceof Error ? error.message : String(error)}` }),
    );
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // so choosing the same file again is seen as a change
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setStatus({
        kind: 'error',
        text: `Not imported: ${file.name} is too large to be a settings file. Nothing was changed.`,
      });
      return;
    }
    const result = validateImport(await file.text());
    if (!result.ok) {
      setStatus({ kind: 'error', text: result.error });
      return;
    }
    const changes = addressChanges(settings, result.settings);
    const dropsKey = !!factCheckKey && !keyAfterImport(settings, factCheckKey, result);
    // A file that sends the names looked up somewhere else is used only once the reader agrees.
    if (changes.length) {
      setStatus(null);
      setPending({ file: file.name, result, changes, dropsKey });
      return;
    }
    await applyImport(file.name, result);
  };

  const applyImport = async (name: string, result: ImportResult & { ok: true }) => {
    setPending(null);
    const key = keyAfterImport(settings, factCheckKey ?? '', result);
    try {
      // The key first, bound to the file's address: the new address never sees the old key.
      await saveFactCheckSecret(key, result.settings.endpoints.factCheck);
    } catch {
      setStatus({
        kind: 'error',
        text: 'Not imported: Sidenote could not store the Fact Check key. Nothing was changed.',
      });
      return;
    }
    await update(() => result.settings);
    reloadKey();
    setStatus({ kind: 'ok', text: `Imported the settings from ${name}.` });
  };

  /** The Fact Check address changed: the key given for the old one is dropped, and the reader told. */
  const changeFactCheckAddress = async (address: string) => {
    const had = !!factCheckKey;
    await clearFactCheckSecret().catch(() => undefined);
    change((s) => ({ ...s, endpoints: { ...s.endpoints, factCheck: address } }));
    reloadKey();
    if (had) {
      setStatus({
        kind: 'ok',
        text: 'The Fact Check Tools key was removed: a key is sent only to the address it was entered for. Enter it again for the new address.',
      });
    }
  };

  const commitKey = async (key: string) => {
    setStatus(null);
    try {
      await saveFactCheckSecret(key, settings.endpoints.factCheck);
      reloadKey();
    } catch {
      setStatus({ kind: 'error', text: 'Not saved: Sidenote could not store the key in this browser.' });
    }
  };

  const exportSettings = async () => {
    const secret = await loadFactCheckSecret().catch(() => null);
    const key = secret && secret.endpoint === settings.endpoints.factCheck ? secret.key : '';
    download(exportFileName(), exportText(settings, key));
    setStatus({ kind: 'ok', text: 'Exported your settings to a file.' });
  };

  const reset = async () => {
    setConfirmReset(false);
    await clearFactCheckSecret().catch(() => undefined);
    await update(() => DEFAULT_SETTINGS);
    reloadKey();
    setStatus({ kind: 'ok', text: 'All settings are back to their defaults.' });
  };

  return (
    <main class="sn-options">
      <header>
        <h1>Sidenote options</h1>
        <p class="sn-note">
          Changes apply at once to every open tab. A text field is saved when you leave it or press Enter, if its value
          is valid.
        </p>
      </header>

      <section aria-labelledby="sn-where">
        <h2 id="sn-where">Where Sidenote runs</h2>
        <Switch
          name="enabled"
          label="On everywhere"
          description="Turn this off to pause Sidenote on every site."
          checked={settings.enabled}
          onChange={(enabled) => change((s) => ({ ...s, enabled }))}
        />
        <ChoiceGroup
          name="mode"
          legend="Annotate pages"
          choices={MODES}
          value={settings.mode}
          onChange={(mode) => change((s) => ({ ...s, mode }))}
        />
        {settings.mode === 'click' ? (
          <p class="sn-note">
            {shortcut
              ? `Keyboard shortcut: ${shortcut}. `
              : 'No keyboard shortcut is set for “Turn Sidenote annotations on or off”. '}
            Browsers let you change it on their extension shortcuts page.
          </p>
        ) : null}
        <SiteList
          name="sites"
          label="Sites to annotate"
          description={
            settings.mode === 'sites'
              ? 'Sidenote annotates articles on these sites and their subdomains only.'
              : 'Used when “Only on the sites I list” is chosen above.'
          }
          sites={settings.sites}
          parse={parseSite}
          emptyText="No sites yet."
          onChange={(sites) => change((s) => ({ ...s, sites }))}
        />
        <SiteList
          name="disabledSites"
          label="Sites where Sidenote is off"
          description="Never annotate these sites or their subdomains, whatever is chosen above."
          sites={settings.disabledSites}
          parse={parseSite}
          emptyText="None: Sidenote may run on every site."
          onChange={(disabledSites) => change((s) => ({ ...s, disabledSites }))}
        />
      </section>

      <section aria-labelledby="sn-what">
        <h2 id="sn-what">What shows</h2>
        <Switch
          name="entities"
          label="Entities"
          description="People, places, organisations, events and laws the article names."
          checked={settings.kinds.entities}
          onChange={(entities) => change((s) => ({ ...s, kinds: { ...s.kinds, entities } }))}
        />
        <Switch
          name="claims"
          label="Claims"
          description="Figures, quotes, disputed statements and dated events worth checking."
          checked={settings.kinds.claims}
          onChange={(claims) => change((s) => ({ ...s, kinds: { ...s.kinds, claims } }))}
        />
        <Switch
          name="source"
          label="Source"
          description="Who publishes the page, and who it cites."
          checked={settings.kinds.source}
          onChange={(source) => change((s) => ({ ...s, kinds: { ...s.kinds, source } }))}
        />
        <LineChoices value={settings.lines} onChange={(lines) => change((s) => ({ ...s, lines }))} />
        <Switch
          name="wholePage"
          label="Whole-page mode"
          description="Annotate the whole page, not only the article body. Editable fields are never touched."
          checked={settings.wholePage}
          onChange={(wholePage) => change((s) => ({ ...s, wholePage }))}
        />
        <TextField
          name="hoverDelayMs"
          label="Hover delay"
          inputMode="numeric"
          suffix="ms"
          value={String(settings.hoverDelayMs)}
          validate={(v) => fieldError(hoverDelaySchema, v)}
          onCommit={(v) => change((s) => ({ ...s, hoverDelayMs: Number(v) }))}
          description="How long the pointer rests on an underline before its card opens (0 to 5000)."
        />
      </section>

      <section aria-labelledby="sn-sources">
        <h2 id="sn-sources">Sources</h2>
        <TextField
          name="language"
          label="Wikipedia language"
          value={settings.language}
          validate={(v) => fieldError(languageSchema, v.trim())}
          onCommit={(language) => change((s) => ({ ...s, language }))}
          description="The code of the Wikipedia edition cards quote, like en, de or pt-br."
        />
        <TextField
          name="factCheckApiKey"
          label="Fact Check Tools API key"
          value={factCheckKey ?? ''}
          placeholder="AIza…"
          validate={(v) => fieldError(apiKeySchema, v)}
          onCommit={(key) => void commitKey(key.trim())}
          description={
            <>
              Claim cards list published fact-checks from Google’s Fact Check Tools, which needs a free key. To get one:
              sign in to the Google Cloud console (console.cloud.google.com), create a project, enable the “Fact Check
              Tools API” in APIs &amp; Services, then create an API key under Credentials and paste it here. The key
              stays in this browser, where web pages cannot read it, and is sent only to the Fact Check Tools address
              below: changing that address removes it. Leave it empty to go without fact-checks.
            </>
          }
        />
        <fieldset class="sn-endpoints">
          <legend>Addresses of the sources</legend>
          <p class="sn-note">
            For a mirror or a proxy: an https:// address, or http:// on this computer (localhost, 127.0.0.1). In the
            Wikipedia address, {'{lang}'} stands for the language above.
          </p>
          {SOURCES.map(({ key, label }) => (
            <TextField
              key={key}
              name={`endpoints.${key}`}
              label={label}
              inputMode="url"
              placeholder={DEFAULT_SETTINGS.endpoints[key]}
              value={settings.endpoints[key]}
              validate={(v) => fieldError(endpointSchema, v)}
              onCommit={(typed) => {
                const address = typed.replace(/\/+$/, '');
                if (address === settings.endpoints[key]) return;
                if (key === 'factCheck') void changeFactCheckAddress(address);
                else change((s) => ({ ...s, endpoints: { ...s.endpoints, [key]: address } }));
              }}
            />
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="sn-backup">
        <h2 id="sn-backup">Your settings</h2>
        <p class="sn-note">
          Export saves every setting, your API key included, to a JSON file; import checks a file before using it.
        </p>
        <div class="sn-actions">
          <button type="button" name="export" onClick={() => void exportSettings()}>
            Export settings
          </button>
          <label class="sn-file-button">
            <input
              type="file"
              name="import"
              accept="application/json,.json"
              onChange={(e) => void importFile(e.currentTarget)}
            />
            <span>Import settings…</span>
          </label>
          {pending ? (
            <fieldset class="sn-confirm" data-confirm="import">
              <legend>Import {pending.file}? It changes where Sidenote sends the names it looks up:</legend>
              <ul class="sn-changes">
                {pending.changes.map((c) => (
                  <li key={c.source} data-source={c.source}>
                    {SOURCE_NAMES[c.source]}: {c.from} → <strong>{c.to}</strong>
                  </li>
                ))}
                {pending.dropsKey ? <li data-key="dropped">Your Fact Check Tools key is removed.</li> : null}
              </ul>
              <button
                type="button"
                name="import-confirm"
                class="sn-danger"
                onClick={() => void applyImport(pending.file, pending.result)}
              >
                Import and use these addresses
              </button>
              <button
                type="button"
                name="import-cancel"
                onClick={() => {
                  setPending(null);
                  setStatus({ kind: 'ok', text: `Not imported: ${pending.file}. Nothing was changed.` });
                }}
              >
                Cancel
              </button>
            </fieldset>
          ) : null}
          {confirmReset ? (
            <fieldset class="sn-confirm">
              <legend>Reset every setting?</legend>
              <button type="button" name="reset-confirm" class="sn-danger" onClick={() => void reset()}>
                Reset
              </button>
              <button type="button" name="reset-cancel" onClick={() => setConfirmReset(false)}>
                Cancel
              </button>
            </fieldset>
          ) : (
            <button type="button" name="reset" onClick={() => setConfirmReset(true)}>
              Reset to defaults
            </button>
          )}
        </div>
        <p
          class={status?.kind === 'error' ? 'sn-status sn-error' : 'sn-status'}
          role={status?.kind === 'error' ? 'alert' : 'status'}
          data-status={status?.kind ?? ''}
        >
          {status?.text ?? ''}
        </p>
      </section>

      <Credits />
    </main>
  );
}
