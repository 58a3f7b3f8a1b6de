import type { Detection, DetectOptions, PageContext } from '../contracts/detection';
import { addedArticles, type FoundArticle, findArticleSliced } from '../sites/article';
import { articleText } from '../sites/block-offsets';
import { type ArticleBlock, articleBlocks, closestBlockElement } from '../sites/blocks';
import { ELEMENT, isOwnHost } from '../sites/dom-rules';
import { type ArticleOptions, isAnnotatableAt } from '../sites/root-plan';
import type { ArticleScan } from '../sites/scan';
import { timelineMark, timelineMeasure } from '../timeline';
import {
  FOCUS_HIGHLIGHT,
  type HighlightKind,
  HighlightPainter,
  type HighlightPort,
  highlightName,
  MemoryHighlights,
  OPEN_HIGHLIGHT,
  pageHighlights,
} from './highlights';
import { LATE_ARTICLE_MS, saysArticle, shouldLookAgain } from './late-article';
import { DEFAULT_LINES, LineState } from './line-state';
import { type BlockRecord, isLive, isMarkLive, MarkIndex, type MarkRecord, rangesOf } from './mark-index';
import { MentionRegistry, type PageMention } from './mentions';
import { type Clock, type PageChanges, PageFollower, RewriteBackoff, systemClock } from './page-follower';
import { nearestFirst, planChunks, readBlocks } from './pass';
import { afterNextFrame, FrameBudget, Slice } from './queue';
import { RevealWatch } from './reveal';
import type { LineChoice, LineInput } from './select-marks';
import { kindOn, type MarkKinds } from './styles';

export { DEFAULT_LINES } from './line-state';

/**
 * Detection of one slice of the article's text. Asynchronous: on the page it is a message to the
 * background, which runs `detect` (lib/detect) there; tests and Node may pass `detect` itself.
 */
export type DetectFn = (text: string, options: DetectOptions) => Promise<Detection> | Detection;

/**
 * The context of a pass's whole text (its names, its country: lib/detect/page-context.ts), read
 * once before its slices are detected and handed to each, so what a slice finds never depends on
 * where it was cut or which slice went first. On the page, a message to the background.
 */
export type ReadPageFn = (text: string) => Promise<PageContext> | PageContext;

export interface AnnotatorOptions extends ArticleOptions {
  detect: DetectFn;
  /** Reads the page's context for `detect`; without it each slice is read alone. */
  readPage?: ReadPageFn;
  /** The article's publication date (YYYY-MM-DD), for relative dates. */
  referenceDate?: string;
  kinds: MarkKinds;
  /** Which mentions show a line (the rest stay marks without one until hovered, focused or asked for). */
  lines?: LineChoice;
  /**
   * Called once per pass, when its detection is all in and before any of it is marked, with every
   * mention found: what the page will show, known at once (for example to look its names up in
   * one batch rather than one per marking slice).
   */
  onDetected?: (mentions: PageMention[]) => void;
  /** Called after each batch of marks is placed, with the mentions it placed. */
  onMarked?: (mentions: PageMention[]) => void;
  /** Called after mentions were taken out because the page removed or rewrote their text. */
  onRemoved?: () => void;
  /** Called when a detection run throws: the page goes on without that chunk. */
  onError?: (error: unknown) => void;
  /** How long the page must be quiet before added or changed text is looked at, in ms. */
  debounceMs?: number;
  /** The content script's signal: watches that outlive a pass end with it. */
  signal?: AbortSignal;
  /** The first script's pass of the finder, taken over by the first look when the page is unchanged. */
  handed?: ArticleScan | undefined;
  /** The page's highlight registry; by default the document's (`CSS.highlights`), else one in memory. */
  highlights?: HighlightPort;
  /** Timers for following page changes (tests pass fake ones). */
  clock?: Clock;
  /** The most characters of article text read on one page (the page's budget); none by default. */
  maxChars?: number;
  /** The most marks placed on one page; none by default. */
  maxMarks?: number;
}

/** Blocks longer than this are read as several (at a text node's edge), to keep slices short. */
const MAX_BLOCK_CHARS = 6000;

/** The transient states that show a mark's line whatever the line choice. */
interface MarkStates {
  hover: string | null;
  open: string | null;
  focus: string | null;
}

