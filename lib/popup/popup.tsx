import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { Switch } from '../../components/Switch';
import { hostMatches, siteOf } from '../settings/store';

interface PageState {
  tabId: number;
  /** The page's host, from the tab's URL where the browser shows it, else from its content script. */
  site: string | null;
  /** False where no content script answers (browser pages, the store, a page still loading). */
  reachable: boolean;
}

async function pageState(): Promise<PageState | null> {
  const tab = await targetTab();
  if (!tab) return null;
  const reply = await sendToTab(tab.id, 'pageMentions', {});
  const site = reply.ok ? reply.value.site : tab.url ? siteOf(tab.url) : null;
  return { tabId: tab.id, site, reachable: reply.ok };
}

import { sendToTab } from '../messaging/channel';
import { targetTab } from './target-tab';
import { useSettings } from './use-settings';

/** The toolbar popup: on/off everywhere and for this site, and which kinds of cards show. */
export function Popup() {
  const [settings, update] = useSettings();
  const [page, setPage] = useState<PageState | null>(null);
  useEffect(() => {
    void pageState().then(setPage);
  }, []);
  if (!settings) return <main class="sn-popup" aria-busy="true" />;

  const site = page?.site ?? null;
  const siteOff = site !== null && settings.disabledSites.some((rule) => hostMatches(site, rule));
  const setSite = (on: boolean) =>
    update((s) => ({
      ...s,
      disabledSites: on
        ? s.disabledSites.filter((rule) => !(site && hostMatches(site, rule)))
        : [...s.disabledSites, site as string],
    }));
  const setKind = (kind: keyof typeof settings.kinds) => (on: boolean) =>
    update((s) => ({ ...s, kinds: { ...s.kinds, [kind]: on } }));

  return (
    <main class="sn-popup">
      <header class="sn-popup-header">
        <h1>Sidenote</h1>
      </header>
      <section aria-label="Where Sidenote runs">
        <Switch
          name="enabled"
          label="On everywhere"
          checked={settings.enabled}
          onChange={(enabled) => update((s) => ({ ...s, enabled }))}
        />
        <Switch
          name="site"
          label={site ? `On for ${site}` : 'On for this site'}
          checked={!siteOff}
          disabled={!site || !settings.enabled}
          onChange={setSite}
        />
      </section>
      <section aria-label="Kinds of cards">
        <Switch
          name="entities"
          label="Entities"
          description="People, places, organisations, events"
          checked={settings.kinds.entities}
          onChange={setKind('entities')}
        />
        <Switch
          name="claims"
          label="Claims"
          description="Figures, quotes, disputed statements"
          checked={settings.kinds.claims}
          onChange={setKind('claims')}
        />
        <Switch
          name="source"
          label="Source"
          description="Who publishes the page, who is cited"
          checked={settings.kinds.source}
          onChange={setKind('source')}
        />
      </section>
      <footer>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
      </footer>
    </main>
  );
}
