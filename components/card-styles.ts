/**
 * The cards' stylesheet, injected into Sidenote's shadow root. `:host { all: initial }` keeps
 * the page's styles out; nothing here can reach the page.
 */
export const CARD_CSS = `
:host { all: initial; }
.sn-layer { position: fixed; top: 0; left: 0; width: 0; height: 0; }
.sn-float { position: fixed; top: 0; left: 0; width: max-content; max-width: min(360px, calc(100vw - 16px)); z-index: 2147483647; }
.sn-float[hidden] { display: none; }
.sn-card {
  --sn-bg: #ffffff; --sn-fg: #1d232b; --sn-muted: #5b6672; --sn-border: #d5dbe1; --sn-link: #1f5fa8;
  --sn-entity: #2f6db5; --sn-claim: #b26a00; --sn-disputed: #c62828; --sn-source: #2e7d5b;
  box-sizing: border-box; width: 340px; max-width: 100%; max-height: inherit; overflow: auto;
  background: var(--sn-bg); color: var(--sn-fg); border: 1px solid var(--sn-border); border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0,0,0,.18), 0 1px 3px rgba(0,0,0,.12);
  padding: 10px 14px 12px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  text-align: left; outline: none;
}
.sn-card[data-theme="dark"] {
  --sn-bg: #1e232a; --sn-fg: #e6e9ed; --sn-muted: #a6b0bb; --sn-border: #3a434e; --sn-link: #8cbcf2;
  --sn-entity: #8cbcf2; --sn-claim: #f5b950; --sn-disputed: #ff8a80; --sn-source: #7fd1a8;
  box-shadow: 0 8px 28px rgba(0,0,0,.55);
}
.sn-card:focus-visible { outline: 2px solid var(--sn-link); outline-offset: 2px; }
.sn-card-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.sn-badge { font-size: 11px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--sn-entity); }
.sn-card[data-tone="claim"] .sn-badge { color: var(--sn-claim); }
.sn-card[data-tone="disputed"] .sn-badge { color: var(--sn-disputed); }
.sn-card[data-tone="source"] .sn-badge { color: var(--sn-source); }
.sn-close { all: unset; cursor: pointer; font-size: 18px; line-height: 1; padding: 2px 6px; border-radius: 4px; color: var(--sn-muted); }
.sn-close:hover, .sn-close:focus-visible { background: var(--sn-border); color: var(--sn-fg); }
.sn-title { margin: 2px 0 2px; font-size: 16px; line-height: 1.3; font-weight: 650; }
.sn-card[data-tone="claim"] .sn-title, .sn-card[data-tone="disputed"] .sn-title { font-size: 14px; font-weight: 500; font-style: italic; }
.sn-subtitle { margin: 0 0 6px; color: var(--sn-muted); }
.sn-body { display: flow-root; }
.sn-thumb { float: right; margin: 2px 0 6px 10px; max-width: 72px; max-height: 96px; border-radius: 6px; object-fit: cover; }
.sn-description { margin: 6px 0 4px; color: var(--sn-muted); }
.sn-extract { margin: 4px 0; display: -webkit-box; -webkit-line-clamp: 6; -webkit-box-orient: vertical; overflow: hidden; }
.sn-facts { margin: 8px 0 4px; display: grid; gap: 2px; }
.sn-fact { display: grid; grid-template-columns: 92px 1fr; gap: 8px; }
.sn-fact dt { color: var(--sn-muted); }
.sn-fact dd { margin: 0; }
.sn-asof { color: var(--sn-muted); }
.sn-section { margin-top: 8px; border-top: 1px solid var(--sn-border); padding-top: 6px; }
.sn-section-title { margin: 0 0 2px; font-size: 11px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--sn-muted); }
.sn-checks { margin: 4px 0; padding-left: 18px; }
.sn-rating { font-weight: 600; }
.sn-state { margin: 6px 0; color: var(--sn-muted); }
.sn-state[data-state="error"], .sn-state[data-state="offline"] { color: var(--sn-disputed); }
.sn-sources { margin: 8px 0 0; font-size: 12px; color: var(--sn-muted); }
a { color: var(--sn-link); }
.sn-spinner { display: inline-block; width: 10px; height: 10px; border: 2px solid var(--sn-border); border-top-color: var(--sn-link); border-radius: 50%; animation: sn-spin .8s linear infinite; vertical-align: -1px; }
@keyframes sn-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .sn-spinner { animation: none; } }
.sn-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
