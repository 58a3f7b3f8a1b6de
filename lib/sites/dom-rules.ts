/**
 * The rules about a page's markup that every reader of it shares: the finder (article.ts), the
 * scorer (content-score.ts), the check for a stale pass (page-watch.ts), and the annotator. What
 * is never prose, what is hidden without layout, what is page furniture, and which elements are
 * Sidenote's own. Markup only, so the same rules hold in the page and on a linkedom document.
 */

import { HOST_TAG } from '../page/names';

export const ELEMENT = 1;
export const TEXT = 3;

export const tagOf = (el: Element) => el.localName ?? el.tagName.toLowerCase();

/** Never text of the page's prose: scripts, media, controls. The scorer skips these while measuring. */
export const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'picture',
  'img',
  'input',
  'textarea',
  'select',
  'option',
  'button',
  'head',
  'title',
  'meta',
  'link',
]);

/**
 * Elements whose content is never annotated, in any mode: what is never prose, and also code and
 * a form's labels. The scorer measures those (a page's share of code tells technical reference
 * from a story), so this list is wider than SKIP_TAGS on purpose.
 */
export const NEVER_ANNOTATED = new Set([...SKIP_TAGS, 'code', 'pre', 'kbd', 'samp', 'var', 'label']);

/** Paragraphs shorter than this are navigation or captions, not prose. */
export const MIN_PROSE = 40;

/** Hidden without layout: the `hidden` attribute, `aria-hidden`, or an inline display/visibility. */
export function isHiddenByMarkup(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Text the reader types into: never annotated. */
export function isEditable(el: Element): boolean {
  const value = el.getAttribute('contenteditable');
  if (value !== null && value.toLowerCase() !== 'false') return true;
  return el.getAttribute('role') === 'textbox';
}

// ---------------------------------------------------------------------------------------------
// Page furniture. Two rules, on purpose: the scorer skips furniture while it measures where the
// prose is, the finder leaves it out of the blocks it reads under the root the scorer chose. They
// differ in tags only (forms and the article's own header), each said below.

/**
 * Landmark roles of furniture, one list for both rules (the finder's once lacked the last three;
 * reading them too moved no page of the corpus).
 */
const FURNITURE_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'menu',
  'menubar',
  'dialog',
  'alert',
  'alertdialog',
]);

/** Furniture the scorer does not measure: navigation, site header and footer, asides, dialogs. */
const MEASURED_FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'dialog', 'menu', 'header']);

/** Whether `el`'s landmark role is one of `roles`. */
function hasRoleIn(el: Element, roles: ReadonlySet<string>): boolean {
  const role = el.getAttribute('role');
  return role !== null && roles.has(role);
}

/**
 * Whether the scorer leaves `el` out of its measure. Forms are measured (their inputs mark a
 * block as boilerplate, see boilerplate.ts), and every `<header>` is skipped, the article's too:
 * a headline scores nothing as prose.
 */
export function isMeasuredFurniture(el: Element): boolean {
  return MEASURED_FURNITURE_TAGS.has(tagOf(el)) || hasRoleIn(el, FURNITURE_ROLES);
}

/** Furniture left out of the article's blocks (kept in whole-page mode). */
const READ_FURNITURE_TAGS = new Set(['header', 'nav', 'aside', 'footer', 'form', 'dialog', 'menu']);

/**
 * Whether the finder leaves `el` out of the article's blocks: a form is never read, and a
 * `<header>` inside the article holds its headline (`allowHeader`). With `classWords`, an element
 * whose class or id says it is not the story is furniture too.
 */
export function isReadFurniture(el: Element, allowHeader: boolean, classWords: boolean): boolean {
  const tag = tagOf(el);
  if (READ_FURNITURE_TAGS.has(tag) && !(allowHeader && tag === 'header')) return true;
  return hasRoleIn(el, FURNITURE_ROLES) || (classWords && isUnlikely(el));
}

/**
 * Class or id words of parts that are not the story (comments, menus, promotions, social
 * widgets); such a part is left out unless its words also say it holds the content.
 */
const UNLIKELY =
  /-ad-|\bads?\b|ad-break|advert|agegate|banner|breadcrumb|byline|combx|comment|dateline|community|cookie|consent|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|modal|newsletter|outbrain|pagination|pager|popup|promo|related|remark|replies|rss|share|shoutbox|sidebar|signup|skyscraper|social|sponsor|subscri|supplemental|taboola|trending|yom-remote|sr-only|visually-hidden|screen-reader|skip-link/i;
/** Words that keep an element with an unlikely word: it may be the content itself. */
const MAYBE_CONTENT = /and|article|body|column|content|main|shadow/i;

/** An element's class and id, as one string of words. */
export function classWords(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
}

/** Whether the element's class or id says it is not the story (and nothing says it might be). */
export function isUnlikely(el: Element): boolean {
  const words = classWords(el);
  if (words.length < 2 || !UNLIKELY.test(words) || MAYBE_CONTENT.test(words)) return false;
  const tag = tagOf(el);
  return tag !== 'body' && tag !== 'a' && tag !== 'html' && tag !== 'main' && tag !== 'article';
}

// ---------------------------------------------------------------------------------------------
// Sidenote's own elements

/** The host of Sidenote's cards: skipped by every reader of the page. */
export const isOwnHost = (el: Element) => tagOf(el) === HOST_TAG;

/** Whether `node` is one of Sidenote's own elements (all named `sidenote-…`: the host, the marks' style). */
export function isOwnElement(node: Node): boolean {
  const el = node as Element;
  return el.nodeType === ELEMENT && (el.localName.startsWith('sidenote-') || el.id.startsWith('sidenote-'));
}

/** Whether `node` is inside Sidenote's host (its style, and that style's text). */
export function isInsideOwnHost(node: Node): boolean {
  return node.nodeType === ELEMENT && (node as Element).closest(HOST_TAG) !== null;
}