/** The line a mention's kind draws (a disputed claim has its own). */
function highlightKindOf(mention: PageMention): HighlightKind {
  return mention.kind === 'claim' && mention.type === 'disputed' ? 'disputed' : mention.kind;
}

/**
 * Marks the article's mentions on a live page: reads the blocks in slices, runs detection over
 * chunks of blocks, registers each mention's range in the page's highlights nearest the viewport
 * first, follows text the page adds or rewrites, and takes every highlight out on `stop()`.
 * It never writes into the page's DOM.
 */
export class Annotator {
  readonly registry = new MentionRegistry();
  /** Every marked mention, by id. */
  readonly mentions = new Map<string, PageMention>();
  private readonly index = new MarkIndex();
  private readonly lines: LineState;
  private readonly painter: HighlightPainter;
  private readonly follower: PageFollower;
  private readonly backoff: RewriteBackoff;
  private readonly clock: Clock;
  /** Elements whose re-reading waits for their backoff, with the timer. */
  private readonly deferred = new Map<Element, unknown>();
  private states: MarkStates = { hover: null, open: null, focus: null };
  private stopped = false;
  /** Every annotated region: the article, and further articles the page appended. */
  private roots: Element[] = [];
  private frame: FrameBudget;
  root: Element | null = null;
  isArticle = false;
  /** Resolves when the first pass over the article is complete. */
  done: Promise<void> = Promise.resolve();
  /** Whether the page's budgets cut reading (text) or marking (marks) short. */
  readonly limited = { text: false, marks: false };

  private options: AnnotatorOptions;
  /** Ends a finder pass still running in slices when Sidenote stops. */
  private readonly finding = new AbortController();
  /** Article text skipped because the page did not show it yet (see reveal.ts). */
  private reveal: RevealWatch | null = null;
  /** Characters of shown article text read so far. */
  private shownChars = 0;
  /** Until when added content may bring the article, while none or only a thin one was found (see late-article.ts). */
  private lateUntil = 0;
  /** While the first pass runs: its steps are noted on the page's timeline (read by `npm run bench:page`). */
  private timing = true;
  /** A pass over changed text is running; changes meanwhile wait for it. */
  private following: Promise<void> = Promise.resolve();

  constructor(
    private doc: Document,
    options: AnnotatorOptions,
  ) {
    this.options = { maxBlockChars: MAX_BLOCK_CHARS, ...options };
    this.clock = options.clock ?? systemClock;
    this.lines = new LineState(options.lines ?? DEFAULT_LINES);
    this.painter = new HighlightPainter(options.highlights ?? pageHighlights(doc) ?? new MemoryHighlights());
    this.backoff = new RewriteBackoff(this.clock);
    this.follower = new PageFollower(doc, {
      debounceMs: options.debounceMs,
      clock: this.clock,
      isOurs: (node) => this.isOurs(node),
      onChanges: (changes) => {
        this.following = this.following.then(() => this.onChanges(changes));
      },
    });
    if (options.signal?.aborted) this.finding.abort();
    else options.signal?.addEventListener('abort', () => this.finding.abort(), { once: true });
    this.frame = new FrameBudget(doc);
    const isVisible = options.isVisible;
    if (isVisible) {
      const reveal = new RevealWatch(doc, {
        isVisible,
        onReveal: (els) => {
          if (!this.stopped) this.follower.note(els);
        },
        signal: options.signal,
      });
      this.reveal = reveal;
      // What reading skips as hidden is noted, to be read again once the page shows it.
      this.options.isVisible = (el) => {
        if (isVisible(el)) return true;
        reveal.note(el);
        return false;
      };
    }
  }

  /** Finds the article and marks it; resolves when the first pass is complete (or nothing to do). */
  start(): Promise<void> {
    this.done = this.run().finally(() => {
      this.timing = false;
    });
    return this.done;
  }

  /** Resolves once the page changes seen so far have been read (for tests and benchmarks). */
  settled(): Promise<void> {
    this.follower.flush();
    return this.following;
  }

  /**
   * The finder, in slices of the main thread (the first look takes over the first script's pass
   * when the page is unchanged). Undefined when Sidenote stopped meanwhile.
   */
  private async find(): Promise<FoundArticle | null | undefined> {
    const handed = this.options.handed;
    this.options.handed = undefined;
    try {
      const found = await findArticleSliced(this.doc, this.options, { signal: this.finding.signal, handed });
      return this.stopped ? undefined : found;
    } catch (error) {
      if (this.finding.signal.aborted) return undefined;
      throw error;
    }
  }

