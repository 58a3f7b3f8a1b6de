/**
 * The React page's script in the browser: renders the article (client mode) or hydrates the
 * server's markup (server mode, late: when the test says so, or after `data-hydrate` ms), ticks
 * the live line's clock every second, and exposes `window.__article` for the test.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { Article, type StoryStore } from './app';
import { applyStep, expectedTexts, INITIAL_STATE, type StoryState, tick } from './story';

/** What the page exposes to the test (see react.e2e.ts). */
export interface ArticleHandle {
  /** `server`: server markup not yet hydrated; `live`: React owns the article. */
  phase: 'server' | 'starting' | 'live';
  state(): StoryState;
  expected(): { key: string; text: string }[];
  step(n: number): void;
  hydrate(): void;
}

// The page's first script made the list (see RECORDER in serve.ts).
const problems = (window as unknown as { __problems: string[] }).__problems;
const root = document.getElementById('root')!;
const mode = root.dataset.mode === 'server' ? 'server' : 'client';

let state = INITIAL_STATE;
const listeners = new Set<() => void>();
const store: StoryStore = {
  get: () => state,
  subscribe: (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Every change is committed at once, so the DOM and `expected()` agree whenever a script looks. */
function set(next: StoryState): void {
  state = next;
  flushSync(() => {
    for (const listener of listeners) listener();
  });
}

const handle: ArticleHandle = {
  phase: mode === 'server' ? 'server' : 'starting',
  state: () => state,
  expected: () => expectedTexts(state),
  step: (n) => {
    if (handle.phase !== 'live') throw new Error(`step ${n} before React owns the article`);
    set(applyStep(state, n));
  },
  hydrate: () => {
    if (handle.phase !== 'server') return;
    handle.phase = 'starting';
    hydrateRoot(root, app(), { onRecoverableError: recoverable });
  },
};
(window as unknown as { __article: ArticleHandle }).__article = handle;

function recoverable(error: unknown): void {
  problems.push(`recoverable error: ${error instanceof Error ? error.message : String(error)}`);
}

function mounted(): void {
  if (handle.phase === 'live') return;
  handle.phase = 'live';
  setInterval(() => set(tick(state)), 1000);
}

const app = () => createElement(Article, { store, onMounted: mounted });

if (mode === 'client') createRoot(root, { onRecoverableError: recoverable }).render(app());
else if (root.dataset.hydrate !== 'manual') setTimeout(handle.hydrate, Number(root.dataset.hydrate) || 2500);
