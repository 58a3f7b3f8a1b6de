/**
 * The one main-thread scheduler: every job that runs on the page's main thread in slices (the
 * finder's pass over the page, reading blocks, marking) gives the thread back here. Each job keeps
 * its own slice budget (the finder 6 ms, reading and marking 8 ms), passed in, so its timing is its own.
 */

/** How long one slice of work may hold the main thread, in ms: well under the 50 ms of a long task. */
export const SLICE_MS = 8;

/**
 * How long one slice of the finder may hold the main thread, in ms: the finder's budget per task
 * is 16 ms, and a slice ends only at its next pause point, a fraction of a millisecond later
 * (more on a cold start, before the code is compiled).
 */
export const FINDER_SLICE_MS = 6;

/** Lets the page breathe: resolves in a new task, after input and rendering had their turn. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((done) => setTimeout(done, 0));
}

/**
 * Waits until the page has drawn a frame, then resolves in a task after it: what the last slice
 * changed in the DOM is styled and laid out in that frame, so one frame never pays for several
 * slices' worth of marks. A hidden page draws no frames; there a plain task break is enough.
 */
export function yieldToFrame(doc: Document): Promise<void> {
  const view = doc.defaultView;
  if (!view?.requestAnimationFrame || doc.visibilityState === 'hidden') return yieldToMain();
  // A page that stops drawing (hidden mid-way, throttled frame) must not stall marking.
  return afterNextFrame(view, 100);
}

/**
 * Resolves in a task after the next frame has been drawn, or after `fallbackMs`, whichever is
 * first (a window that draws no frames waits the fallback).
 */
export function afterNextFrame(view: (Window & typeof globalThis) | null, fallbackMs: number): Promise<void> {
  return new Promise((done) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(fallback);
      done();
    };
    const fallback = setTimeout(finish, fallbackMs);
    view?.requestAnimationFrame?.(() => setTimeout(finish, 0));
  });
}

/** The most marking one frame may take, however costly its rendering (under the 50 ms of a long task). */
const MAX_FRAME_MARKING_MS = 24;

/**
 * How much marking one frame may take: marks placed in several tasks between two frames are all
 * styled and laid out in the one frame after them, so that frame's cost grows with every task.
 * `ready()` waits for the next frame once this frame's share is spent.
 *
 * The share is a slice (8 ms) while the frames after marking render quickly. Where each of them
 * costs much more whatever it holds (a wall of text is laid out whole for every change inside
 * it), the share grows with that cost, up to 24 ms, so fewer such frames are needed.
 */
export class FrameBudget {
  private used = 0;
  private watching = false;
  /** How long the last frame after marking took to style, lay out and paint, in ms. */
  private rendering = 0;
  constructor(
    private doc: Document,
    private base = SLICE_MS,
  ) {}

  /** This frame's share of marking, in ms. */
  get budget(): number {
    return Math.min(MAX_FRAME_MARKING_MS, Math.max(this.base, this.rendering / 3));
  }

  /** Resolves at once while this frame has budget left, else after the next frame. */
  async ready(): Promise<void> {
    if (this.used < this.budget) return;
    await yieldToFrame(this.doc);
    this.used = 0;
  }

  /** Marking time this frame has left, in ms. */
  left(): number {
    return Math.max(0, this.budget - this.used);
  }

  /** Counts marking time against the frame that will draw it, and times that frame's rendering. */
  spend(ms: number): void {
    this.used += ms;
    if (this.watching) return;
    const view = this.doc.defaultView;
    if (!view?.requestAnimationFrame) return;
    this.watching = true;
    // The frame's callbacks run before it styles the DOM: what is placed after this goes to the
    // next frame. A task posted here runs once the frame is drawn.
    view.requestAnimationFrame(() => {
      this.watching = false;
      this.used = 0;
      const began = performance.now();
      setTimeout(() => {
        this.rendering = performance.now() - began;
      }, 0);
    });
  }
}

/** A clock that says when the current slice is used up. */
export class Slice {
  private started = performance.now();
  constructor(private budget = SLICE_MS) {}
  /** Past the budget: where reading and marking give the thread back. */
  get spent(): boolean {
    return performance.now() - this.started > this.budget;
  }
  /** At the budget or past it: where the finder's steps give the thread back. */
  get reached(): boolean {
    return !(performance.now() - this.started < this.budget);
  }
  /** Yields when the slice is used up, then starts a new one. */
  async maybeYield(): Promise<void> {
    if (!this.spent) return;
    await yieldToMain();
    this.restart();
  }
  async yield(): Promise<void> {
    await yieldToMain();
    this.restart();
  }
  /** Starts a new slice now. */
  restart(): void {
    this.started = performance.now();
  }
}

/**
 * Work that can pause: each `yield` is a point where the page may be given the main thread back.
 * The same steps run to the end at once (`runSteps`, for Node and tests) or in slices of a few
 * milliseconds (`runSliced`, in the page), so both give the same answer.
 */
export type Steps<T> = Generator<void, T, undefined>;

/** Runs steps to the end in one go. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface SliceOptions {
  /** Stops the pass: the promise rejects with the signal's reason at the next pause. */
  signal?: AbortSignal | undefined;
  /** How long one slice may run, in ms (FINDER_SLICE_MS by default). */
  budgetMs?: number | undefined;
}

/** What `runSliced` returns when the page changed while the steps were paused. */
export const CHANGED = Symbol('changed');

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
  const slice = new Slice(budget);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (!slice.reached) continue;
    await yieldToMain();
    signal?.throwIfAborted();
    if (changed?.()) return CHANGED;
    slice.restart();
  }
}

/** Calls `fn` once `ms` have passed without another call; `cancel` drops a pending call. */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
  call.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