  private async run(): Promise<void> {
    const found = await this.find();
    if (found === undefined) return;
    this.isArticle = found?.isArticle ?? false;
    if (!this.options.wholePage) this.lateUntil = Date.now() + LATE_ARTICLE_MS;
    if (!found) {
      // An article by its metadata with no body yet: the page may render the story later.
      if (!this.options.wholePage && saysArticle(this.doc)) this.follower.start();
      return;
    }
    // (findArticle reads markup only; nothing here needs layout yet.)
    this.root = found.root;
    this.roots = [found.root];
    this.phase('found');
    this.follower.start();
    // Reading where blocks are must not force the page's first layout inside our task: wait
    // for a frame to have been drawn (or a moment, in a background tab that draws none).
    await afterNextFrame(this.doc.defaultView, 200);
    if (this.stopped) return;
    await this.annotate(articleBlocks(found.root, this.options));
    if (!this.stopped) this.reveal?.settle([found.root], this.shownChars);
  }

  /** Notes a step of the first pass on the page's timeline; later passes add nothing there. */
  private phase(name: string): void {
    if (this.timing) timelineMark(`sidenote-${name}`);
  }

  /** Takes every mark out of the page's highlights: the page is as it was (its DOM was never touched). */
  stop(): void {
    this.stopped = true;
    this.finding.abort();
    this.reveal?.stop();
    this.follower.stop();
    for (const timer of this.deferred.values()) this.clock.clearTimeout(timer);
    this.deferred.clear();
    this.roots = [];
    this.painter.clear();
    this.index.clear();
    this.mentions.clear();
    this.lines.clear();
    this.states = { hover: null, open: null, focus: null };
  }

  /** The live range a mention covers (its first, where it has several), if it is still on the page. */
  rangeOf(id: string): Range | undefined {
    return this.rangesOf(id)[0];
  }

  /** Every live range a mention covers (one, unless text the block leaves out sits inside it). */
  rangesOf(id: string): Range[] {
    return this.index.get(id)?.ranges.filter(isLive) ?? [];
  }

  /** Mentions of the kinds shown, in document order (sorted once per change). */
  visibleMentions(): PageMention[] {
    const kinds = this.options.kinds;
    return this.index
      .inOrder()
      .map((m) => m.mention)
      .filter((m) => kindOn(kinds, m.kind));
  }

  /**
   * The shown mentions under the point (x, y), innermost first; `target` is the element there
   * (the pointer event's target), which narrows the search to its block's marks.
   */
  mentionsAt(target: Node | null, x: number, y: number): PageMention[] {
    const kinds = this.options.kinds;
    return this.index
      .at(target, x, y)
      .map((m) => m.mention)
      .filter((m) => kindOn(kinds, m.kind));
  }

  /** How many entities (distinct) and claims are marked and shown, without sorting anything. */
  counts(): { entities: number; claims: number; mentions: number } {
    const kinds = this.options.kinds;
    const entities = new Set<string>();
    let claims = 0;
    let mentions = 0;
    for (const m of this.mentions.values()) {
      if (!kindOn(kinds, m.kind)) continue;
      mentions += 1;
      if (m.entity) entities.add(m.entity.pageEntityId);
      else if (m.kind === 'claim') claims += 1;
    }
    return { entities: entities.size, claims, mentions };
  }

  /** Shows or hides kinds live: hidden kinds leave the highlights and the keyboard order. */
  setKinds(kinds: MarkKinds): void {
    this.options.kinds = kinds;
    for (const mark of this.index.values()) this.paint(mark);
  }

  /** Whether a mention shows its line now (by the reader's choice, or because they asked for it). */
  showsLine(id: string): boolean {
    return this.lines.shows(id);
  }

  /** Gives a mention its line for good: the reader asked for it (revealed from the popup). */
  showLine(id: string): void {
    if (this.lines.ask(id)) this.paintId(id);
  }

  /** Changes which mentions show a line, live: chosen afresh over the whole page. */
  setLines(lines: LineChoice): void {
    // Another setting changed: the lines the reader sees stay as they are.
    if (!this.lines.setChoice(lines)) return;
    this.chooseLines(false);
  }

