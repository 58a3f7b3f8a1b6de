import { createElement as h, type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { type Block, type Part, type StoryState, storyBlocks } from './story';

/** Where the article's state lives: outside React, so the page (and the test) can step it. */
export interface StoryStore {
  get(): StoryState;
  subscribe(listener: () => void): () => void;
}

/** A store that never changes: what the server renders from. */
export function fixedStore(state: StoryState): StoryStore {
  return { get: () => state, subscribe: () => () => {} };
}

// Written with createElement rather than JSX: the project's JSX is Preact's.
function renderPart(part: Part): ReactNode {
  if (part === null || typeof part === 'string') return part;
  return h('span', { className: 'badge' }, part.badge);
}

// Each part is its own child (a text node, the badge, or a hole), as `<p>{lead && '…'}Assad…</p>` would be.
const renderBlock = (block: Block) =>
  h(block.tag, { key: block.key, 'data-para': block.key }, ...block.parts.map(renderPart));

/** The story as a React 18 app: a headline, a byline, and paragraphs keyed by what they say. */
export function Article({ store, onMounted }: { store: StoryStore; onMounted?: () => void }) {
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  useEffect(() => onMounted?.(), [onMounted]);
  const [headline, ...rest] = storyBlocks(state);
  return h(
    'article',
    null,
    headline && renderBlock(headline),
    h(
      'div',
      { className: 'meta' },
      'By our Middle East correspondent · ',
      h('time', { dateTime: '2021-09-14T09:30:00+00:00' }, '14 September 2021'),
    ),
    rest.map(renderBlock),
  );
}
