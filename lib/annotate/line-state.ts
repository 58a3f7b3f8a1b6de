import type { ArticleBlock } from '../sites/blocks';
import type { PageMention } from './mentions';
import {
  articleLineInput,
  countSentences,
  countWords,
  type LineChoice,
  type LineInput,
  selectLines,
} from './select-marks';

/** What the reader sees without choosing: key claims, names at their first mention. */
export const DEFAULT_LINES: LineChoice = { claims: 'key', names: 'first' };

/** Cached block counts are dropped past this many texts (a page that keeps rewriting text). */
const MAX_COUNTED_TEXTS = 5000;

/**
 * Which marks show their line: the blocks read (in reading order), the mentions placed in them,
 * the reader's choice (`select-marks`) and the marks the reader asked to see. Lines are chosen
 * over the whole page, never per slice, so they never depend on which slice was read first.
 */
export class LineState {
  /** Every block read, with the mentions placed in it (marked, or about to be). */
  private blocks: ArticleBlock[] = [];
  /** Whether `blocks` is in reading order (false after text was added above earlier text). */
  private inOrder = true;
  private placedIn = new Map<string, { mention: PageMention; block: ArticleBlock }>();
  /** Marks that show a line by the reader's choice, and those the reader asked to see. */
  private lined = new Set<string>();
  private asked = new Set<string>();
  private counted = new Map<string, { sentences: number; words: number }>();

  constructor(private choice: LineChoice = DEFAULT_LINES) {}

  get lines(): LineChoice {
    return this.choice;
  }

  /** Whether a mention shows its line now (by the reader's choice, or because they asked for it). */
  shows(id: string): boolean {
    return this.lined.has(id) || this.asked.has(id);
  }

  /** The reader asked to see this mark (from the popup): it keeps its line. False if it already had. */
  ask(id: string): boolean {
    if (this.asked.has(id)) return false;
    this.asked.add(id);
    return true;
  }

  /** Sentence and word counts of a block text, counted once. */
  countsOf(text: string): { sentences: number; words: number } {
    let counts = this.counted.get(text);
    if (!counts) {
      counts = { sentences: countSentences(text), words: countWords(text) };
      if (this.counted.size > MAX_COUNTED_TEXTS) this.counted.clear();
      this.counted.set(text, counts);
    }
    return counts;
  }

  /** A mention placed in a block (before it is marked). */
  place(mention: PageMention, block: ArticleBlock): void {
    this.placedIn.set(mention.id, { mention, block });
  }

  /** The kind of a placed mention, if known. */
  kindOf(id: string): PageMention['kind'] | undefined {
    return this.placedIn.get(id)?.mention.kind;
  }

  /**
   * Adds one pass's blocks. The first pass reads the article in document order; a later one
   * keeps the list in order only if its blocks follow all earlier text (checked over its own
   * blocks, which are few, never over the whole page).
   */
  read(list: readonly ArticleBlock[]): void {
    if (this.blocks.length && this.inOrder) {
      const follows = (a: ArticleBlock | undefined, b: ArticleBlock | undefined) =>
        !a || !b || a.element === b.element || !!(a.element.compareDocumentPosition(b.element) & 4);
      const all = [this.blocks[this.blocks.length - 1], ...list];
      for (let i = 1; i < all.length && this.inOrder; i++) this.inOrder = follows(all[i - 1], all[i]);
    }
    this.blocks.push(...list);
  }

  /** Forgets mentions and the blocks of `elements` (the page removed or rewrote them). */
  forget(ids: Iterable<string>, elements: ReadonlySet<Element>): void {
    for (const id of ids) {
      this.placedIn.delete(id);
      this.lined.delete(id);
      this.asked.delete(id);
    }
    if (elements.size) this.blocks = this.blocks.filter((b) => !elements.has(b.element));
  }

  clear(): void {
    this.blocks = [];
    this.inOrder = true;
    this.placedIn.clear();
    this.lined.clear();
    this.asked.clear();
  }

  /**
   * The selection's input for each article on the page (the article and stories appended below
   * it, grouped by `rootOf`), blocks in reading order.
   */
  inputs(rootOf: (el: Element) => Element | undefined, kept?: ReadonlySet<string>): LineInput[] {
    if (!this.inOrder) {
      // Sorted by document position (stable: parts of one element keep their order).
      this.blocks.sort((a, b) =>
        a.element === b.element ? 0 : a.element.compareDocumentPosition(b.element) & 4 ? -1 : 1,
      );
      this.inOrder = true;
    }
    const groups = new Map<Element | undefined, ArticleBlock[]>();
    for (const block of this.blocks) {
      if (!block.element.isConnected) continue;
      const root = rootOf(block.element);
      const group = groups.get(root) ?? [];
      groups.set(root, group);
      group.push(block);
    }
    const perBlock = new Map<ArticleBlock, PageMention[]>();
    for (const { mention, block } of this.placedIn.values()) {
      const list = perBlock.get(block) ?? [];
      perBlock.set(block, list);
      list.push(mention);
    }
    return [...groups.values()].map((group) => {
      const placed = group.flatMap((block, index) =>
        (perBlock.get(block) ?? []).map((mention) => ({ mention, block: index })),
      );
      return articleLineInput(
        group,
        placed,
        this.choice,
        kept,
        (text) => this.countsOf(text).sentences,
        (text) => this.countsOf(text).words,
      );
    });
  }

  /**
   * Chooses the lines over every article and returns the ids whose line changed. `keep`: text
   * was added, so lines already shown stay; otherwise (the reader changed the choice) everything
   * is chosen afresh.
   */
  choose(rootOf: (el: Element) => Element | undefined, keep: boolean): string[] {
    const next = new Set<string>();
    for (const input of this.inputs(rootOf, keep ? this.lined : undefined))
      for (const id of selectLines(input)) next.add(id);
    const changed = [...next].filter((id) => !this.lined.has(id));
    for (const id of this.lined) if (!next.has(id)) changed.push(id);
    this.lined = next;
    return changed;
  }

  /** Changes the reader's choice; false when it is the same (the lines the reader sees stay). */
  setChoice(lines: LineChoice): boolean {
    if (this.choice.claims === lines.claims && this.choice.names === lines.names) return false;
    this.choice = { ...lines };
    return true;
  }
}
