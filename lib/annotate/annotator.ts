import type { Detection, DetectOptions, PageContext } from '../detect/types';
import {
  type ArticleBlock,
  type ArticleOptions,
  type ArticleScan,
  addedArticles,
  articleBlocks,
  articleText,
  closestBlockElement,
  type FoundArticle,
  findArticleSliced,
  isAnnotatableAt,
} from '../sites/article';
import { LATE_ARTICLE_MS, saysArticle, shouldLookAgain } from './late-article';
import { type BlockMarks, MARK_ATTR, MARK_TAG, MarkTracker } from './marks';
import { MentionRegistry, type PageMention } from './mentions';
import { afterNextFrame, debounce, FrameBudget, Slice } from './queue';
import { RevealWatch } from './reveal';
import { articleLineInput, countSentences, countWords, type LineChoice, selectLines } from './select-marks';
import { kindOn, type MarkKinds } from './styles';

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
}

/** A block element Sidenote has read, with what it marked there: the processed-block marker. */
interface BlockRecord {
  element: Element;
  /** The element's own text when it was marked (its blocks joined), to notice page rewrites. */
  text: string;
  marks: BlockMarks[];
  mentionIds: string[];
}

/** What the reader sees without choosing: key claims, names at their first mention. */
export const DEFAULT_LINES: LineChoice = { claims: 'key', names: 'first' };

/** What is detected in one slice of blocks, and placed in the page's registry, waiting to be marked. */
interface DetectedChunk {
  blocks: ArticleBlock[];
  /** How far each block was from the viewport when the blocks were read. */
  distance: number[];
  placed: PageMention[];
}

/** Blocks longer than this are read as several (at a text node's edge), to keep slices short. */
const MAX_BLOCK_CHARS = 6000;
/** Text nodes more than twice this long are cut into pieces of about this length before reading. */
const LONG_TEXT_PIECE = 3000;

/**
 * Length of the first slice of text sent to detection: small, so the marks nearest the viewport
 * come back soon. Each further slice is twice as long, up to MAX_CHUNK_CHARS: fewer messages for
 * long pages, and detection runs off the page's main thread, so a longer slice costs the page
 * only its marking, which is sliced by frames on its own.
 */
const FIRST_CHUNK_CHARS = 2500;
const MAX_CHUNK_CHARS = 16_000;

const toggleAttribute = (el: Element, name: string, on: boolean) => {
  if (on === el.hasAttribute(name)) return;
  if (on) el.setAttribute(name, '');
  else el.removeAttribute(name);
};

const ownText = (element: Element, options: ArticleOptions) => {
  const parts: string[] = [];
  for (const block of articleBlocks(element, { ...options, isVisible: undefined }))
    if (block.element === element) parts.push(block.text);
  return parts.join('\n');
};

/**
 * Marks the article's mentions on a live page: reads the blocks in slices, runs detection over
 * chunks of blocks, wraps mentions near the viewport first, follows text the page adds or
 * rewrites, and takes everything out again on `stop()`.
 */
export class Annotator {
  readonly registry = new MentionRegistry();
  readonly mentions = new Map<string, PageMention>();
  /** Every mark of a mention (its own fragments and those of marks inside it), in document order. */
  private fragments = new Map<string, Element[]>();
  private firsts = new Map<string, Element>();
  private tracker = new MarkTracker();
  private records = new WeakMap<Element, BlockRecord>();
  private recordList: BlockRecord[] = [];
  private observer: MutationObserver | null = null;
  private stopped = false;
  private pending = new Set<Node>();
  /** Elements the page removed nodes from. */
  private removedFrom = new Set<Node>();
  /** Every annotated region: the article, and further articles the page appended. */
  private roots: Element[] = [];
  private flush = debounce(() => void this.processPending(), 250);
  private frame: FrameBudget;
  /** Every block read, with the mentions placed in it (marked, or about to be): what lines are chosen over. */
  private readBlocks: ArticleBlock[] = [];
  /** Whether `readBlocks` is in reading order (false after text was added above earlier text). */
  private readInOrder = true;
  private placedIn = new Map<string, { mention: PageMention; block: ArticleBlock }>();
  /** Mentions that show a line by the reader's choice, and those the reader asked to see (revealed). */
  private lined = new Set<string>();
  private asked = new Set<string>();
  /** Mentions in document order, rebuilt after marks change. */
  private sorted: PageMention[] | null = null;
  root: Element | null = null;
  isArticle = false;
  /** Resolves when the first pass over the article is complete. */
  done: Promise<void> = Promise.resolve();

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

