import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { KindSwitches } from '../../components/KindSwitches';
import { LineChoices } from '../../components/LineChoices';
import { Switch } from '../../components/Switch';
import type { Settings } from '../settings/schema';
import { hostMatches } from '../settings/store';
import { useSettings } from '../settings/use-settings';
import { CacheSection } from './cache-section';
import { PageSection } from './page-section';
import { loadPage, type PageState } from './page-state';
import { inToolbarPopup } from './toolbar';

/** How often an open popup asks the page again, so its list follows marks added as the page grows. */
const REFRESH_MS = 1500;

/** Whether Sidenote is on for `site` by the settings alone (the page may still be overridden). */
function siteOn(settings: Settings, site: string): boolean {
  if (settings.disabledSites.some((rule) => hostMatches(site, rule))) return false;
  return settings.mode !== 'sites' || settings.sites.some((rule) => hostMatches(site, rule));
}

/**
 * The settings after turning Sidenote on or off for one site. Off adds the site to the
 * disabled list; on removes every rule that covers it there, and in "sites" mode lists it.
 */
export function withSite(settings: Settings, site: string, on: boolean): Settings {
  if (!on) {
    return settings.disabledSites.includes(site)
      ? settings
      : { ...settings, disabledSites: [...settings.disabledSites, site] };
  }
  const listed = settings.sites.some((rule) => hostMatches(site, rule));
  return {
    ...settings,
    disabledSites: settings.disabledSites.filter((rule) => !hostMatches(site, rule)),
    sites: settings.mode === 'sites' && !listed ? [...settings.sites, site] : settings.sites,
  };
}

/** What each kind of mark is, under its switch. */
const KIND_DESCRIPTIONS = {
  entities: 'People, places, organisations, events',
  claims: 'Figures, quotes, disputed statements',
  source: 'Who publishes the page, who is cited',
};

/** Saves a change to the settings; the popup says so when one cannot be saved. */
type Update = (change: (s: Settings) => Settings) => Promise<void>;

/**
 * The settings, and an update that validates each change before it is stored: one that cannot be
 * (a site the schema refuses, like a bare IPv6 address) is reported instead of failing silently.
 */
function useSettingsWithError(): [Settings | null, Update, string | null] {
  const [settings, store] = useSettings();
  const [saveError, setSaveError] = useState<string | null>(null);
  const update: Update = (change) =>
    store(change).then(
      () => setSaveError(null),
      () => setSaveError('Not saved: Sidenote cannot store this change.'),
    );
  return [settings, update, saveError];
}

/** The page the popup acts on, read again when the settings change, on `refresh` and every REFRESH_MS. */
function usePage(settings: Settings | null): [PageState | null, () => void] {
  const [page, setPage] = useState<PageState | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = () => setTick((t) => t + 1);
  useEffect(() => {
    let live = true;
    void loadPage().then((p) => live && setPage(p));
    return () => {
      live = false;
    };
  }, [tick, settings]);
  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return [page, refresh];
}

function PopupHeader(): JSX.Element {
  return (
    <header class="sn-popup-header">
      <h1>Sidenote</h1>
      <a
        href="options.html"
        target="_blank"
        rel="noopener"
        onClick={(e) => {
          e.preventDefault();
          void browser.runtime.openOptionsPage();
          if (inToolbarPopup()) window.close();
        }}
      >
        Options
      </a>
    </header>
  );
}

/** On or off everywhere, and for this page's site. */
function WhereSection({ settings, update, site }: { settings: Settings; update: Update; site: string | null }) {
  return (
    <section aria-label="Where Sidenote runs">
      <Switch
        name="enabled"
        label="On everywhere"
        checked={settings.enabled}
        onChange={(enabled) => void update((s) => ({ ...s, enabled }))}
      />
      <Switch
        name="site"
        label={site ? `On for ${site}` : 'On for this site'}
        description={site ? undefined : 'Not available on this page'}
        checked={site ? siteOn(settings, site) : false}
        disabled={!site || !settings.enabled}
        onChange={(on) => site && void update((s) => withSite(s, site, on))}
      />
    </section>
  );
}

/** Which kinds of mark show, and which of them draw their lines. */
function KindsSection({ settings, update }: { settings: Settings; update: Update }) {
  return (
    <section aria-label="What shows">
      <KindSwitches
        kinds={settings.kinds}
        descriptions={KIND_DESCRIPTIONS}
        onChange={(kind, on) => void update((s) => ({ ...s, kinds: { ...s.kinds, [kind]: on } }))}
      />
      <LineChoices compact value={settings.lines} onChange={(lines) => void update((s) => ({ ...s, lines }))} />
    </section>
  );
}

/** The toolbar popup: on/off everywhere and for this site, which kinds show, and what the page holds. */
export function Popup(): JSX.Element {
  const [settings, update, saveError] = useSettingsWithError();
  const [page, refresh] = usePage(settings);
  if (!settings) return <main class="sn-popup" aria-busy="true" />;
  const site = page && page.status !== 'no-tab' ? page.site : null;
  return (
    <main class="sn-popup">
      <PopupHeader />
      <WhereSection settings={settings} update={update} site={site} />
      <KindsSection settings={settings} update={update} />
      {saveError ? (
        <p class="sn-error" role="alert">
          {saveError}
        </p>
      ) : null}
      <section class="sn-page" aria-label="On this page">
        <h2>On this page</h2>
        <PageSection page={page} settings={settings} refresh={refresh} />
      </section>
      <footer>
        <CacheSection />
      </footer>
    </main>
  );
}
