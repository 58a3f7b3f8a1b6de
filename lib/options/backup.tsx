import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { clearFactCheckSecret, loadFactCheckSecret, saveFactCheckSecret } from '../secrets/store';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import {
  type AddressChange,
  addressChanges,
  exportFileName,
  exportText,
  type ImportResult,
  keyAfterImport,
  validateImport,
} from '../settings/validate';
import type { Status } from './state';

/** A settings file larger than this is not one Sidenote wrote: refuse it before reading it. */
const MAX_IMPORT_BYTES = 256 * 1024;

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

interface BackupProps {
  settings: Settings;
  /** Replaces the settings (useSettings' update). */
  update: (change: (s: Settings) => Settings) => Promise<void>;
  /** The Fact Check key as the page holds it (null while read), and a way to read it again. */
  factCheckKey: string | null;
  reloadKey: () => void;
  setStatus: (status: Status) => void;
}

/** Importing a settings file: checked, then used at once, or once the reader agrees when it changes addresses. */
function useImport({ settings, update, factCheckKey, reloadKey, setStatus }: BackupProps) {
  const [pending, setPending] = useState<PendingImport | null>(null);

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

  const cancelImport = (file: string) => {
    setPending(null);
    setStatus({ kind: 'ok', text: `Not imported: ${file}. Nothing was changed.` });
  };

  return { pending, importFile, applyImport, cancelImport };
}

/** Saves every setting, the Fact Check key for the address in them included, to a file. */
async function exportSettings({ settings, setStatus }: BackupProps): Promise<void> {
  const secret = await loadFactCheckSecret().catch(() => null);
  const key = secret && secret.endpoint === settings.endpoints.factCheck ? secret.key : '';
  download(exportFileName(), exportText(settings, key));
  setStatus({ kind: 'ok', text: 'Exported your settings to a file.' });
}

/** Every setting back to its default, the Fact Check key dropped. */
async function resetAll({ update, reloadKey, setStatus }: BackupProps): Promise<void> {
  await clearFactCheckSecret().catch(() => undefined);
  await update(() => DEFAULT_SETTINGS);
  reloadKey();
  setStatus({ kind: 'ok', text: 'All settings are back to their defaults.' });
}

/** The reader's consent to an import that changes where names are sent. */
function ConfirmImport(props: { pending: PendingImport; onConfirm: () => void; onCancel: () => void }): JSX.Element {
  const { pending } = props;
  return (
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
      <button type="button" name="import-confirm" class="sn-danger" onClick={props.onConfirm}>
        Import and use these addresses
      </button>
      <button type="button" name="import-cancel" onClick={props.onCancel}>
        Cancel
      </button>
    </fieldset>
  );
}

/** Reset to defaults, behind a second press. */
function ResetButton({ reset }: { reset: () => Promise<void> }): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" name="reset" onClick={() => setConfirming(true)}>
        Reset to defaults
      </button>
    );
  return (
    <fieldset class="sn-confirm">
      <legend>Reset every setting?</legend>
      <button
        type="button"
        name="reset-confirm"
        class="sn-danger"
        onClick={() => {
          setConfirming(false);
          void reset();
        }}
      >
        Reset
      </button>
      <button type="button" name="reset-cancel" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </fieldset>
  );
}

/** The buttons of the "Your settings" section: export, import (with its consent), reset. */
export function BackupActions(props: BackupProps): JSX.Element {
  const backup = useImport(props);
  const { pending } = backup;
  return (
    <div class="sn-actions">
      <button type="button" name="export" onClick={() => void exportSettings(props)}>
        Export settings
      </button>
      <label class="sn-file-button">
        <input
          type="file"
          name="import"
          accept="application/json,.json"
          onChange={(e) => void backup.importFile(e.currentTarget)}
        />
        <span>Import settings…</span>
      </label>
      {pending ? (
        <ConfirmImport
          pending={pending}
          onConfirm={() => void backup.applyImport(pending.file, pending.result)}
          onCancel={() => backup.cancelImport(pending.file)}
        />
      ) : null}
      <ResetButton reset={() => resetAll(props)} />
    </div>
  );
}