  /**
   * The mark under the pointer, the open card's and the keyboard's: each shows its line while
   * so, and the open and focused ones are tinted (`sidenote-open`, `sidenote-focus`).
   */
  setState(change: Partial<MarkStates>): void {
    const before = this.states;
    this.states = { ...before, ...change };
    const touched = new Set<string>();
    for (const key of ['hover', 'open', 'focus'] as const) {
      if (before[key] === this.states[key]) continue;
      if (before[key]) touched.add(before[key]!);
      if (this.states[key]) touched.add(this.states[key]!);
    }
    for (const id of touched) this.paintId(id);
    const ranges = (id: string | null) => (id ? this.rangesOf(id) : []);
    if (before.open !== this.states.open) this.painter.only(OPEN_HIGHLIGHT, ranges(this.states.open));
    if (before.focus !== this.states.focus) this.painter.only(FOCUS_HIGHLIGHT, ranges(this.states.focus));
  }

  /** The highlight a mention's range is in now (for tests and the popup), if any. */
  highlightOf(id: string): string | undefined {
    const range = this.index.get(id)?.ranges[0];
    return range ? this.painter.nameOf(range) : undefined;
  }

  /**
   * The line selection's input for each article on the page (the article, and stories the page
   * appended below it), with its blocks in reading order: for `chooseLines` and the benchmark.
   */
  lineInputs(kept?: ReadonlySet<string>): LineInput[] {
    return this.lines.inputs((el) => this.rootOf(el), kept);
  }

  /**
   * Chooses the lines over every article on the page and repaints the marks whose line changed.
   * `keep`: text was added, so lines already shown stay (nothing the reader sees disappears);
   * otherwise (the reader changed the choice) everything is chosen afresh.
   */
  private chooseLines(keep: boolean): void {
    for (const id of this.lines.choose((el) => this.rootOf(el), keep)) this.paintId(id);
  }

  private paintId(id: string): void {
    const mark = this.index.get(id);
    if (mark) this.paint(mark);
  }

  /** Puts a mark's range in the highlight it belongs to now (none when its kind is hidden). */
  private paint(mark: MarkRecord): void {
    const { mention } = mark;
    const { hover, open, focus } = this.states;
    const id = mention.id;
    const lined = this.lines.shows(id) || hover === id || open === id || focus === id;
    const name = kindOn(this.options.kinds, mention.kind) ? highlightName(highlightKindOf(mention), !lined) : null;
    for (const range of mark.ranges) this.painter.paint(range, name);
  }

  /**
   * Reads all blocks first (in slices, and before any mark, so measuring where each block is
   * forces no layout), then runs detection chunk by chunk, starting at the viewport and going on
   * down the page, then back to the top, and marks each chunk nearest the viewport first.
   */
  private async annotate(blocks: Iterable<ArticleBlock>): Promise<void> {
    const room = (this.options.maxChars ?? Number.POSITIVE_INFINITY) - this.shownChars;
    const read = await readBlocks(this.doc, blocks, {
      known: (el) => !!this.index.block(el),
      room,
      stopped: () => this.stopped,
      onBlock: (block) => {
        this.shownChars += block.text.length;
        // Counted here, slice by slice, rather than all at once when the lines are chosen.
        this.lines.countsOf(block.text);
      },
    });
    if (read.capped) this.limited.text = true;
    const { blocks: list, distance } = read;
    if (this.stopped || !list.length) return;
    this.phase('read');
    const slice = new Slice();
    // Detection over the whole pass first (every slice asked of the background at once, placed in
    // the registry in order), then the choice of lines over the whole article, then marking:
    // which mentions show a line never depends on which slice was marked first.
    const page = articleText(list);
    const context = await this.readPage(page.text);
    if (this.stopped) return;
    const results = planChunks(list, distance).map((chunk) =>
      this.detectText(
        chunk.map((i) => list[i]!),
        chunk.map((i) => distance[i]!),
        { context, offset: page.starts[chunk[0]!]!, at: chunk[0]! },
      ),
    );
    const detected: { blocks: ArticleBlock[]; distance: number[]; placed: PageMention[] }[] = [];
    for (const result of results) {
      const found = await result;
      if (this.stopped) return;
      if (!found) continue;
      await slice.maybeYield();
      if (this.stopped) return;
      const placed = this.registry.place(
        found.detection,
        found.starts,
        found.blocks.map((b) => b.text.length),
        0,
        found.at,
      );
      for (const m of placed) this.lines.place(m, found.blocks[m.block]!);
      detected.push({ blocks: found.blocks, distance: found.distance, placed });
    }
    this.phase('detected');
    this.lines.read(list);
    // The pass's entities decided again in reading order, whichever slice came back first.
    const settled = this.registry.settle();
    this.options.onDetected?.(settled);
    this.chooseLines(true);
    this.phase('lines');
    for (const chunk of detected) {
      await slice.yield();
      if (this.stopped) return;
      await this.markChunk(chunk);
    }
  }

