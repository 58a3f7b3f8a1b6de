import { detect, readPage } from '../detect/index';
import type { serveBackground } from '../messaging/channel';

type Handlers = Pick<Parameters<typeof serveBackground>[0], 'detectText' | 'readPage'>;

/**
 * Detection for the pages' slices of text. The detector and its word lists load with the
 * background (once per worker start, not once per tab); its lazy tables are built by the
 * first slice a worker is asked about.
 */
export function detectHandlers(): Handlers {
  return {
    detectText: async ({ text, referenceDate, context }) =>
      detect(text, { ...(referenceDate ? { referenceDate } : {}), ...(context ? { context } : {}) }),
    // The page's names and country, read once over its whole text before its slices come.
    readPage: async ({ text }) => readPage(text),
  };
}
