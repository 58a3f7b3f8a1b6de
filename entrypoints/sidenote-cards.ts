import { CardLayer } from '../lib/page/cards';
import { providePart } from '../lib/page/parts';
import { PublisherBadge } from '../lib/page/publisher-badge';

/** The cards, evaluated by the browser in a task of its own (see lib/page/parts.ts). */
export default defineUnlistedScript(() => {
  providePart('cards', { CardLayer, PublisherBadge });
});
