/** How long one slice of work may hold the main thread, in ms: well under the 50 ms of a long task. */
export const SLICE_MS = 8;

/** Lets the page breathe: resolves in a new task, after input and rendering had their turn. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((done) => setTimeout(done, 0));
}

/** A clock that says when the current slice is used up. */
export class Slice {
  private started = performance.now();
  constructor(private budget = SLICE_MS) {}
  get spent(): boolean {
    return performance.now() - this.started > this.budget;
  }
  /** Yields when the slice is used up, then starts a new one. */
  async maybeYield(): Promise<void> {
    if (!this.spent) return;
    await yieldToMain();
    this.started = performance.now();
  }
  async yield(): Promise<void> {
    await yieldToMain();
    this.started = performance.now();
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
