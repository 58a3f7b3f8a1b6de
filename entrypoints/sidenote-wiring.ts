import { part } from '../lib/page/parts';
import { startContent } from '../lib/page/start';

/** The content script's wiring, evaluated by the browser in a task of its own (see lib/page/parts.ts). */
export default defineUnlistedScript(() => {
  // Started in a task after this file's own, which compiled and ran its modules.
  void part('context').then((ctx) => setTimeout(() => void startContent(ctx), 0));
});
