import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { MentionSummary } from '../contracts/tabs';
import { sendToTab } from '../messaging/channel';
import { MAX_LOOKUPS, MAX_MARKS } from '../page/budgets';
import type { Settings } from '../settings/schema';
import { countMentions, type PageState } from './page-state';
import { inToolbarPopup } from './toolbar';

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

function Limits({ limits }: { limits: NonNullable<ReadyPage['limits']> }) {
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

/** A page Sidenote can talk to. */
type ReadyPage = Extract<PageState, { status: 'ready' }>;

/** What the buttons of the page section ask the page: on or off here, show a mark, show the publisher. */
function pageActions(page: ReadyPage, setNote: (note: string | null) => void, refresh: () => void) {
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
  return { toggle, reveal, showPublisher };
}

/** The page's state in words (off here, another language, not an article), or its list of mentions. */
function PageBody(props: { page: ReadyPage; settings: Settings; onReveal: (id: string) => void }): JSX.Element {
  const { page, settings } = props;
  if (!page.active) {
    return (
      <p class="sn-message" data-page="inactive">
        {!settings.enabled
          ? 'Sidenote is off everywhere.'
          : settings.mode === 'click'
            ? 'Sidenote annotates a page when you ask.'
            : 'Sidenote is not running on this page.'}
      </p>
    );
  }
  if (page.language && !page.language.reads) {
    return (
      <p class="sn-message" data-page="language" data-language={page.language.code}>
        Sidenote reads English articles; this page is in {page.language.name}.
      </p>
    );
  }
  if (!page.isArticle && page.mentions.length === 0) {
    return (
      <p class="sn-message" data-page="not-article">
        This page doesn’t look like an article, so nothing is underlined.
        {settings.wholePage ? '' : ' Whole-page mode, in the options, annotates any page.'}
      </p>
    );
  }
  return <MentionList mentions={page.mentions} onReveal={props.onReveal} />;
}

/** In click mode: the button that starts or stops annotating this page. */
function AnnotateButton({ active, toggle }: { active: boolean; toggle: (on: boolean) => Promise<void> }): JSX.Element {
  return active ? (
    <button type="button" name="annotate-off" onClick={() => void toggle(false)}>
      Stop annotating this page
    </button>
  ) : (
    <button type="button" name="annotate" class="sn-primary" onClick={() => void toggle(true)}>
      Annotate this page
    </button>
  );
}

/** The popup's "On this page" part: what the page holds, or why it holds nothing. */
export function PageSection({
  page,
  settings,
  refresh,
}: {
  page: PageState | null;
  settings: Settings;
  refresh: () => void;
}) {
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
  const { toggle, reveal, showPublisher } = pageActions(page, setNote, refresh);
  return (
    <>
      {page.active && page.isArticle && settings.kinds.source ? (
        <button type="button" name="publisher" onClick={() => void showPublisher()}>
          About the publisher
        </button>
      ) : null}
      <PageBody page={page} settings={settings} onReveal={(id) => void reveal(id)} />
      {page.active && page.limits ? <Limits limits={page.limits} /> : null}
      {settings.mode === 'click' && settings.enabled ? <AnnotateButton active={page.active} toggle={toggle} /> : null}
      {note ? (
        <p class="sn-error" role="alert">
          {note}
        </p>
      ) : null}
    </>
  );
}
