/**
 * Getting detection ready while the page part loads or reads its blocks: the background builds its
 * tables on the first text a worker sees, so the article's first slice then finds them warm. The
 * first script (lib/page/gate.ts, through the bare extension API) and the page part
 * (lib/page/start.ts, through the channel) send the same `detectText` message, a few words long.
 * No imports: the first script stays a few kilobytes.
 */

/** Sends the warm-up `detectText` request through `send`; its answer (or failure) is not waited for. */
export function warmDetection(send: (name: 'detectText', request: { text: string }) => Promise<unknown>): void {
  send('detectText', { text: 'Warm up.' }).catch(() => undefined);
}