  constructor(
    private doc: Document,
    options: AnnotatorOptions,
  ) {
    this.options = { maxBlockChars: MAX_BLOCK_CHARS, ...options };
    if (options.signal?.aborted) this.finding.abort();
    else options.signal?.addEventListener('abort', () => this.finding.abort(), { once: true });
    this.frame = new FrameBudget(doc);
    const isVisible = options.isVisible;
    if (isVisible) {
      const reveal = new RevealWatch(doc, { isVisible, onReveal: (els) => this.reread(els), signal: options.signal });
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
      if (!this.options.wholePage && saysArticle(this.doc)) this.observe();
      return;
    }
    // (findArticle reads markup only; nothing here needs layout yet.)
    this.root = found.root;
    this.roots = [found.root];
    this.phase('found');
    this.observe();
    // Reading where blocks are must not force the page's first layout inside our task: wait
    // for a frame to have been drawn (or a moment, in a background tab that draws none).
    await afterNextFrame(this.doc.defaultView, 200);
    if (this.stopped) return;
    await this.splitLongText([found.root]);
    if (this.stopped) return;
    await this.annotate(articleBlocks(found.root, this.options));
    if (!this.stopped) this.reveal?.settle([found.root], this.shownChars);
  }

  /** Notes a step of the first pass on the page's timeline; later passes add nothing there. */
  private phase(name: string): void {
    if (this.timing) performance.mark?.(`sidenote-${name}`);
  }

  /** Elements the page showed after they were read hidden: read as added text. */
  private reread(elements: Element[]): void {
    if (this.stopped) return;
    for (const el of elements) this.pending.add(el);
    this.flush();
  }

  /**
   * Cuts the page's very long text nodes under `el` (walls of text with no markup) into pieces,
   * so their blocks can be read, detected and marked in slices; `stop()` joins them again.
   */
  private async splitLongText(elements: Element[]): Promise<void> {
    const View = this.doc.defaultView;
    let split = false;
    for (const el of elements) {
      const walker = this.doc.createTreeWalker(el, View?.NodeFilter?.SHOW_TEXT ?? 4);
      const long: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if ((node as Text).data.length > LONG_TEXT_PIECE * 2) long.push(node as Text);
      for (const node of long) {
        if (!isAnnotatableAt(node, el, this.options)) continue;
        this.tracker.splitLong(node, LONG_TEXT_PIECE);
        split = true;
      }
    }
    if (!split) return;
    this.discardOwnRecords();
    // Where blocks are is read next: the page lays the cut text out again in a frame of its
    // own first, not inside that reading.
    await afterNextFrame(this.doc.defaultView, 200);
  }

  /** Removes every mark and merges split text back: the page's DOM is as it was. */
  stop(): void {
    this.stopped = true;
    this.finding.abort();
    this.flush.cancel();
    this.reveal?.stop();
    this.observer?.disconnect();
    this.observer = null;
    this.roots = [];
    for (const record of this.recordList) for (const marks of record.marks) this.tracker.unmark(marks);
    this.tracker.joinLong();
    this.recordList = [];
    this.records = new WeakMap();
    this.mentions.clear();
    this.fragments.clear();
    this.firsts.clear();
    this.readBlocks = [];
    this.readInOrder = true;
    this.placedIn.clear();
    this.lined.clear();
    this.asked.clear();
    this.sorted = null;
  }

  /** The mark that takes focus for a mention. */
  firstMark(id: string): Element | undefined {
    return this.firsts.get(id);
  }

  /** Every element that shows part of a mention. */
  marksOf(id: string): Element[] {
    return (this.fragments.get(id) ?? []).filter((m) => m.isConnected);
  }

