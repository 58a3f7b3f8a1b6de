/**
 * The finder's pass over a page: the scorer's plan and the article signals, as pausable steps run
 * at once or in slices of the main thread (started again when the page changed meanwhile), and
 * the hand-off of a finished pass from the first script to the page part.
 */

import { CHANGED, runSliced, type SliceOptions, type Steps } from '../annotate/queue';
import { type ContentPlan, planSteps } from './content-score';
import { PageWatch } from './page-watch';
import { type ArticleSignals, anySignal, signalsOf } from './signals';

/** What one pass of the finder learnt about a page: where its prose is, and why it is an article or not. */
export interface PageScan {
  plan: ContentPlan | null;
  signals: ArticleSignals;
}

/** The finder's pass as pausable steps: the one implementation, run at once or in slices. */
export function* scanSteps(doc: Document): Steps<PageScan> {
  const plan = doc.body ? yield* planSteps(doc.body) : null;
  return { plan, signals: yield* signalsOf(doc, plan) };
}

/**
 * How many times a sliced pass starts again because the page added or removed content while it
 * was paused. Past that, the last pass's answer is taken: a page that never stops changing (a
 * ticker, ads coming in) would otherwise never get one, and what it adds later is followed as
 * any later change is (the annotator's observer; a root the page takes out is found again).
 */
const MAX_RESTARTS = 2;

/** The pass in slices, started again (up to MAX_RESTARTS) when the page changed meanwhile. */
export async function scanSliced(
  doc: Document,
  slicing: SliceOptions,
): Promise<{ scan: PageScan; watch: PageWatch | null }> {
  const watch = PageWatch.start(doc);
  try {
    for (let restarts = 0; ; restarts++) {
      watch?.reset();
      const changed = watch && restarts < MAX_RESTARTS ? () => watch.changed() : undefined;
      const result = await runSliced(scanSteps(doc), { ...slicing, changed });
      if (result !== CHANGED) return { scan: result, watch };
    }
  } catch (error) {
    watch?.stop();
    throw error;
  }
}

/** How long a finished pass stays on offer to the page part before its watch ends, in ms. */
const HANDOFF_MS = 10_000;

/**
 * A pass the first script made (lib/page/gate.ts), offered to the page part so an article page
 * pays for one pass, not two: the two are separate bundles, each with its own copy of this module,
 * so the pass travels as a value. It is taken only while the page has added or removed nothing
 * since; otherwise, or where that cannot be known, the page part makes its own pass.
 */
export class ArticleScan {
  private timer: ReturnType<typeof setTimeout> | undefined;

  private scan: PageScan | null;

  constructor(
    readonly doc: Document,
    scan: PageScan,
    private watch: PageWatch | null,
  ) {
    this.scan = scan;
    this.isArticle = anySignal(scan.signals);
    if (watch) this.timer = setTimeout(() => this.release(), HANDOFF_MS);
  }

  /** Whether the page is an article, by this pass. */
  readonly isArticle: boolean;

  /** The pass, if it is of `doc` and the page has not changed since; it can be taken once. */
  take(doc: Document): PageScan | null {
    const fresh = doc === this.doc && this.watch !== null && !this.watch.changed() ? this.scan : null;
    this.release();
    return fresh;
  }

  /** Ends the watch and drops the pass. */
  release(): void {
    clearTimeout(this.timer);
    this.watch?.stop();
    this.watch = null;
    this.scan = null;
  }
}

/** The finder's pass over the page in slices, kept to be handed to the page part (`ArticleScan`). */
export async function scanArticle(doc: Document, slicing: SliceOptions = {}): Promise<ArticleScan> {
  const { scan, watch } = await scanSliced(doc, slicing);
  return new ArticleScan(doc, scan, watch);
}
