import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Credits } from '../../components/Credits';
import { KindSwitches } from '../../components/KindSwitches';
import { LineChoices } from '../../components/LineChoices';
import { SiteList } from '../../components/SiteList';
import { Switch } from '../../components/Switch';
import { TextField } from '../../components/TextField';
import { approveEndpoints, clearFactCheckSecret, saveFactCheckSecret } from '../secrets/store';
import {
  apiKeySchema,
  DEFAULT_SETTINGS,
  endpointSchema,
  languageSchema,
  type RunMode,
  type Settings,
} from '../settings/schema';
import { useSettings } from '../settings/use-settings';
import { fieldError, hoverDelaySchema, parseSite } from '../settings/validate';
import { BackupActions } from './backup';
import { type ChangeSettings, type Status, useFactCheckKey, useShortcut } from './state';

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

/** What each kind of mark is, under its switch. */
const KIND_DESCRIPTIONS = {
  entities: 'People, places, organisations, events and laws the article names.',
  claims: 'Figures, quotes, disputed statements and dated events worth checking.',
  source: 'Who publishes the page, and who it cites.',
};

/** A switch for one of the settings that are a plain yes or no. */
function FlagSwitch(props: {
  flag: 'enabled' | 'wholePage';
  label: string;
  description: string;
  settings: Settings;
  change: ChangeSettings;
}): JSX.Element {
  const { flag, change } = props;
  return (
    <Switch
      name={flag}
      label={props.label}
      description={props.description}
      checked={props.settings[flag]}
      onChange={(on) => change((s) => ({ ...s, [flag]: on }))}
    />
  );
}

/** Where Sidenote runs: on or off, the mode, the sites listed for it and those it never touches. */
function WhereSection({ settings, change }: { settings: Settings; change: ChangeSettings }): JSX.Element {
  const shortcut = useShortcut();
  return (
    <section aria-labelledby="sn-where">
      <h2 id="sn-where">Where Sidenote runs</h2>
      <FlagSwitch
        flag="enabled"
        label="On everywhere"
        description="Turn this off to pause Sidenote on every site."
        settings={settings}
        change={change}
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
  );
}

/** What shows: the kinds of mark, their lines, whole-page mode, the hover delay. */
function WhatSection({ settings, change }: { settings: Settings; change: ChangeSettings }): JSX.Element {
  return (
    <section aria-labelledby="sn-what">
      <h2 id="sn-what">What shows</h2>
      <KindSwitches
        kinds={settings.kinds}
        descriptions={KIND_DESCRIPTIONS}
        onChange={(kind, on) => change((s) => ({ ...s, kinds: { ...s.kinds, [kind]: on } }))}
      />
      <LineChoices value={settings.lines} onChange={(lines) => change((s) => ({ ...s, lines }))} />
      <FlagSwitch
        flag="wholePage"
        label="Whole-page mode"
        description="Annotate the whole page, not only the article body. Editable fields are never touched."
        settings={settings}
        change={change}
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
  );
}

interface SourcesProps {
  settings: Settings;
  change: ChangeSettings;
  factCheckKey: string | null;
  reloadKey: () => void;
  setStatus: (status: Status) => void;
}

/** The Fact Check key and what changes it: a key typed in, or the address it is bound to. */
function useKeyActions({ settings, change, factCheckKey, reloadKey, setStatus }: SourcesProps) {
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
  return { changeFactCheckAddress, commitKey };
}

/** Sources: the Wikipedia language, the Fact Check key, and the addresses names are sent to. */
function SourcesSection(props: SourcesProps): JSX.Element {
  const { settings, change, factCheckKey } = props;
  const { changeFactCheckAddress, commitKey } = useKeyActions(props);
  return (
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
            Tools API” in APIs &amp; Services, then create an API key under Credentials and paste it here. The key stays
            in this browser, where web pages cannot read it, and is sent only to the Fact Check Tools address below:
            changing that address removes it. Leave it empty to go without fact-checks.
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
  );
}

/** The options page: every setting of the schema, saved as soon as it is valid and applied live. */
export function Options(): JSX.Element {
  const [settings, update] = useSettings(approveEndpoints);
  const [status, setStatus] = useState<Status>(null);
  const [factCheckKey, reloadKey] = useFactCheckKey(settings?.endpoints.factCheck);
  if (!settings) return <main class="sn-options" aria-busy="true" />;

  const change: ChangeSettings = (fn) => {
    setStatus(null);
    update(fn).catch((error: unknown) =>
      setStatus({ kind: 'error', text: `Not saved: ${error instanceof Error ? error.message : String(error)}` }),
    );
  };
  const keyProps = { factCheckKey, reloadKey, setStatus };

  return (
    <main class="sn-options">
      <header>
        <h1>Sidenote options</h1>
        <p class="sn-note">
          Changes apply at once to every open tab. A text field is saved when you leave it or press Enter, if its value
          is valid.
        </p>
      </header>
      <WhereSection settings={settings} change={change} />
      <WhatSection settings={settings} change={change} />
      <SourcesSection settings={settings} change={change} {...keyProps} />
      <section aria-labelledby="sn-backup">
        <h2 id="sn-backup">Your settings</h2>
        <p class="sn-note">
          Export saves every setting, your API key included, to a JSON file; import checks a file before using it.
        </p>
        <BackupActions settings={settings} update={update} {...keyProps} />
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
