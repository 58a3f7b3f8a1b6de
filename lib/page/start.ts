import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground, serveTab } from '../messaging/channel';
import type { Settings } from '../settings/schema';
import { loadSettings, runsOn, siteOf, watchSettings } from '../settings/store';

/** The element that hosts Sidenote's shadow root on a page; its attributes tell its state. */
export const HOST_TAG = 'sidenote-root';

/**
 * The content script's wiring: reads settings, proves the background answers, follows
 * setting changes live and tears everything down when the extension goes away.
 */
export async function startContent(ctx: ContentScriptContext): Promise<void> {
  const host = document.createElement(HOST_TAG);
  host.setAttribute('aria-hidden', 'true');
  host.style.display = 'none';
  document.documentElement.append(host);
  ctx.onInvalidated(() => host.remove());

  const site = siteOf(location.href) ?? '';
  let override: boolean | null = null;
  const apply = (settings: Settings) => {
    const active = override ?? runsOn(settings, site);
    host.dataset.sidenoteActive = String(active);
    host.dataset.sidenoteKinds = Object.entries(settings.kinds)
      .filter(([, on]) => on)
      .map(([kind]) => kind)
      .join(' ');
    void sendToBackground('pageReport', { entities: 0, claims: 0, active });
    return active;
  };

  let settings = await loadSettings();
  apply(settings);
  ctx.onInvalidated(
    watchSettings((next) => {
      settings = next;
      apply(next);
    }),
  );
  ctx.onInvalidated(
    serveTab({
      pageMentions: async () => ({
        site: site || null,
        active: host.dataset.sidenoteActive === 'true',
        isArticle: false,
        mentions: [],
      }),
      revealMention: async () => ({ found: false }),
      toggleAnnotations: async ({ on }) => {
        override = on ?? host.dataset.sidenoteActive !== 'true';
        return { active: apply(settings) };
      },
    }),
  );

  const pong = await sendToBackground('ping', {});
  host.dataset.sidenoteBackground = pong.ok ? `ok ${pong.value.version}` : `error ${pong.error}`;
}
