/**
 * Steps on the page's timeline (User Timing marks and measures) for the benchmarks
 * (`npm run bench`, `bench:page`, `bench:profile`), and nothing in the builds readers install.
 *
 * A page can read every User Timing entry in its own document (`performance.getEntries()`): marks
 * named `sidenote-*` would tell any site that Sidenote is installed and how its pass went. They are
 * written only by a build made with `SIDENOTE_TIMING=1` (wxt.config.ts defines
 * `__SIDENOTE_TIMING__` from it; the bench scripts build that way). In any other build `TIMING` is
 * the constant `false` and the minifier drops the calls' bodies.
 */

declare const __SIDENOTE_TIMING__: boolean | undefined;

/** True only in a benchmark build. */
export const TIMING: boolean = typeof __SIDENOTE_TIMING__ !== 'undefined' && __SIDENOTE_TIMING__ === true;

/** Marks a step (`sidenote-<step>` by convention), now or at `startTime`; never in the way of the page. */
export function timelineMark(name: string, startTime?: number): void {
  if (!TIMING) return;
  try {
    performance.mark?.(name, startTime === undefined ? undefined : { startTime });
  } catch {
    // (A browser without User Timing level 3 options: the bench goes without this step.)
  }
}

/** Measures a span between two `performance.now()` times. */
export function timelineMeasure(name: string, start: number, end: number): void {
  if (!TIMING) return;
  try {
    performance.measure?.(name, { start, end });
  } catch {
    // As above.
  }
}
