import type { DetectFn } from '../annotate/annotator';
import { sendToBackground } from '../messaging/channel';

/**
 * Detection through the background (lib/background/detect.ts); throws when it cannot answer.
 * A worker stopped mid-page is handled by the channel, which delivers the slice again.
 */
export const detectInBackground: DetectFn = async (text, options) => {
  const request = options.referenceDate ? { text, referenceDate: options.referenceDate } : { text };
  const reply = await sendToBackground('detectText', request);
  if (!reply.ok) throw new Error(`Detection failed: ${reply.error}`);
  return reply.value;
};

/** Lets the background build the detector's tables while the page still reads its blocks. */
export function warmDetection(): void {
  void sendToBackground('detectText', { text: 'Warm up.' });
}
