/** Names Sidenote gives what it puts into a page (all `sidenote-` prefixed). */

/** The element that hosts Sidenote's shadow root on a page; its attributes tell its state. */
export const HOST_TAG = 'sidenote-root';
/** The `<style>` element that gives marks their look while Sidenote works on the page. */
export const STYLE_ID = 'sidenote-mark-style';
/** The lazily loaded parts, as built (wxt.config.ts lists them as web-accessible). */
export const PAGE_PART_FILE = '/sidenote-page.js';
export const CARDS_PART_FILE = '/sidenote-cards.js';
