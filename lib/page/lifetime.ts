import browser from 'webextension-polyfill';

/** How often a page part checks that its extension is still there (Chromium keeps cut-off scripts running). */
const EXTENSION_CHECK_MS = 2000;

/**
 * The page part's one teardown list: everything that adds a listener, a timer or an element
 * registers how to undo it here, and `destroy()` undoes all of it, last first, once.
 *
 * It replaces WXT's content-script context, which announces each start to the page (a window
 * message and a document event named after the extension).
 */
export class Lifetime {
  private stops: (() => void)[] = [];
  private done = false;
  private readonly aborter = new AbortController();

  /** Aborted when this lifetime ends: for observers and timers that take a signal. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  get destroyed(): boolean {
    return this.done;
  }

  /** Registers an undo step; called at once when already destroyed. */
  add(stop: () => void): void {
    if (this.done) stop();
    else this.stops.push(stop);
  }

  /** A timer that ends with this lifetime. */
  every(ms: number, tick: () => void): void {
    const id = setInterval(tick, ms);
    this.add(() => clearInterval(id));
  }

  /**
   * Ends this lifetime when the extension goes away: Chromium keeps a content script running when
   * its extension is disabled, removed or updated, cut off from it; such a script notices within
   * two seconds (`runtime.id` is gone) and takes everything out.
   */
  endWithExtension(): void {
    this.every(EXTENSION_CHECK_MS, () => {
      let id: string | undefined;
      try {
        id = browser.runtime?.id;
      } catch {
        id = undefined;
      }
      if (!id) this.destroy();
    });
  }

  destroy(): void {
    if (this.done) return;
    this.done = true;
    this.aborter.abort();
    for (const stop of this.stops.reverse()) {
      try {
        stop();
      } catch (error) {
        console.warn('Sidenote: teardown step failed', error);
      }
    }
    this.stops = [];
  }
}
