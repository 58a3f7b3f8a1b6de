/** Timers, injected so tests can drive them with fake timers and the page uses the real ones. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The window's timers, looked up at each call (so fake timers installed later are used). */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long the page must be quiet before changed text is read again, in ms. */
export const DEFAULT_DEBOUNCE_MS = 250;
/**
 * The longest a change waits, however busy the page: a page that changes more than four times
 * a second never goes quiet for the debounce, and still gets its new text read within a second.
 */
export const MAX_WAIT_MS = 1000;
/** Past this many changed nodes waiting, one re-read of the whole article replaces them. */
export const MAX_PENDING = 500;

/** What the page changed since the last batch. */
export interface PageChanges {
  /** Nodes the page added or whose text it changed. */
  nodes: Node[];
  /** Elements the page removed nodes from. */
  removedFrom: Node[];
  /** Too many changes to follow one by one: read the whole article again. */
  overflow: boolean;
}

export interface FollowerOptions {
  debounceMs?: number;
  maxWaitMs?: number;
  maxPending?: number;
  clock?: Clock;
  /** Nodes that are Sidenote's own (its host): their changes are not the page's. */
  isOurs: (node: Node) => boolean;
  onChanges: (changes: PageChanges) => void;
}

/**
 * Follows the page's changes under `<body>`: collects what was added, rewritten or removed and
 * hands it over in batches, once the page has been quiet for the debounce, or at the latest
 * `maxWaitMs` after the first change of the batch. Sidenote writes nothing into the page, so every
 * record seen is the page's own.
 */
export class PageFollower {
  private observer: MutationObserver | null = null;
  private pending = new Set<Node>();
  private removedFrom = new Set<Node>();
  private overflow = false;
  private timer: unknown;
  private firstAt = -1;
  private readonly clock: Clock;

  constructor(
    private readonly doc: Document,
    private readonly options: FollowerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  get watching(): boolean {
    return this.observer !== null;
  }

  start(): void {
    const View = this.doc.defaultView as (Window & typeof globalThis) | null;
    if (this.observer || !View?.MutationObserver || !this.doc.body) return;
    this.observer = new View.MutationObserver((records) => this.take(records));
    this.observer.observe(this.doc.body, { childList: true, subtree: true, characterData: true });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.cancel();
    this.pending.clear();
    this.removedFrom.clear();
    this.overflow = false;
  }

  /** Adds elements to read again (text the page showed late), as if the page had added them. */
  note(nodes: Iterable<Node>): void {
    for (const node of nodes) this.add(node);
    this.schedule();
  }

  private add(node: Node): void {
    if (this.overflow) return;
    this.pending.add(node);
    if (this.pending.size + this.removedFrom.size > (this.options.maxPending ?? MAX_PENDING)) {
      this.overflow = true;
      this.pending.clear();
      this.removedFrom.clear();
    }
  }

  private take(records: MutationRecord[]): void {
    const { isOurs } = this.options;
    for (const r of records) {
      if (isOurs(r.target)) continue;
      if (r.type === 'characterData') this.add(r.target);
      else {
        for (const n of Array.from(r.addedNodes)) if (!isOurs(n)) this.add(n);
        if (!this.overflow && Array.from(r.removedNodes).some((n) => !isOurs(n))) this.removedFrom.add(r.target);
      }
    }
    if (this.pending.size || this.removedFrom.size || this.overflow) this.schedule();
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.firstAt = -1;
  }

  /** Debounced, with a maximum wait counted from the first change of the batch. */
  private schedule(): void {
    const now = this.clock.now();
    if (this.firstAt < 0) this.firstAt = now;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    const debounce = this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    const deadline = this.firstAt + (this.options.maxWaitMs ?? MAX_WAIT_MS);
    const wait = Math.max(0, Math.min(debounce, deadline - now));
    this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Hands the batch over now (also what the timer does). */
  flush(): void {
    this.timer = undefined;
    this.firstAt = -1;
    const changes: PageChanges = {
      nodes: [...this.pending],
      removedFrom: [...this.removedFrom],
      overflow: this.overflow,
    };
    this.pending.clear();
    this.removedFrom.clear();
    this.overflow = false;
    if (changes.nodes.length || changes.removedFrom.length || changes.overflow) this.options.onChanges(changes);
  }
}

/** Rewrites of one block within this window count towards backing off from it. */
const REWRITE_WINDOW_MS = 10_000;
/** A block rewritten this many times within the window is read again less and less often. */
const REWRITES_BEFORE_BACKOFF = 3;
/** The first wait once backing off, doubled at each further rewrite, up to the longest. */
const FIRST_BACKOFF_MS = 2000;
const LONGEST_BACKOFF_MS = 30_000;

/**
 * Backs off from what the page keeps rewriting (a live clock, a ticker): a text node or element
 * rewritten a few times is read again at once, then after a wait that doubles with every further
 * rewrite. Kept per node, so a paragraph whose clock ticks still has its sentence read at once.
 */
export class RewriteBackoff {
  private readonly seen = new WeakMap<Node, { times: number[]; wait: number }>();

  constructor(private readonly clock: Clock = systemClock) {}

  /** Notes a rewrite of `node` (a text node or an element): 0 to read it now, or how long to wait. */
  delay(node: Node): number {
    const now = this.clock.now();
    const entry = this.seen.get(node) ?? { times: [], wait: 0 };
    entry.times = entry.times.filter((t) => now - t < REWRITE_WINDOW_MS);
    entry.times.push(now);
    if (entry.times.length <= REWRITES_BEFORE_BACKOFF) entry.wait = 0;
    else entry.wait = entry.wait ? Math.min(LONGEST_BACKOFF_MS, entry.wait * 2) : FIRST_BACKOFF_MS;
    this.seen.set(node, entry);
    return entry.wait;
  }
}
