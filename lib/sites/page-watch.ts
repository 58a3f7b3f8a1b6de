/**
 * Whether the page changed while a sliced pass of the finder was paused (see `scanSliced` in
 * scan.ts): between two slices the page may add or remove content, and a `PageWatch` notices.
 */
import { isInsideOwnHost, isOwnElement } from './dom-rules';

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
