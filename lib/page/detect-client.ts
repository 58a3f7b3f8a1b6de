import type { DetectFn } from '../annotate/annotator';
import { sendToBackground } from '../messaging/channel';

/**
 * A slice whose message failed is sent again this many times: a service worker the browser
 * stopped mid-page is started again by the next message, and a message in flight when it
 * stopped gets no answer.
 */
const RETRIES = 2;
const RETRY_WAIT_MS = 100;

/** Detection through the background (lib/background/detect.ts); throws when it cannot answer. */
export const detectInBackground: DetectFn = async (text, options) => {
  const request = options.referenceDate ? { text, referenceDate: options.referenceDate } : { text };
  for (let attempt = 0; ; attempt++) {
    const reply = await sendToBackground('detectText', request);
    if (reply.ok) return reply.value;
    if (attempt >= RETRIES) throw new Error(`Detection failed: ${reply.error}`);
    await new Promise((done) => setTimeout(done, RETRY_WAIT_MS * (attempt + 1)));
  }
};

/** Lets the background build the detector's tables while the page still reads its blocks. */
export function warmDetection(): void {
  void sendToBackground('detectText', { text: 'Warm up.' });
}
