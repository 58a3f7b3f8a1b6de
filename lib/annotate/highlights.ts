/**
 * Marks as ranges in the page's CSS highlight registry (the CSS Custom Highlight API): the browser
 * draws the underlines, and nothing is inserted into, removed from or attributed on the page's
 * own nodes, so a page whose text a framework owns (React, Vue, Svelte) is never disturbed.
 *
 * Names people and user styles can rely on: a mark that shows its line is in `sidenote-<kind>`, a
 * mark without one in `sidenote-<kind>-quiet` (kind: entity, claim, disputed, source). The open
 * card's phrase is also in `sidenote-open`, the keyboard's current mark in `sidenote-focus`.
 *
 * Firefox lets a content script create, set, get, delete and clear highlights but not iterate the
 * registry or a highlight (Xray wrappers): which range is where is kept here, never read back.
 */

/** What a mark's line says: a name, a claim, a disputed claim, a cited source. */
export type HighlightKind = 'entity' | 'claim' | 'disputed' | 'source';
export const HIGHLIGHT_KINDS: readonly HighlightKind[] = ['entity', 'claim', 'disputed', 'source'];

/** The open card's phrase (a tint behind it). */
export const OPEN_HIGHLIGHT = 'sidenote-open';
/** The mark the keyboard is on (a stronger tint: the focus ring). */
export const FOCUS_HIGHLIGHT = 'sidenote-focus';

/** The registry name of a kind's marks, with or without their line. */
export function highlightName(kind: HighlightKind, quiet: boolean): string {
  return quiet ? `sidenote-${kind}-quiet` : `sidenote-${kind}`;
}

/** Every name Sidenote registers, for taking them all out (also what an earlier Sidenote left). */
export const HIGHLIGHT_NAMES: readonly string[] = [
  ...HIGHLIGHT_KINDS.flatMap((kind) => [highlightName(kind, false), highlightName(kind, true)]),
  OPEN_HIGHLIGHT,
  FOCUS_HIGHLIGHT,
];

/**
 * Where overlapping marks paint: a name inside a claim draws over the claim's line, and the open
 * and focused tints over both. Higher paints later.
 */
const PRIORITY: Record<string, number> = {
  claim: 1,
  disputed: 2,
  entity: 3,
  source: 4,
  [OPEN_HIGHLIGHT]: 5,
  [FOCUS_HIGHLIGHT]: 6,
};

/** One highlight: the few operations of the API's `Highlight` that Sidenote uses. */
export interface HighlightSet {
  add(range: Range): unknown;
  delete(range: Range): boolean;
  clear(): void;
  priority: number;
}

/** The page's registry (`CSS.highlights` and the `Highlight` constructor), or a stand-in without one. */
export interface HighlightPort {
  create(): HighlightSet;
  set(name: string, highlight: HighlightSet): void;
  delete(name: string): void;
}

type HighlightGlobals = {
  CSS?: { highlights?: { set(name: string, h: unknown): unknown; delete(name: string): boolean } };
  Highlight?: new (...ranges: Range[]) => HighlightSet;
};

/** The page's highlight registry, or null where the browser has none (Node, old browsers). */
export function pageHighlights(doc: Document): HighlightPort | null {
  const view = doc.defaultView as (Window & HighlightGlobals) | null;
  const registry = view?.CSS?.highlights;
  const Ctor = view?.Highlight;
  if (!registry || typeof Ctor !== 'function') return null;
  return {
    create: () => new Ctor(),
    set: (name, highlight) => {
      registry.set(name, highlight);
    },
    delete: (name) => {
      registry.delete(name);
    },
  };
}

/**
 * A registry kept in memory: where the browser has none (the command-line annotator and the
 * benchmarks in Node) marks are still tracked, only not drawn; unit tests read it.
 */
export class MemoryHighlights implements HighlightPort {
  readonly registered = new Map<string, Set<Range>>();

  create(): HighlightSet {
    const ranges = new Set<Range>();
    return Object.assign(ranges, { priority: 0 }) as unknown as HighlightSet;
  }

  set(name: string, highlight: HighlightSet): void {
    this.registered.set(name, highlight as unknown as Set<Range>);
  }

  delete(name: string): void {
    this.registered.delete(name);
  }

  /** The texts of the live, uncollapsed ranges under `name`, in the order they were added. */
  texts(name: string): string[] {
    return [...(this.registered.get(name) ?? [])].filter((r) => !r.collapsed).map((r) => r.toString());
  }
}

/**
 * Puts each mark's range in the one highlight it belongs to now, and takes them all out on
 * `clear()`. Highlights are created on first use and registered under their names.
 */
export class HighlightPainter {
  private readonly sets = new Map<string, HighlightSet>();
  private readonly where = new Map<Range, string>();

  constructor(readonly port: HighlightPort) {}

  private set(name: string): HighlightSet {
    let set = this.sets.get(name);
    if (!set) {
      set = this.port.create();
      const kind = name.replace(/^sidenote-/, '').replace(/-quiet$/, '');
      set.priority = PRIORITY[name] ?? PRIORITY[kind] ?? 0;
      this.sets.set(name, set);
      this.port.set(name, set);
    }
    return set;
  }

  /** Moves `range` into the highlight `name`, or out of every mark highlight (null). */
  paint(range: Range, name: string | null): void {
    const now = this.where.get(range);
    if (now === name) return;
    if (now) this.sets.get(now)?.delete(range);
    if (name) {
      this.set(name).add(range);
      this.where.set(range, name);
    } else this.where.delete(range);
  }

  /** The highlight a range is painted in now, if any. */
  nameOf(range: Range): string | undefined {
    return this.where.get(range);
  }

  /** Replaces what a state highlight (open, focus) holds. */
  only(name: string, ranges: readonly Range[]): void {
    const set = this.set(name);
    set.clear();
    for (const range of ranges) set.add(range);
  }

  /** Takes every highlight of Sidenote's out of the registry. */
  clear(): void {
    for (const name of this.sets.keys()) this.port.delete(name);
    this.sets.clear();
    this.where.clear();
  }
}
