import { CardLayer } from '../lib/page/cards';
import { PublisherBadge } from '../lib/page/publisher-badge';

/**
 * The cards (Preact, floating-ui), imported by the page part when it starts marking, so their
 * evaluation is a task of its own (see lib/page/parts.ts). An ES module: its default export is
 * what `main()` returns.
 */
export default defineUnlistedScript(() => ({ CardLayer, PublisherBadge }));
