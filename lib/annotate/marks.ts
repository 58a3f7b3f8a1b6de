import { type ArticleBlock, nodeRanges } from '../sites/article';
import type { MentionKind, PageMention } from './mentions';

/** The element that wraps a mention's text on the page. */
export const MARK_TAG = 'sidenote-mark';

/** Data attributes a mark carries (all `data-sidenote-*`, so nothing clashes with the page). */
export const MARK_ATTR = {
  id: 'data-sidenote-id',
  kind: 'data-sidenote-kind',
  type: 'data-sidenote-type',
  /** Other mentions this stretch also belongs to (a claim around an entity), space-separated. */
  within: 'data-sidenote-in',
  /** The kind of claim around this stretch, for the claim underline under an entity. */
  claim: 'data-sidenote-claim',
  /** Set on every fragment of the mention whose card is open. */
  open: 'data-sidenote-open',
  /** A mark that shows no line of its own until hovered, focused or open (lib/annotate/select-marks.ts). */
  quiet: 'data-sidenote-quiet',
  /** A stretch inside a claim that shows no line (a name within a claim that is not a key one). */
  claimQuiet: 'data-sidenote-claim-quiet',
} as const;

/** What marking one block did, enough to undo it exactly. */
export interface BlockMarks {
  /** Mark elements, in document order. */
  marks: Element[];
  /** The page's text nodes that were split; each keeps the first piece of its text. */
  originals: Text[];
  /** The first fragment of each mention (the one that takes keyboard focus). */
  first: Map<string, Element>;
}

const KIND_ORDER: Record<MentionKind, number> = { entity: 0, source: 1, claim: 2 };

interface Piece {
  start: number;
  end: number;
  mention: PageMention;
}

/** The innermost mention is the one a stretch of text belongs to; the others are recorded as `within`. */
function primaryOf(active: Piece[]): { primary: PageMention; others: PageMention[] } {
  const sorted = active
    .map((p) => p.mention)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return { primary: sorted[0]!, others: sorted.slice(1) };
}

/** Merges the text nodes that follow `node` and were cut from it (per `origin`) back into it. */
function joinPieces(node: Text, origin: WeakMap<Text, Text>): void {
  let data = node.data;
  let next = node.nextSibling;
  while (next && next.nodeType === 3 && origin.get(next as Text) === node) {
    data += (next as Text).data;
    const following: ChildNode | null = next.nextSibling;
    next.parentNode?.removeChild(next);
    origin.delete(next as Text);
    next = following;
  }
  if (node.data !== data) node.data = data;
}

/**
 * Remembers which text nodes Sidenote created, so marks can be taken out and every split text
 * node merged back into the page's own node, leaving the DOM as it was.
 */
export class MarkTracker {
  private origin = new WeakMap<Text, Text>();
  /** Pieces of very long text nodes, cut before marking (see `splitLong`), and their nodes. */
  private longOrigin = new WeakMap<Text, Text>();
  private longNodes = new Set<Text>();

  /** Whether a node is one of the pieces Sidenote split off a page text node. */
  isCreated(node: Node): boolean {
    return node.nodeType === 3 && (this.origin.has(node as Text) || this.longOrigin.has(node as Text));
  }