  /** Mentions of the kinds shown, in document order of their first mark (sorted once per change). */
  visibleMentions(): PageMention[] {
    if (!this.sorted) {
      const list = [...this.mentions.values()].filter((m) => this.firsts.get(m.id)?.isConnected);
      this.sorted = list.sort((a, b) => {
        const ma = this.firsts.get(a.id)!;
        const mb = this.firsts.get(b.id)!;
        return ma === mb ? 0 : ma.compareDocumentPosition(mb) & 4 ? -1 : 1;
      });
    }
    const kinds = this.options.kinds;
    return this.sorted.filter((m) => kindOn(kinds, m.kind));
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

  /** Shows or hides kinds live: hidden kinds leave the keyboard order. */
  setKinds(kinds: MarkKinds): void {
    this.options.kinds = kinds;
    for (const [id, mark] of this.firsts) {
      const mention = this.mentions.get(id);
      if (mention) this.setFocusable(mark, kindOn(kinds, mention.kind));
    }
  }

  /** Whether a mention shows its line now (by the reader's choice, or because they asked for it). */
  showsLine(id: string): boolean {
    return this.lined.has(id) || this.asked.has(id);
  }

  /** Gives a mention its line for good: the reader asked for it (revealed from the popup). */
  showLine(id: string): void {
    if (this.asked.has(id)) return;
    this.asked.add(id);
    for (const mark of this.fragments.get(id) ?? []) this.paintLine(mark);
  }

  /** Changes which mentions show a line, live: chosen afresh over the whole page. */
  setLines(lines: LineChoice): void {
    const now = this.options.lines ?? DEFAULT_LINES;
    // Another setting changed: the lines the reader sees stay as they are.
    if (now.claims === lines.claims && now.names === lines.names) return;
    this.options.lines = { ...lines };
    this.chooseLines(false);
  }

  /**
   * The line selection's input for each article on the page (the article, and stories the page
   * appended below it), with its blocks in reading order: for `chooseLines` and the benchmark.
   */
  lineInputs(kept?: ReadonlySet<string>): ReturnType<typeof articleLineInput>[] {
    const choice = this.options.lines ?? DEFAULT_LINES;
    if (!this.readInOrder) {
      // Text came in more than one pass, not all of it below what was there: sort by
      // document position (the sort is stable: parts of one element keep their order).
      this.readBlocks.sort((a, b) =>
        a.element === b.element ? 0 : a.element.compareDocumentPosition(b.element) & 4 ? -1 : 1,
      );
      this.readInOrder = true;
    }
    const blocks = this.readBlocks.filter((b) => b.element.isConnected);
    const groups = new Map<Element | undefined, ArticleBlock[]>();
    const single = this.roots.length <= 1;
    for (const block of blocks) {
      const root = single ? this.roots[0] : this.rootOf(block.element);
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
        choice,
        kept,
        (text) => this.countsOf(text).sentences,
        (text) => this.countsOf(text).words,
      );
    });
  }

  /** Sentence and word counts of block texts already seen: a pass counts only its new blocks. */
  private textCounts = new Map<string, { sentences: number; words: number }>();
  private countsOf(text: string): { sentences: number; words: number } {
    let counts = this.textCounts.get(text);
    if (!counts) {
      counts = { sentences: countSentences(text), words: countWords(text) };
      if (this.textCounts.size > 5000) this.textCounts.clear();
      this.textCounts.set(text, counts);
    }
    return counts;
  }

  /**
   * Chooses the lines over every article on the page and repaints the marks whose line changed.
   * `keep`: text was added, so lines already shown stay (nothing the reader sees disappears);
   * otherwise (the reader changed the choice) everything is chosen afresh.
   */
  private chooseLines(keep: boolean): void {
    const next = new Set<string>();
    for (const input of this.lineInputs(keep ? this.lined : undefined))
      for (const id of selectLines(input)) next.add(id);
    const changed = [...next].filter((id) => !this.lined.has(id));
    for (const id of this.lined) if (!next.has(id)) changed.push(id);
    this.lined = next;
    const marks = new Set<Element>();
    for (const id of changed) for (const mark of this.fragments.get(id) ?? []) marks.add(mark);
    for (const mark of marks) this.paintLine(mark);
  }

  /**
   * A mark without a line of its own carries `data-sidenote-quiet`; a stretch of a claim without
   * a line (a name inside it) carries `data-sidenote-claim-quiet`. The stylesheet shows the line
   * again while the mark is hovered, focused or open.
   */
  private paintLine(mark: Element): void {
    const own = mark.getAttribute(MARK_ATTR.id) ?? '';
    toggleAttribute(mark, MARK_ATTR.quiet, !this.showsLine(own));
    const claims = (mark.getAttribute(MARK_ATTR.within)?.split(' ') ?? []).filter(
      (id) => this.placedIn.get(id)?.mention.kind === 'claim',
    );
    toggleAttribute(mark, MARK_ATTR.claimQuiet, claims.length > 0 && !claims.some((id) => this.showsLine(id)));
  }

  private setFocusable(mark: Element, on: boolean): void {
    if (on) {
      mark.setAttribute('tabindex', '0');
      mark.setAttribute('role', 'button');
      mark.setAttribute('aria-haspopup', 'dialog');
      mark.setAttribute('aria-expanded', mark.hasAttribute(MARK_ATTR.open) ? 'true' : 'false');
    } else {
      for (const name of ['tabindex', 'role', 'aria-haspopup', 'aria-expanded']) mark.removeAttribute(name);
    }
  }

  /**
   * Reads all blocks first (in slices, and before any write, so measuring where each block
   * is forces no layout), then runs detection chunk by chunk, starting at the viewport and
   * going on down the page, then back to the top, and marks each chunk nearest the viewport first.
   */
  private async annotate(blocks: Iterable<ArticleBlock>): Promise<void> {
    const slice = new Slice();
    const list: ArticleBlock[] = [];
    const distance: number[] = [];
    const height = this.doc.defaultView?.innerHeight ?? 0;
    const measure = typeof this.doc.body?.getBoundingClientRect === 'function';
    // Elements first met in this pass: an element with text on both sides of a nested block
    // yields several blocks, and all of them belong to this pass.
    const seen = new Set<Element>();
    for (const block of blocks) {
      if (this.stopped) return;
      if (this.records.has(block.element) && !seen.has(block.element)) {
        // A processed block met again (a rescan): never wrapped twice.
        await slice.maybeYield();
        continue;
      }
      seen.add(block.element);
      list.push(block);
      this.shownChars += block.text.length;
      // Counted here, slice by slice, rather than all at once when the lines are chosen.
      this.countsOf(block.text);
      if (measure) {
        const r = block.element.getBoundingClientRect();
        distance.push(r.bottom < 0 ? -r.bottom : r.top > height ? r.top - height : 0);
      } else distance.push(0);
      await slice.maybeYield();
    }
    if (!list.length) return;
    this.phase('read');
    let first = 0;
    for (let i = 1; i < list.length; i++) if (distance[i]! < distance[first]!) first = i;
    const order = [...list.keys()].slice(first).concat([...list.keys()].slice(0, first));
    const chunks: number[][] = [];
    let chunkChars = FIRST_CHUNK_CHARS;
    for (let at = 0; at < order.length; ) {
      const chunk: number[] = [];
      let chars = 0;
      // A chunk never wraps from the page's end back to its top: text stays in reading order.
      while (at < order.length && (chars < chunkChars || !chunk.length)) {
        if (chunk.length && order[at]! < chunk[chunk.length - 1]!) break;
        chunk.push(order[at]!);
        chars += list[order[at]!]!.text.length;
        at += 1;
      }
      chunks.push(chunk);
      chunkChars = Math.min(MAX_CHUNK_CHARS, chunkChars * 2);
    }
    // Detection over the whole pass first (every slice asked of the background at once, placed in
    // the registry in order), then the choice of lines over the whole article, then marking:
    // which mentions show a line never depends on which slice was marked first.
    // Each slice is placed as soon as it and those before it are back, while the background
    // still detects the later ones: the same order as waiting for all, less waiting after the last.
    const page = articleText(list);
    const context = await this.readPage(page.text);
    if (this.stopped) return;
    const results = chunks.map((chunk) =>
      this.detectText(
        chunk.map((i) => list[i]!),
        chunk.map((i) => distance[i]!),
        { context, offset: page.starts[chunk[0]!]!, at: chunk[0]! },
      ),
    );
    const detected: DetectedChunk[] = [];
    for (const result of results) {
      const found = await result;
      if (this.stopped) return;
      if (!found) continue;
      await slice.maybeYield();
      if (this.stopped) return;
      detected.push(this.placeChunk(found));
    }
    this.phase('detected');
    // The first pass reads the article in document order. A later one (text the page added or
    // rewrote) keeps the list in reading order only if its blocks follow each other and all
    // earlier text: checked over its own blocks, which are few, never over the whole page.
    if (this.readBlocks.length && this.readInOrder) {
      const follows = (a: ArticleBlock | undefined, b: ArticleBlock | undefined) =>
        !a || !b || a.element === b.element || !!(a.element.compareDocumentPosition(b.element) & 4);
      const all = [this.readBlocks[this.readBlocks.length - 1], ...list];
      for (let i = 1; i < all.length && this.readInOrder; i++) this.readInOrder = follows(all[i - 1], all[i]);
    }
    this.readBlocks.push(...list);
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
      performance.measure?.('sidenote-detect', { start: began, end: performance.now() });
      return { blocks, distance, starts, at: slice.at, detection };
    } catch (error) {
      if (!this.stopped) this.options.onError?.(error);
      return null;
    }
  }

  /** Places one slice's detection in the page's registry (in reading order, so later mentions join earlier ones). */
  private placeChunk(found: {
    blocks: ArticleBlock[];
    distance: number[];
    starts: number[];
    at: number;
    detection: Detection;
  }): DetectedChunk {
    const { blocks, distance, starts, at, detection } = found;
    const placed = this.registry.place(
      detection,
      starts,
      blocks.map((b) => b.text.length),
      0,
      at,
    );
    for (const m of placed) this.placedIn.set(m.id, { mention: m, block: blocks[m.block]! });
    return { blocks, distance, placed };
  }

  private async markChunk({ blocks, distance, placed }: DetectedChunk): Promise<void> {
    const perBlock = new Map<number, PageMention[]>();
    for (const m of placed) {
      const list = perBlock.get(m.block) ?? [];
      perBlock.set(m.block, list);
      list.push(m);
    }
    // Near the viewport first, by where the blocks were before any mark went in.
    const order = blocks.map((_, i) => i).sort((a, b) => distance[a]! - distance[b]! || a - b);
    let at = 0;
    while (at < order.length) {
      // Marks wait for a frame once this frame has its share: each frame styles and lays out
      // about one slice of marks, however many detection runs went between.
      await this.frame.ready();
      if (this.stopped) return;
      const markStart = performance.now();
      const room = this.frame.left();
      const batch: PageMention[] = [];
      while (at < order.length) {
        const index = order[at++]!;
        const mentions = perBlock.get(index) ?? [];
        this.markOne(blocks[index]!, mentions);
        batch.push(...mentions);
        if (performance.now() - markStart >= room) break;
      }
      const markEnd = performance.now();
      this.frame.spend(markEnd - markStart);
      this.discardOwnRecords();
      performance.measure?.('sidenote-mark', { start: markStart, end: markEnd });
      if (batch.length) this.options.onMarked?.(batch);
    }
  }

  private markOne(block: ArticleBlock, mentions: PageMention[]): void {
    if (!block.element.isConnected) return;
    let record = this.records.get(block.element);
    if (!record) {
      record = { element: block.element, text: '', marks: [], mentionIds: [] };
      this.records.set(block.element, record);
      this.recordList.push(record);
    }
    record.text = record.text ? `${record.text}\n${block.text}` : block.text;
    if (!mentions.length) return;
    this.sorted = null;
    const marks = this.tracker.markBlock(block, mentions);
    record.marks.push(marks);
    for (const m of mentions) {
      this.mentions.set(m.id, m);
      record.mentionIds.push(m.id);
    }
    for (const mark of marks.marks) {
      const ids = [mark.getAttribute(MARK_ATTR.id)!, ...(mark.getAttribute(MARK_ATTR.within)?.split(' ') ?? [])];
      for (const id of ids) {
        const list = this.fragments.get(id) ?? [];
        this.fragments.set(id, list);
        list.push(mark);
      }
    }
    for (const mark of marks.marks) this.paintLine(mark);
    for (const [id, mark] of marks.first) {
      this.firsts.set(id, mark);
      const mention = this.mentions.get(id);
      if (mention) this.setFocusable(mark, kindOn(this.options.kinds, mention.kind));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Pages that change

  private observe(): void {
    const View = this.doc.defaultView as (Window & typeof globalThis) | null;
    if (!View?.MutationObserver || !this.doc.body) return;
    this.observer = new View.MutationObserver((records) => this.onMutations(records));
    this.observer.observe(this.doc.body, { childList: true, subtree: true, characterData: true });
  }

  /** Our own writes happen in one task; dropping the queued records right after them leaves only the page's. */
  private discardOwnRecords(): void {
    this.observer?.takeRecords();
  }

  private isOurs(node: Node): boolean {
    if (this.tracker.isCreated(node)) return true;
    return (
      node.nodeType === 1 &&
      ((node as Element).localName === MARK_TAG || (node as Element).localName === 'sidenote-root')
    );
  }

  private onMutations(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'characterData') this.pending.add(r.target);
      else {
        for (const n of Array.from(r.addedNodes)) if (!this.isOurs(n)) this.pending.add(n);
        if (Array.from(r.removedNodes).some((n) => !this.isOurs(n))) this.removedFrom.add(r.target);
      }
    }
    if (this.pending.size || this.removedFrom.size) this.flush();
  }

  /** The annotated region that holds `node`, if any. */
  private rootOf(node: Node): Element | undefined {
    return this.roots.find((root) => root.contains(node));
  }

  /**
   * Looks at what the page added, changed or removed: new blocks are marked, rewritten blocks
   * re-marked, removed blocks forgotten (their mentions leave the counts and the popup's list),
   * and a further article the page appends (the next story) is annotated as well.
   */
  private async processPending(): Promise<void> {
    if (this.stopped || (!this.root && !this.lateUntil)) return;
    const nodes = [...this.pending];
    const removedFrom = [...this.removedFrom];
    this.pending.clear();
    this.removedFrom.clear();
    // What the page took out, marks and all, leaves what Sidenote knows: the marks come out of
    // the detached elements too, so an element the page puts back later is plain again.
    const detached = this.recordList.filter((r) => !r.element.isConnected);
    this.forget(detached);
    for (const record of detached) this.tracker.joinLong(record.element);
    this.roots = this.roots.filter((root) => root.isConnected);
    if (shouldLookAgain(this.lateUntil, this.shownChars)) {
      await this.lookAgain();
      if (this.stopped) return;
    }
    if (!this.root) return;
    if (!this.root.isConnected) {
      // The page swapped its article out (single-page navigation): find the new one.
      const found = await this.find();
      if (found === undefined) return;
      this.isArticle = found?.isArticle ?? false;
      if (!found) {
        this.roots = [];
        return;
      }
      await this.adoptRoot(found.root);
      return;
    }
    const changed = new Set<BlockRecord>();
    const fresh = new Set<Element>();
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
      const record = this.records.get(block);
      if (record) changed.add(record);
      else fresh.add(block);
    }
    // Where the page removed something, the block's own text may have changed; taking things
    // out brings nothing new to mark, so a removal elsewhere needs no pass at all.
    for (const node of removedFrom) {
      const root = node.isConnected ? this.rootOf(node) : undefined;
      if (!root || !inScope(node, root)) continue;
      const record = this.records.get(closestBlockElement(node, root));
      if (record) changed.add(record);
    }
    const slice = new Slice();
    // Rewritten blocks: if the text differs from what was marked, take the marks out and mark again.
    for (const record of changed) {
      if (this.stopped) return;
      if (!record.element.isConnected || ownText(record.element, this.options) === record.text) continue;
      this.forget([record]);
      this.discardOwnRecords();
      fresh.add(record.element);
      await slice.maybeYield();
    }
    // Drop elements inside others in the set: their blocks come with the outer one.
    const tops = [...fresh].filter((el) => ![...fresh].some((other) => other !== el && other.contains(el)));
    await this.splitLongText(tops);
    if (this.stopped) return;
    const blocks = (function* (options: ArticleOptions) {
      for (const el of tops) if (el.isConnected) yield* articleBlocks(el, options);
    })(this.options);
    await this.annotate(blocks);
    if (!this.stopped) this.reveal?.settle(tops, this.shownChars);
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
      this.forget(this.recordList.filter((r) => old.contains(r.element)));
      this.discardOwnRecords();
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
    await this.splitLongText([root]);
    if (this.stopped) return;
    await this.annotate(articleBlocks(root, this.options));
    if (!this.stopped) this.reveal?.settle([root], this.shownChars);
  }

  /** Takes blocks' marks out and drops what was known about them. */
  private forget(records: BlockRecord[]): void {
    if (!records.length) return;
    const gone = new Set(records);
    for (const record of records) {
      for (const marks of record.marks) this.tracker.unmark(marks);
      for (const id of record.mentionIds) {
        this.mentions.delete(id);
        this.fragments.delete(id);
        this.firsts.delete(id);
        this.placedIn.delete(id);
        this.lined.delete(id);
        this.asked.delete(id);
      }
      this.records.delete(record.element);
    }
    const elements = new Set(records.map((r) => r.element));
    this.readBlocks = this.readBlocks.filter((b) => !elements.has(b.element));
    this.sorted = null;
    this.recordList = this.recordList.filter((r) => !gone.has(r));
    this.options.onRemoved?.();
  }
}
