import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { LineChoices } from '../../components/LineChoices';
import { Switch } from '../../components/Switch';
import type { CacheStats } from '../contracts/settings';
import type { MentionSummary } from '../contracts/tabs';
import { sendToTab } from '../messaging/channel';
import { MAX_LOOKUPS, MAX_MARKS } from '../page/budgets';
import type { Settings } from '../settings/schema';
import { hostMatches } from '../settings/store';
import { useSettings } from '../settings/use-settings';
import { countMentions, formatBytes, loadPage, type PageState, readCache } from './page-state';

/** How often an open popup asks the page again, so its list follows marks added as the page grows. */
const REFRESH_MS = 1500;

/** True in the real toolbar popup; false when opened as a tab with `?tab=ID` (tests, keyboard users). */
const inToolbarPopup = () => !new URLSearchParams(location.search).has('tab');

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

const KIND_LABEL: Record<MentionSummary['kind'], string> = { entity: 'Entity', claim: 'Claim', source: 'Source' };

/** The second line of a listed mention: an entity's canonical name when it differs, else its type. */
function detailOf(m: MentionSummary): string {
  if (m.kind === 'entity' && m.label && m.label.toLowerCase() !== m.text.toLowerCase()) return m.label;
  return m.type;
}

function MentionList({ mentions, onReveal }: { mentions: MentionSummary[]; onReveal: (id: string) => void }) {
  const { entities, claims } = countMentions(mentions);
  return (
    <>
      <p class="sn-counts" data-entities={entities} data-claims={claims}>
        <strong>{entities}</strong> {entities === 1 ? 'entity' : 'entities'} · <strong>{claims}</strong>{' '}
        {claims === 1 ? 'claim' : 'claims'}
      </p>
      {mentions.length ? (
        <ul class="sn-mentions" aria-label="Found on this page">
          {mentions.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                class={`sn-mention sn-mention-${m.kind}`}
                data-mention-id={m.id}
                data-kind={m.kind}
                title="Show it on the page"
                onClick={() => onReveal(m.id)}
              >
                <span class="sn-mention-text">{m.text}</span>
                <span class="sn-mention-meta">
                  {KIND_LABEL[m.kind]}
                  {detailOf(m) ? ` · ${detailOf(m)}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** What the popup says of each page budget a page reached (lib/page/budgets.ts). */
const LIMIT_TEXT = {
  text: 'This page is very long: Sidenote read only its first part.',
  marks: `This page holds more than Sidenote underlines on one page: only the first ${MAX_MARKS.toLocaleString('en')} are marked.`,
  lookups: `This page names more than Sidenote looks up at once: past the first ${MAX_LOOKUPS} names, a card looks its name up when you open it.`,
} as const;

function Limits({ limits }: { limits: NonNullable<Extract<PageState, { status: 'ready' }>['limits']> }) {
  const reached = (Object.keys(LIMIT_TEXT) as (keyof typeof LIMIT_TEXT)[]).filter((k) => limits[k]);
  if (!reached.length) return null;
  return (
    <ul class="sn-limits" data-limits={reached.join(' ')}>
      {reached.map((k) => (
        <li key={k} class="sn-note">
          {LIMIT_TEXT[k]}
        </li>
      ))}
    </ul>
  );
}

function PageSection({ page, settings, refresh }: { page: PageState | null; settings: Settings; refresh: () => void }) {
  const [note, setNote] = useState<string | null>(null);
  if (!page) return <p class="sn-note">Looking at this page…</p>;
  if (page.status === 'no-tab') return <p class="sn-message">There is no page to act on.</p>;
  if (page.status === 'unreachable') {
    return (
      <p class="sn-message" data-page="unreachable">
        Sidenote can’t reach this page. Browser pages and extension stores are off limits; a page that was open before
        Sidenote was installed or updated needs a reload.
      </p>
    );
  }
  const toggle = async (on: boolean) => {
    const reply = await sendToTab(page.tabId, 'toggleAnnotations', { on });
    setNote(reply.ok ? null : 'The page did not answer. Try reloading it.');
    refresh();
  };
  const reveal = async (id: string) => {
    const reply = await sendToTab(page.tabId, 'revealMention', { id });
    if (reply.ok && reply.value.found) {
      if (inToolbarPopup()) window.close(); // the card opens in the page; the popup would cover it
      return;
    }
    setNote('That mark is no longer on the page.');
    refresh();
  };

  const showPublisher = async () => {
    const reply = await sendToTab(page.tabId, 'showPublisher', {});
    if (reply.ok && reply.value.found) {
      if (inToolbarPopup()) window.close(); // the card opens in the page
      return;
    }
    setNote('Sidenote found no publisher on this page.');
  };

  const clickMode = settings.mode === 'click';
  let body: JSX.Element;
  if (!page.active) {
    body = (
      <p class="sn-message" data-page="inactive">
        {!settings.enabled
          ? 'Sidenote is off everywhere.'
          : clickMode
            ? 'Sidenote annotates a page when you ask.'
            : 'Sidenote is not running on this page.'}
      </p>
    );
  } else if (page.language && !page.language.reads) {
    body = (
      <p class="sn-message" data-page="language" data-language={page.language.code}>
        Sidenote reads English articles; this page is in {page.language.name}.
      </p>
    );
  } else if (!page.isArticle && page.mentions.length === 0) {
    body = (
      <p class="sn-message" data-page="not-article">
        This page doesn’t look like an article, so nothing is underlined.
        {settings.wholePage ? '' : ' Whole-page mode, in the options, annotates any page.'}
      </p>
    );
  } else {
    body = <MentionList mentions={page.mentions} onReveal={(id) => void reveal(id)} />;
  }
  return (
    <>
      {page.active && page.isArticle && settings.kinds.source ? (
        <button type="button" name="publisher" onClick={() => void showPublisher()}>
          About the publisher
        </button>
      ) : null}
      {body}
      {page.active && page.limits ? <Limits limits={page.limits} /> : null}
      {clickMode && settings.enabled ? (
        page.active ? (
          <button type="button" name="annotate-off" onClick={() => void toggle(false)}>
            Stop annotating this page
          </button>
        ) : (
          <button type="button" name="annotate" class="sn-primary" onClick={() => void toggle(true)}>
            Annotate this page
          </button>
        )
      ) : null}
      {note ? (
        <p class="sn-error" role="alert">
          {note}
        </p>
      ) : null}
    </>
  );
}

function CacheSection() {
  const [stats, setStats] = useState<CacheStats | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void readCache().then(setStats);
  }, []);
  const clear = async () => {
    setBusy(true);
    setStats(await readCache(true));
    setBusy(false);
  };
  const text =
    stats === undefined
      ? 'Cache: …'
      : stats === null
        ? 'Cache size unavailable'
        : `Cache: ${stats.entries} ${stats.entries === 1 ? 'entry' : 'entries'}, ${formatBytes(stats.bytes)}`;
  return (
    <div class="sn-cache">
      <span data-cache={stats === null ? 'unavailable' : stats ? 'ready' : 'loading'}>{text}</span>
      <button
        type="button"
        name="clear-cache"
        disabled={!stats || busy || stats.entries === 0}
        onClick={() => void clear()}
      >
        Clear cache
      </button>
    </div>
  );
}

/** The toolbar popup: on/off everywhere and for this site, which kinds show, and what the page holds. */
export function Popup(): JSX.Element {
  const [settings, store] = useSettings();
  const [saveError, setSaveError] = useState<string | null>(null);
  // Every change is validated before it is stored; one that cannot be (a site the schema
  // refuses, like a bare IPv6 address) is reported instead of failing silently.
  const update = (change: (s: Settings) => Settings) =>
    store(change).then(
      () => setSaveError(null),
      () => setSaveError('Not saved: Sidenote cannot store this change.'),
    );
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

  if (!settings) return <main class="sn-popup" aria-busy="true" />;

  const site = page && page.status !== 'no-tab' ? page.site : null;
  const setKind = (kind: keyof Settings['kinds']) => (on: boolean) =>
    void update((s) => ({ ...s, kinds: { ...s.kinds, [kind]: on } }));

  return (
    <main class="sn-popup">
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
      <section aria-label="What shows">
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
        <LineChoices compact value={settings.lines} onChange={(lines) => void update((s) => ({ ...s, lines }))} />
      </section>
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
