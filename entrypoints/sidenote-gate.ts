import { extensionApi, startGate } from '../lib/page/gate';

/**
 * The first script, on every http(s) page (wxt.config.ts lists it in the manifest): it decides
 * whether this page is one Sidenote works on, and loads the rest only there (lib/page/gate.ts).
 */
export default defineUnlistedScript(() => {
  void startGate(extensionApi());
});
