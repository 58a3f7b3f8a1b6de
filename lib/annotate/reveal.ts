/**
 * Article text the page holds but does not show yet, watched until it shows.
 *
 * Pages hide their body until a script says so (anti-flicker snippets: `visibility: hidden`,
 * `display: none` on `<html>`/`<body>` until a class is set or a `<style>` is taken out, for
 * seconds), keep the rest of a story in a collapsed container until "read more", or in a
 * closed `<details>`. The annotator reads only what is shown, so such text is skipped when it
 * is read; this watch notes what was skipped and hands it back once the page shows it.
 *
 * Cheap by design: nothing at all on a page that shows its article; attribute observers on the
 * hidden elements and their ancestors only (no subtree), and a re-check with backoff for a
 * bounded time only when most of the article is hidden (reveals by stylesheet removal change no
 * attribute). Everything ends on `stop()`, on the signal, or at the time limits.
 */

/** Hidden text below this many characters is not worth watching (a menu, a tooltip). */
export const MIN_HIDDEN_CHARS = 400;
/** First re-check of a mostly hidden article, in ms; each next one waits `POLL_GROWTH` times longer. */
export const POLL_FIRST_MS = 250;
export const POLL_GROWTH = 1.5;
/**
 * Re-checks stop this long after they began, in ms: anti-flicker snippets give up after a few
 * seconds (Google Optimize after 4 s), pages that wait for a slow script a little longer.
 */
export const POLL_LIMIT_MS = 30_000;
/**
 * Attribute observers stop this long after they began, in ms. They cost nothing while the page
 * changes nothing, and a reader may open "read more" minutes after the page loaded.
 */
export const WATCH_LIMIT_MS = 10 * 60_000;
/** Attribute changes are looked at once the page has been quiet this long, in ms. */
const SETTLE_MS = 50;
/** At most this many elements get an attribute observer; beyond it the re-checks must do. */
const MAX_OBSERVED = 400;
/** The attributes through which pages show and hide things. */
const REVEAL_ATTRIBUTES = ['class', 'style', 'hidden', 'open'];
/**
 * Elements that markup may hide (the article finder skips them without asking layout): the
 * `hidden` attribute and inline `display`/`visibility`.
 */
const MARKUP_HIDDEN = '[hidden], [style*="display" i], [style*="visibility" i], [style*="content-visibility" i]';

export interface RevealWatchOptions {
  /** Whether an element is shown, by layout (the same test the annotator reads with). */
  isVisible: (element: Element) => boolean;
  /** Elements that were hidden when read and are shown now: read them again. */
  onReveal: (elements: Element[]) => void;
  /** The content script's signal: the watch ends with it. */
  signal?: AbortSignal;
}

/**
 * The elements not inside another of the list: a hidden element inside another comes back with
 * it. In document order an element's descendants follow it directly, so one pass does.
 */
function outermost(list: Element[]): Set<Element> {
  list.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
  const out = new Set<Element>();
  let outer: Element | null = null;
  for (const el of list) {
    if (outer?.contains(el)) continue;
    out.add(el);
    outer = el;
  }
  return out;
}

const collapsed = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;

/**
 * Notes the article's elements that were hidden when read, and calls `onReveal` with those the
 * page shows later. `note()` is called for each skipped element as the article is read;
 * `settle()` after each reading pass decides whether watching is worth it.
 */
export class RevealWatch {
  private hidden = new Set<Element>();
  private observer: MutationObserver | null = null;
  private observed = new Set<Node>();
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  private pollStarted = 0;
  private pollDelay = POLL_FIRST_MS;
  private stopped = false;
  private readonly onEvent = () => this.schedule();

  constructor(
    private doc: Document,
    private options: RevealWatchOptions,
  ) {
    options.signal?.addEventListener('abort', () => this.stop(), { once: true });
    if (options.signal?.aborted) this.stop();
  }

  /** Whether anything is being watched now (observers or re-checks running). */
  get watching(): boolean {
    return this.observer !== null || this.pollTimer !== undefined;
  }