  /** The context of a pass's text; undefined without `readPage` or when it failed (slices are then read alone). */
  private async readPage(text: string): Promise<PageContext | undefined> {
    if (!this.options.readPage || !text) return undefined;
    try {
      return await this.options.readPage(text);
    } catch (error) {
      if (!this.stopped) this.options.onError?.(error);
      return undefined;
    }
  }

  /**
   * Sends one slice's text to detection, with the pass's context and where the slice starts in
   * the pass's text (`offset`) and blocks (`at`); null when detection failed (reported, and the page goes on).
   */
  private async detectText(
    blocks: ArticleBlock[],
    distance: number[],
    slice: { context: PageContext | undefined; offset: number; at: number },
  ): Promise<{
    blocks: ArticleBlock[];
    distance: number[];
    starts: number[];
    at: number;
    detection: Detection;
  } | null> {
    const { text, starts } = articleText(blocks);
    const began = performance.now();
    try {
      const options: DetectOptions = { referenceDate: this.options.referenceDate };
      if (slice.context) Object.assign(options, { context: slice.context, offset: slice.offset });
      const detection = await this.options.detect(text, options);
      timelineMeasure('sidenote-detect', began, performance.now());
      return { blocks, distance, starts, at: slice.at, detection };
    } catch (error) {
      if (!this.stopped) this.options.onError?.(error);
      return null;
    }
  }

  /** Registers one slice's marks, nearest the viewport first, about one frame's share at a time. */
  private async markChunk({
    blocks,
    distance,
    placed,
  }: {
    blocks: ArticleBlock[];
    distance: number[];
    placed: PageMention[];
  }): Promise<void> {
    const perBlock = new Map<number, PageMention[]>();
    for (const m of placed) {
      const list = perBlock.get(m.block) ?? [];
      perBlock.set(m.block, list);
      list.push(m);
    }
    const order = nearestFirst(distance);
    let at = 0;
    while (at < order.length) {
      // Each frame paints about one slice of new marks, however many detection runs went between.
      await this.frame.ready();
      if (this.stopped) return;
      const markStart = performance.now();
      const room = this.frame.left();
      const batch: PageMention[] = [];
      while (at < order.length) {
        const index = order[at++]!;
        batch.push(...this.markBlock(blocks[index]!, perBlock.get(index) ?? []));
        if (performance.now() - markStart >= room) break;
      }
      const markEnd = performance.now();
      this.frame.spend(markEnd - markStart);
      timelineMeasure('sidenote-mark', markStart, markEnd);
      if (batch.length) this.options.onMarked?.(batch);
    }
  }

  /** Registers a block's marks (a live range each); returns the mentions marked. */
  private markBlock(block: ArticleBlock, mentions: readonly PageMention[]): PageMention[] {
    if (!block.element.isConnected) return [];
    const record = this.index.read(block.element, block.text);
    const marked: PageMention[] = [];
    for (const mention of mentions) {
      if (this.options.maxMarks !== undefined && this.index.size >= this.options.maxMarks) {
        this.limited.marks = true;
        break;
      }
      const ranges = rangesOf(block, mention.start, mention.end);
      if (!ranges.length) continue;
      const mark = this.index.add(mention, ranges, record);
      this.mentions.set(mention.id, mention);
      this.paint(mark);
      marked.push(mention);
    }
    return marked;
  }

  // -------------------------------------------------------------------------------------------
  // Pages that change

  /** Sidenote's own nodes (its host on `<html>`, which the observer of `<body>` never sees anyway). */
  private isOurs(node: Node): boolean {
    return node.nodeType === ELEMENT && isOwnHost(node as Element);
  }

