import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DetectFn } from '../annotate/annotator';
import type { CardLayer } from './cards';
import type { PublisherBadge } from './publisher-badge';

/**
 * The content script comes in four files, which the browser evaluates in four tasks: WXT's entry
 * (`content.js`: the script's context, and the first task pays for setting up the isolated
 * world), the wiring (`sidenote-wiring.js`: settings, messages and their zod schemas),
 * detection with its word lists (`sidenote-detect.js`) and the cards with Preact and floating-ui
 * (`sidenote-cards.js`). One file would be compiled and run in one task as long as all of them
 * together. They hand what they export to each other through this slot on the content scripts'
 * own global object: the extension's isolated world, which the page's scripts never see.
 */
export interface Parts {
  context: ContentScriptContext;
  detect: { detect: DetectFn };
  cards: { CardLayer: typeof CardLayer; PublisherBadge: typeof PublisherBadge };
}

type Waiting = { [K in keyof Parts]?: ((part: Parts[K]) => void)[] };
interface Slot {
  parts: Partial<Parts>;
  waiting: Waiting;
}

const KEY = '__sidenoteParts';

function slot(): Slot {
  const global = globalThis as unknown as Record<string, Slot | undefined>;
  global[KEY] ??= { parts: {}, waiting: {} };
  return global[KEY];
}

/** Called by a part's own file when it is evaluated. */
export function providePart<K extends keyof Parts>(name: K, part: Parts[K]): void {
  const s = slot();
  s.parts[name] = part;
  const waiting = s.waiting[name] ?? [];
  delete s.waiting[name];
  for (const resolve of waiting) resolve(part);
}

/** A part, at once if its file has run, else when it does (files may run in any order). */
export function part<K extends keyof Parts>(name: K): Promise<Parts[K]> {
  const s = slot();
  const ready = s.parts[name];
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => {
    const list = (s.waiting[name] ?? []) as ((part: Parts[K]) => void)[];
    list.push(resolve);
    (s.waiting as Record<string, unknown>)[name] = list;
  });
}
