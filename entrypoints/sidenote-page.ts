import type { PagePart } from '../lib/page/gate';
import { startPage } from '../lib/page/start';

/**
 * The page's side of Sidenote (settings, marks, the card layer's wiring), loaded by the first
 * script with `import()` on pages Sidenote works on. Built as an ES module: its default export is
 * what `main()` returns.
 */
export default defineUnlistedScript((): PagePart => ({ start: startPage }));