  /** The annotated region that holds `node`, if any. */
  private rootOf(node: Node): Element | undefined {
    if (this.roots.length === 1) return this.roots[0]!.contains(node) ? this.roots[0] : undefined;
    return this.roots.find((root) => root.contains(node));
  }

  /** Takes blocks' marks out of the highlights and drops what was known about them. */
  private forget(records: readonly BlockRecord[]): void {
    if (!records.length) return;
    const gone = this.index.forget(records);
    for (const mark of gone) {
      for (const range of mark.ranges) this.painter.paint(range, null);
      this.mentions.delete(mark.mention.id);
      for (const key of ['hover', 'open', 'focus'] as const)
        if (this.states[key] === mark.mention.id) this.setState({ [key]: null });
    }
    this.lines.forget(
      gone.map((m) => m.mention.id),
      new Set(records.map((r) => r.element)),
    );
    this.options.onRemoved?.();
  }

  /** The element's own text as reading sees it now (its blocks joined). */
  private ownText(element: Element): string {
    const parts: string[] = [];
    for (const block of articleBlocks(element, { ...this.options, isVisible: undefined }))
      if (block.element === element) parts.push(block.text);
    return parts.join('\n');
  }

  /**
   * Looks at what the page added, changed or removed: new blocks are marked, rewritten blocks
   * read and marked again (a block the page keeps rewriting less and less often), removed blocks
   * forgotten (their mentions leave the counts and the popup's list), and a further article the
   * page appends (the next story) is annotated as well. Nothing is ever written back.
   */
  private async onChanges({ nodes, removedFrom, overflow }: PageChanges): Promise<void> {
    if (this.stopped || (!this.root && !this.lateUntil)) return;
    // What the page took out leaves what Sidenote knows.
    this.forget(this.index.allBlocks().filter((r) => !r.element.isConnected));
    this.roots = this.roots.filter((root) => root.isConnected);
    if (shouldLookAgain(this.lateUntil, this.shownChars)) {
      await this.lookAgain();
      if (this.stopped) return;
    }
    if (!this.root) return;
    if (!this.root.isConnected) {
      await this.findSwappedArticle();
      return;
    }
    const { changed, fresh } = this.sortChanges(nodes, removedFrom, overflow);
    if (!(await this.dropRewritten(changed, fresh))) return;
    await this.readAgain([...fresh]);
  }

  /** The page swapped its article out (single-page navigation): find the new one. */
  private async findSwappedArticle(): Promise<void> {
    const found = await this.find();
    if (found === undefined) return;
    this.isArticle = found?.isArticle ?? false;
    if (!found) {
      this.roots = [];
      return;
    }
    await this.adoptRoot(found.root);
  }

  /**
   * What the page's changes touch: known blocks whose text may have changed (with the nodes that
   * changed them), and elements to read afresh (new blocks, articles the page added).
   */
  private sortChanges(
    nodes: readonly Node[],
    removedFrom: readonly Node[],
    overflow: boolean,
  ): { changed: Map<BlockRecord, Node[]>; fresh: Set<Element> } {
    const changed = new Map<BlockRecord, Node[]>();
    const fresh = new Set<Element>();
    if (overflow) {
      // Too much changed to follow node by node: every block is checked, and the article read again.
      for (const record of this.index.allBlocks()) changed.set(record, []);
      for (const root of this.roots) fresh.add(root);
    }
    const inScope = (node: Node, root: Element) => isAnnotatableAt(node, root, this.options);
    for (const node of nodes) {
      if (!node.isConnected) continue;
      const root = this.rootOf(node);
      if (!root) {
        // Outside every annotated region: the page may have appended the next article.
        if (this.options.wholePage || !this.isArticle) continue;
        for (const article of addedArticles(node, this.options)) {
          if (this.roots.some((r) => r.contains(article) || article.contains(r))) continue;
          this.roots.push(article);
          fresh.add(article);
        }
        continue;
      }
      if (!inScope(node, root)) continue;
      const block = closestBlockElement(node, root);
      // A new block-level element brings blocks of its own; text or inline content changes its block.
      if (block === node && node !== root) {
        fresh.add(block);
        continue;
      }
      const record = this.index.block(block);
      if (record) changed.set(record, [...(changed.get(record) ?? []), node]);
      else fresh.add(block);
    }
    // Where the page removed something, the block's own text may have changed.
    for (const node of removedFrom) {
      const root = node.isConnected ? this.rootOf(node) : undefined;
      if (!root || !inScope(node, root)) continue;
      const record = this.index.block(closestBlockElement(node, root));
      if (record) changed.set(record, [...(changed.get(record) ?? []), node]);
    }
    return { changed, fresh };
  }