  /**
   * Cuts a very long text node (a wall of text with no markup in it) into pieces of about
   * `piece` characters, each ending after a sentence where one ends near there, so that its text
   * can be read and marked in slices like any other. The node keeps the first piece; `joinLong`
   * merges the others back.
   */
  splitLong(node: Text, piece: number): void {
    const doc = node.ownerDocument;
    const data = node.data;
    if (data.length <= piece * 2 || !node.parentNode) return;
    const cuts: number[] = [];
    let at = 0;
    while (data.length - at > piece * 1.5) {
      const window = data.slice(at + piece, at + Math.round(piece * 1.5));
      const sentence = /[.!?…]["'”’)\]]?\s+(?=\S)/g;
      let cut = -1;
      for (let m = sentence.exec(window); m; m = sentence.exec(window)) cut = m.index + m[0].length;
      if (cut < 0) {
        const space = window.search(/\s\S/);
        cut = space < 0 ? 0 : space + 1;
      }
      at += piece + cut;
      cuts.push(at);
    }
    if (!cuts.length) return;
    const parent = node.parentNode;
    const after = node.nextSibling;
    const pieces = cuts.map((start, i) => doc.createTextNode(data.slice(start, cuts[i + 1] ?? data.length)));
    node.data = data.slice(0, cuts[0]);
    for (const p of pieces) {
      this.longOrigin.set(p, node);
      parent.insertBefore(p, after);
    }
    this.longNodes.add(node);
  }

  /** Merges what `splitLong` cut back into the page's nodes (all of them, or those inside `within`). */
  joinLong(within?: Node): void {
    for (const node of [...this.longNodes]) {
      if (within && !within.contains(node)) continue;
      joinPieces(node, this.longOrigin);
      this.longNodes.delete(node);
    }
  }

  /**
   * Wraps the block's mentions in marks. Each text stretch belongs to one mark (the innermost
   * mention); a claim around an entity is split around it, and the entity's mark records the
   * claim in `data-sidenote-in`, so both stay reachable and no interactive element nests another.
   */
  markBlock(block: ArticleBlock, mentions: readonly PageMention[]): BlockMarks {
    const doc = block.element.ownerDocument;
    // Keyed in the order of the block's segments, so marks come out in document order.
    const perNode = new Map<Text, Piece[]>();
    for (const seg of block.segments) if (!perNode.has(seg.node)) perNode.set(seg.node, []);
    for (const mention of mentions) {
      for (const range of nodeRanges(block, mention.start, mention.end)) {
        if (range.end > range.start) perNode.get(range.node)?.push({ start: range.start, end: range.end, mention });
      }
    }
    const result: BlockMarks = { marks: [], originals: [], first: new Map() };
    for (const [node, pieces] of perNode) {
      if (!pieces.length) continue;
      const parent = node.parentNode;
      if (!parent) continue;
      const after = node.nextSibling;
      const data = node.data;
      const cuts = new Set<number>([0, data.length]);
      for (const p of pieces) {
        cuts.add(p.start);
        cuts.add(p.end);
      }
      const points = [...cuts].sort((a, b) => a - b);
      // Stretches of the node with the mark they belong to (null = plain text); equal neighbours merge.
      const stretches: { start: number; end: number; key: string; primary?: PageMention; others?: PageMention[] }[] =
        [];
      for (let i = 0; i + 1 < points.length; i++) {
        const a = points[i]!;
        const b = points[i + 1]!;
        const active = pieces.filter((p) => p.start <= a && p.end >= b);
        const chosen = active.length ? primaryOf(active) : null;
        const key = chosen ? `${chosen.primary.id}|${chosen.others.map((m) => m.id).join(' ')}` : '';
        const last = stretches[stretches.length - 1];
        if (last && last.key === key) last.end = b;
        else stretches.push({ start: a, end: b, key, primary: chosen?.primary, others: chosen?.others });
      }
      const nodes: Node[] = [];
      let keptOriginal = false;
      for (const s of stretches) {
        const text = data.slice(s.start, s.end);
        // The page's own node keeps the first piece; the rest are new nodes remembered as ours.
        let textNode: Text;
        if (!keptOriginal) {
          textNode = node;
          keptOriginal = true;
        } else {
          textNode = doc.createTextNode(text);
          this.origin.set(textNode, node);
        }
        if (!s.primary) {
          nodes.push(textNode);
          continue;
        }
        const mark = doc.createElement(MARK_TAG);
        mark.setAttribute(MARK_ATTR.id, s.primary.id);
        mark.setAttribute(MARK_ATTR.kind, s.primary.kind);
        mark.setAttribute(MARK_ATTR.type, s.primary.type);
        if (s.others?.length) {
          mark.setAttribute(MARK_ATTR.within, s.others.map((m) => m.id).join(' '));
          const claim = s.others.find((m) => m.kind === 'claim');
          if (claim) mark.setAttribute(MARK_ATTR.claim, claim.type);
        }
        mark.appendChild(textNode);
        nodes.push(mark);
        result.marks.push(mark);
      }
      const first = stretches[0]!;
      // The page's node (alone or inside the first mark) and the new pieces go where it stood.
      if (node.data !== data.slice(first.start, first.end)) node.data = data.slice(first.start, first.end);
      for (const piece of nodes) parent.insertBefore(piece, after);
      result.originals.push(node);
    }
    for (const mark of result.marks) {
      const id = mark.getAttribute(MARK_ATTR.id)!;
      if (!result.first.has(id)) result.first.set(id, mark);
    }
    return result;
  }

  /** Takes a block's marks out and merges the split text back into the page's own nodes. */
  unmark(marks: BlockMarks): void {
    for (const mark of marks.marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
    }
    for (const original of marks.originals) joinPieces(original, this.origin);
    marks.marks.length = 0;
    marks.originals.length = 0;
    marks.first.clear();
  }
}

/**
 * Takes out marks that no running script knows about: an earlier Sidenote that was stopped
 * before it could clean up (Firefox stops a disabled or updated extension's scripts at once)
 * leaves them behind. Each mark gives its text back to its parent, and the text it was split
 * from is joined again. Returns how many marks were taken out.
 */
export function removeLeftoverMarks(root: ParentNode): number {
  const marks = Array.from(root.querySelectorAll(MARK_TAG));
  const parents = new Set<Node>();
  for (const mark of marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
  return marks.length;
}
