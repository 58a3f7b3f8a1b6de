/**
 * Styles for the source cards, the figure checks and the publisher badge, added to the cards'
 * stylesheet in Sidenote's shadow root (see components/card-styles.ts for the variables).
 */
export const SOURCE_CARD_CSS = `
.sn-card { --sn-good: #2e7d32; --sn-warn: #b26a00; --sn-bad: #c62828; }
.sn-card[data-theme="dark"] { --sn-good: #81c784; --sn-warn: #f5b950; --sn-bad: #ff8a80; }
.sn-perennial-list { list-style: none; margin: 4px 0; padding: 0; display: grid; gap: 6px; }
.sn-status, .sn-verdict { display: inline-block; font-size: 11px; font-weight: 650; padding: 1px 6px; border-radius: 999px; border: 1px solid currentColor; }
.sn-status[data-status="generally-reliable"], .sn-verdict[data-verdict="agrees"] { color: var(--sn-good); }
.sn-status[data-status="no-consensus"], .sn-verdict[data-verdict="cannot-compare"] { color: var(--sn-warn); }
.sn-status[data-status="generally-unreliable"], .sn-status[data-status="deprecated"], .sn-status[data-status="blacklisted"], .sn-verdict[data-verdict="differs"] { color: var(--sn-bad); }
.sn-perennial-name { font-weight: 600; }
.sn-perennial-summary { margin: 2px 0; }
.sn-perennial-links, .sn-figure-tolerance, .sn-figure-reference { margin: 2px 0; font-size: 12px; color: var(--sn-muted); }
.sn-figure { margin: 4px 0 6px; }
.sn-source .sn-fact dd { overflow-wrap: anywhere; min-width: 0; }
.sn-figure-claimed, .sn-figure-message { margin: 2px 0; }
.sn-publisher-badge {
  all: unset; position: fixed; top: 0; left: 0; box-sizing: border-box; cursor: pointer; max-width: 240px;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  font: 600 11px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; letter-spacing: .02em;
  padding: 0 8px; border-radius: 999px; background: #eef5f1; color: #22583f; border: 1px solid #b7d3c4;
  opacity: .85;
}
.sn-publisher-badge[data-theme="dark"] { background: #1f2d27; color: #9fdcbc; border-color: #35584a; }
.sn-publisher-badge:hover, .sn-publisher-badge:focus-visible { opacity: 1; outline: 2px solid #2e7d5b; outline-offset: 1px; }
.sn-publisher-badge[hidden] { display: none; }
.sn-publisher-panel { position: fixed; top: 0; left: 0; width: max-content; max-width: min(360px, calc(100vw - 16px)); z-index: 2147483647; }
.sn-publisher-panel[hidden] { display: none; }
`;