  /**
   * Rewritten blocks: if the text differs from what was read, their marks come out and the block
   * is read again (added to `fresh`), now or, for a block the page keeps rewriting, after its
   * backoff. False when Sidenote was stopped meanwhile.
   */
  private async dropRewritten(changed: Map<BlockRecord, Node[]>, fresh: Set<Element>): Promise<boolean> {
    const slice = new Slice();
    for (const [record, by] of changed) {
      if (this.stopped) return false;
      if (!record.element.isConnected || this.ownText(record.element) === record.text) continue;
      const wait = by.length ? Math.min(...by.map((node) => this.backoff.delay(node))) : 0;
      if (wait > 0) {
        this.dropStale(record);
        this.defer(record.element, wait);
        continue;
      }
      this.forget([record]);
      fresh.add(record.element);
      await slice.maybeYield();
    }
    return true;
  }

  /** Reads elements (and their blocks) as new text: detected and marked in one pass. */
  private async readAgain(elements: Element[]): Promise<void> {
    // Elements inside others in the set come with the outer one.
    const tops = elements.filter((el) => !elements.some((other) => other !== el && other.contains(el)));
    if (!tops.length || this.stopped) return;
    const options = this.options;
    const blocks = (function* () {
      for (const el of tops) if (el.isConnected) yield* articleBlocks(el, options);
    })();
    await this.annotate(blocks);
    if (!this.stopped) this.reveal?.settle(tops, this.shownChars);
  }

  /** Marks of a block whose text no longer reads as their mention (the page rewrote it) leave now. */
  private dropStale(record: BlockRecord): void {
    for (const id of record.ids) {
      const mark = this.index.get(id);
      if (!mark) continue;
      const text = mark.ranges.map((r) => r.toString()).join('');
      if (!isMarkLive(mark) || text.replace(/\s+/g, '') !== mark.mention.text.replace(/\s+/g, ''))
        for (const range of mark.ranges) this.painter.paint(range, null);
    }
  }

  /** Reads a block the page keeps rewriting once its backoff has passed. */
  private defer(element: Element, wait: number): void {
    if (this.deferred.has(element)) return;
    const timer = this.clock.setTimeout(() => {
      this.deferred.delete(element);
      this.following = this.following.then(async () => {
        if (this.stopped || !element.isConnected) return;
        const record = this.index.block(element);
        if (record && this.ownText(element) === record.text) {
          for (const id of record.ids) this.paintId(id);
          return;
        }
        if (record) this.forget([record]);
        await this.readAgain([element]);
      });
    }, wait);
    this.deferred.set(element, timer);
  }

  /**
   * Runs the finder again while the article found is missing or thin and the page adds content:
   * a story rendered after load becomes the article (beside what was found), and a thin first
   * guess that was page furniture (a footer's line) loses its marks.
   */
  private async lookAgain(): Promise<void> {
    const found = await this.find();
    const body = this.doc.body;
    if (!found || !body || found.root === this.root || this.roots.some((r) => r.contains(found.root))) return;
    // Never page furniture (a teaser in a sidebar); a first guess that was furniture gives way.
    if (!isAnnotatableAt(found.root, body, this.options)) return;
    const old = this.root;
    if (old && !found.root.contains(old) && !isAnnotatableAt(old, body, this.options)) {
      this.forget(this.index.allBlocks().filter((r) => old.contains(r.element)));
      this.roots = this.roots.filter((r) => r !== old);
      this.shownChars = 0;
    }
    this.isArticle = found.isArticle;
    await this.adoptRoot(found.root);
  }

  /** Takes `root` as the article (beside further articles it does not hold) and marks it. */
  private async adoptRoot(root: Element): Promise<void> {
    this.root = root;
    this.roots = [root, ...this.roots.filter((r) => !root.contains(r) && !r.contains(root))];
    await this.annotate(articleBlocks(root, this.options));
    if (!this.stopped) this.reveal?.settle([root], this.shownChars);
  }
}
