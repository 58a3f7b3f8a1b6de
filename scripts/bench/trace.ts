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
  args?: { name?: string; data?: { url?: string }; chrome_mojo_event_info?: { mojo_interface_tag?: string } };
}

/** A message from the DevTools protocol: the test driver (Playwright) at work in the page. */
const isDriverMessage = (e: TraceEvent) =>
  e.name === 'Receive mojo message' &&
  e.args?.chrome_mojo_event_info?.mojo_interface_tag === 'blink.mojom.DevToolsSession';

/**
 * Which main-thread tasks the test driver caused: those that handle a DevTools message (an
 * `evaluate`, a polling check, Playwright installing its injected script). Script runs in them,
 * but it is not Sidenote's, so the benchmarks leave them out of "tasks running Sidenote".
 */
export function driverTasks(events: readonly TraceEvent[]): (task: TraceEvent) => boolean {
  const messages = events.filter(isDriverMessage);
  return (task) =>
    messages.some(
      (m) => m.pid === task.pid && m.tid === task.tid && m.ts >= task.ts && m.ts <= task.ts + (task.dur ?? 0),
    );
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
      if (
        (ev.name === 'RunTask' && ev.ph === 'X') ||
        ev.name === 'thread_name' ||
        scriptEvents.has(ev.name) ||
        isDriverMessage(ev)
      )
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
