/**
 * What may be annotated under an article root: the general rules (dom-rules.ts) and what the
 * finder decided under the root it chose (boilerplate set aside, wrappers trusted, pointer lines),
 * kept beside the live root. The blocks (blocks.ts) and the annotator's check of added text read it.
 */

import { ELEMENT, isEditable, isHiddenByMarkup, isOwnHost, isReadFurniture, NEVER_ANNOTATED, tagOf } from './dom-rules';

export interface ArticleOptions {
  /** Annotate the whole page, not only the article (editable, code and hidden content stay out). */
  wholePage?: boolean;
  /**
   * Whether an element is shown. In the page this is backed by layout (`checkVisibility`); in
   * Node it is left out and only the `hidden` attribute and inline styles count.
   */
  isVisible?: (element: Element) => boolean;
  /**
   * Longer blocks are cut into several at a text node's edge (after a sentence or a line break
   * where one comes), so no single block makes a long task of detection or marking. The page's
   * wall-of-text paragraphs and `<br>`-lined transcripts are the ones this cuts.
   */
  maxBlockChars?: number;
}

/** What the finder decided under an article root beyond the general rules. */
export interface RootPlan {
  /** Boilerplate inside the article's container, and siblings that did not join it. */
  aside: ReadonlySet<Element>;
  /** Elements whose class or id words would leave them out, kept because they hold the story. */
  trusted: ReadonlySet<Element>;
  /** Lines pointing to other stories, read as such. */
  pointers: ReadonlySet<Element>;
}

/**
 * The finder's plan for each article root it chose, kept beside the live root rather than in the
 * page, so the page's DOM is never touched; the blocks and the check for added text read it here.
 */
const plans = new WeakMap<Element, RootPlan>();

/** Keeps the finder's plan for the article root it chose. */
export function keepPlan(root: Element, plan: RootPlan): void {
  plans.set(root, plan);
}

/**
 * The plan of the article root at or above `el`: text the page adds inside an article (a story
 * rendered late, a "read more" part) is read under the plan of the article it joins.
 */
export function planAbove(el: Element): RootPlan | undefined {
  for (let at: Element | null = el; at; at = at.parentElement) {
    const plan = plans.get(at);
    if (plan) return plan;
  }
  return undefined;
}

/** Whether an element's subtree is left out, in this mode, under a root with this plan. */
export function excluded(el: Element, wholePage: boolean, allowHeader: boolean, plan?: RootPlan): boolean {
  const tag = tagOf(el);
  if (NEVER_ANNOTATED.has(tag) || isOwnHost(el)) return true;
  if (isEditable(el) || isHiddenByMarkup(el)) return true;
  if (wholePage) return false;
  if (plan?.aside.has(el)) return true;
  return isReadFurniture(el, allowHeader, !plan?.trusted.has(el) && !plan?.pointers.has(el));
}

/** Whether any ancestor of `el` up to (not including) `stop` makes it off limits in every mode. */
export function isInsideForbidden(node: Node, stop?: Node | null): boolean {
  for (let el = node.nodeType === ELEMENT ? (node as Element) : node.parentElement; el && el !== stop; ) {
    const tag = tagOf(el);
    if (NEVER_ANNOTATED.has(tag) || isOwnHost(el) || isEditable(el)) return true;
    el = el.parentElement;
  }
  return false;
}

/**
 * Whether text at `node` may be annotated when `root` is what is being annotated: nothing
 * between it and `root` is excluded (and nothing anywhere above is editable or code).
 */
export function isAnnotatableAt(node: Node, root: Element, options: ArticleOptions = {}): boolean {
  if (!root.contains(node)) return false;
  if (isInsideForbidden(node)) return false;
  const wholePage = options.wholePage === true;
  const allowHeader = tagOf(root) !== 'body';
  const plan = plans.get(root);
  for (let el = node.nodeType === ELEMENT ? (node as Element) : node.parentElement; el && el !== root; ) {
    if (excluded(el, wholePage, allowHeader, plan)) return false;
    el = el.parentElement;
  }
  return true;
}
