import type { CDPSession } from 'playwright-core';

/** One event of a Chromium trace (CDP `Tracing`), as the page benchmarks read them. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) duration, where the trace has it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

/**
 * Starts tracing a page's main-thread tasks and the script events named in `scriptEvents`, with
 * CPU (thread tick) metrics on, so other work on the machine does not count. `stop()` ends the
 * trace; `events` holds what it collected.
 */
export async function startTrace(
  cdp: CDPSession,
  scriptEvents: ReadonlySet<string>,
): Promise<{ events: TraceEvent[]; stop: () => Promise<void> }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value as unknown as TraceEvent[])
      if ((ev.name === 'RunTask' && ev.ph === 'X') || ev.name === 'thread_name' || scriptEvents.has(ev.name))
        events.push(ev);
  });
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  const stop = async () => {
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    await complete;
  };
  return { events, stop };
}