  /** An element the annotator skipped because it was not shown. */
  note(element: Element): void {
    if (!this.stopped) this.hidden.add(element);
  }

  /**
   * After a reading pass over `scanned` (the elements it read), with `shownChars` the text it
   * found shown so far: also notes the elements under `scanned` that markup hides, then watches
   * if enough of the article's text is hidden, and re-checks on a timer if most of it is.
   */
  settle(scanned: Element[], shownChars: number): void {
    if (this.stopped) return;
    for (const root of scanned) {
      if (!root.isConnected) continue;
      for (const el of Array.from(root.querySelectorAll(MARKUP_HIDDEN)))
        if (!this.options.isVisible(el)) this.hidden.add(el);
    }
    this.hidden = outermost([...this.hidden].filter((el) => el.isConnected));
    let hiddenChars = 0;
    for (const el of this.hidden) hiddenChars += collapsed(el);
    if (hiddenChars < MIN_HIDDEN_CHARS) return;
    this.observe();
    if (hiddenChars > shownChars) this.poll();
  }

  /** Ends the watch for good: observers, timers and listeners go. */
  stop(): void {
    this.stopped = true;
    this.hidden.clear();
    this.end();
  }

  private end(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed.clear();
    for (const timer of [this.checkTimer, this.pollTimer, this.watchTimer]) clearTimeout(timer);
    this.checkTimer = this.pollTimer = this.watchTimer = undefined;
    this.doc.removeEventListener('transitionend', this.onEvent, true);
    this.doc.removeEventListener('animationend', this.onEvent, true);
  }

  /** Observes the attributes of each hidden element and its ancestors, and the head's stylesheets. */
  private observe(): void {
    const View = this.doc.defaultView as (Window & typeof globalThis) | null;
    if (!View?.MutationObserver) return;
    if (!this.observer) {
      this.observer = new View.MutationObserver(() => this.schedule());
      // A stylesheet taken out or switched off reveals without touching an attribute.
      if (this.doc.head) {
        this.observer.observe(this.doc.head, { childList: true });
        this.observed.add(this.doc.head);
      }
      // Reveals that fade or slide in end with these.
      this.doc.addEventListener('transitionend', this.onEvent, true);
      this.doc.addEventListener('animationend', this.onEvent, true);
      this.watchTimer = setTimeout(() => this.end(), WATCH_LIMIT_MS);
    }
    for (const el of this.hidden) {
      for (let node: Element | null = el; node; node = node.parentElement) {
        if (this.observed.has(node)) break;
        if (this.observed.size >= MAX_OBSERVED) return;
        this.observed.add(node);
        this.observer.observe(node, { attributes: true, attributeFilter: REVEAL_ATTRIBUTES });
      }
    }
  }

  /** Re-checks with backoff for a bounded time: for reveals no observer sees. */
  private poll(): void {
    if (this.pollTimer !== undefined || this.pollStarted) return;
    this.pollStarted = Date.now();
    const next = () => {
      this.pollTimer = undefined;
      this.check();
      if (this.stopped || !this.hidden.size || Date.now() - this.pollStarted >= POLL_LIMIT_MS) return;
      this.pollDelay *= POLL_GROWTH;
      this.pollTimer = setTimeout(next, this.pollDelay);
    };
    this.pollTimer = setTimeout(next, this.pollDelay);
  }

  /** A change that may have revealed something: checked once the page is quiet. */
  private schedule(): void {
    if (this.stopped || this.checkTimer !== undefined) return;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      this.check();
    }, SETTLE_MS);
  }

  /** Hands back the noted elements the page shows now; ends the watch when none are left. */
  private check(): void {
    if (this.stopped) return;
    const shown: Element[] = [];
    for (const el of this.hidden) {
      if (!el.isConnected) this.hidden.delete(el);
      else if (this.options.isVisible(el)) {
        this.hidden.delete(el);
        shown.push(el);
      }
    }
    if (!this.hidden.size) this.end();
    if (shown.length) this.options.onReveal(shown);
  }
}
