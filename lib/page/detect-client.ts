import type { DetectFn, ReadPageFn } from '../annotate/annotator';
import { MAX_PAGE_CHARS } from '../contracts/detection';
import { sliceContext } from '../contracts/detection-slice';
import { sendToBackground } from '../messaging/channel';

/**
 * Detection through the background (lib/background/detect.ts); throws when it cannot answer.
 * A worker stopped mid-page is handled by the channel, which delivers the slice again. The
 * page's context goes with the slice, cut to the slice's own names.
 */
export const detectInBackground: DetectFn = async (text, options) => {
  const request: { text: string; referenceDate?: string; context?: ReturnType<typeof sliceContext> } = { text };
  if (options.referenceDate) request.referenceDate = options.referenceDate;
  if (options.context) request.context = sliceContext(options.context, options.offset ?? 0, text.length);
  const reply = await sendToBackground('detectText', request);
  if (!reply.ok) throw new Error(`Detection failed: ${reply.error}`);
  return reply.value;
};

/**
 * The context of a pass's whole text, read in the background; throws when it cannot answer.
 * Text beyond the cap is left out (slices there are read alone, as detection reads no further).
 */
export const readPageInBackground: ReadPageFn = async (text) => {
  const reply = await sendToBackground('readPage', { text: text.slice(0, MAX_PAGE_CHARS) });
  if (!reply.ok) throw new Error(`Reading the page failed: ${reply.error}`);
  return reply.value;
};
