import { computePosition, flip, offset, type ReferenceElement, shift, size } from '@floating-ui/dom';

/**
 * Places a card below its reference (above when there is no room), kept on screen, never
 * covering the reference, and no taller than the space it has. Fixed strategy: the card lives in
 * Sidenote's shadow root, outside the page's own positioned boxes.
 */
export function placeCard(reference: ReferenceElement, card: HTMLElement): void {
  void computePosition(reference, card, {
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [
      offset(6),
      flip({ padding: 8 }),
      shift({ padding: 8 }),
      size({
        padding: 8,
        apply: ({ availableHeight }) => {
          card.style.maxHeight = `${Math.max(120, Math.floor(availableHeight))}px`;
        },
      }),
    ],
  }).then(({ x, y }) => {
    card.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  });
}
