/**
 * Running the finder's steps (content-score.ts `Steps`) in the page in slices: the main thread is
 * given back whenever a slice's time is spent, so the finder never makes a long task of its own,
 * however big the page. Between slices the page may change its DOM; a `PageWatch` notices.
 */
import { yieldToMain } from '../annotate/queue';
import type { Steps } from './content-score';
import { isInsideOwnHost, isOwnElement } from './dom-rules';

/**
 * How long one slice of the finder may hold the main thread, in ms: the finder's budget per task
 * is 16 ms, and a slice ends only at its next pause point, a fraction of a millisecond later
 * (more on a cold start, before the code is compiled).
 */
export const FINDER_SLICE_MS = 6;

export interface SliceOptions {
  /** Stops the pass: the promise rejects with the signal's reason at the next pause. */
  signal?: AbortSignal | undefined;
  /** How long one slice may run, in ms (FINDER_SLICE_MS by default). */
  budgetMs?: number | undefined;
}

/** What `runSliced` returns when the page changed while the steps were paused. */
export const CHANGED = Symbol('changed');

const now = () => performance.now();

/**
 * Runs `steps` to the end, yielding to the page whenever a slice's time is spent. After each
 * pause, `changed()` (when given) is asked whether the page changed meanwhile; if it did, the
 * steps are dropped and CHANGED is returned, for the caller to start again.
 */
export async function runSliced<T>(
  steps: Steps<T>,
  options: SliceOptions & { changed?: (() => boolean) | undefined } = {},
): Promise<T | typeof CHANGED> {
  const budget = options.budgetMs ?? FINDER_SLICE_MS;
  const { signal, changed } = options;
  signal?.throwIfAborted();
  let began = now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (now() - began < budget) continue;
    await yieldToMain();
    signal?.throwIfAborted();
    if (changed?.()) return CHANGED;
    began = now();
  }
}

/** Whether a change is the page's: Sidenote putting in (or filling) its own host or style is not. */
const byPage = (record: MutationRecord) => {
  // Inside its own elements (the style in its host, and that style's text) Sidenote's changes are its own too.
  const target = record.target;
  if (isOwnElement(target) || isInsideOwnHost(target)) return false;
  for (const node of Array.from(record.addedNodes)) if (!isOwnElement(node)) return true;
  for (const node of Array.from(record.removedNodes)) if (!isOwnElement(node)) return true;
  return false;
};

/**
 * Notices elements and text the page adds or removes (a MutationObserver on the whole document,
 * child lists only): what makes a pass over the page stale. Attribute and text edits (a clock, a
 * class toggled on hover) are left out: they move scores by a few characters at most, and
 * counting them would make every busy page look changed. So are Sidenote's own elements, which
 * the page part puts in before it looks for the article.
 */
export class PageWatch {
  private dirty = false;
  private readonly observer: MutationObserver;

  private constructor(doc: Document, Observer: typeof MutationObserver) {
    this.observer = new Observer((records) => {
      if (records.some(byPage)) this.dirty = true;
    });
    this.observer.observe(doc.documentElement, { childList: true, subtree: true });
  }

  /** A watch on `doc`, or null where the DOM has no MutationObserver (linkedom in Node). */
  static start(doc: Document): PageWatch | null {
    const Observer = doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
    if (!Observer || !doc.documentElement) return null;
    return new PageWatch(doc, Observer);
  }

  /** Whether the page changed since the watch started or was last reset. */
  changed(): boolean {
    if (this.observer.takeRecords().some(byPage)) this.dirty = true;
    return this.dirty;
  }

  /** Counts changes from now on only. */
  reset(): void {
    this.observer.takeRecords();
    this.dirty = false;
  }

  stop(): void {
    this.observer.disconnect();
  }
}
