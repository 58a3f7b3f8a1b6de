import type { CardLayer } from './cards';
import { CARDS_PART_FILE } from './names';
import type { PublisherBadge } from './publisher-badge';

/** The cards' module, as `import()` gives it (entrypoints/sidenote-cards.ts). */
export interface CardsPart {
  CardLayer: typeof CardLayer;
  PublisherBadge: typeof PublisherBadge;
}

let cards: Promise<CardsPart> | undefined;

/**
 * The cards with Preact and floating-ui, loaded once per page when first needed. A file of its
 * own, so the browser compiles and runs it in a task of its own, not inside the page part's.
 * A failed load is tried again next time.
 */
export function loadCards(getURL: (path: string) => string): Promise<CardsPart> {
  cards ??= import(/* @vite-ignore */ getURL(CARDS_PART_FILE)).then(
    (m: { default: CardsPart }) => m.default,
    (error: unknown) => {
      cards = undefined;
      throw error;
    },
  );
  return cards;
}
