/**
 * What `corpus-marks.ts` runs inside each page (bundled with the article finder, evaluated in
 * the page's main world): the finder's answer on the live page, and how much of it is shown.
 */
import { findArticle } from '../lib/sites/article';
import { articleBlocks } from '../lib/sites/blocks';

/** Shown to the reader by layout: the same test as the content script's (lib/page/start.ts). */
const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true });

/** A short, stable description of an element: its tag, id and first classes, and its parents'. */
export function describeElement(el: Element | null | undefined): string {
  const parts: string[] = [];
  // Up to <body>: <html>'s classes say whether scripts ran ("js", "no-js"), not where the article is.
  for (let e = el ?? null, depth = 0; e && e.localName !== 'html' && depth < 4; e = e.parentElement, depth++) {
    const id = e.getAttribute('id');
    const cls = (e.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
    parts.unshift(`${e.localName}${id ? `#${id}` : ''}${cls.map((c) => `.${c}`).join('')}`);
  }
  return parts.join(' > ');
}

/** The finder's view of the live page. */
export interface PageFinding {
  isArticle: boolean;
  root: string;
  blocks: number;
  chars: number;
  shownBlocks: number;
  shownChars: number;
  bodyShown: boolean;
  rootShown: boolean;
}

/** Runs the article finder on the live document, with and without the visibility test. */
export function diagnose(): PageFinding | null {
  const found = findArticle(document);
  if (!found) return null;
  let blocks = 0;
  let chars = 0;
  for (const b of articleBlocks(found.root)) {
    blocks += 1;
    chars += b.text.length;
  }
  let shownBlocks = 0;
  let shownChars = 0;
  for (const b of articleBlocks(found.root, { isVisible: shown })) {
    shownBlocks += 1;
    shownChars += b.text.length;
  }
  return {
    isArticle: found.isArticle,
    root: describeElement(found.root),
    blocks,
    chars,
    shownBlocks,
    shownChars,
    bodyShown: shown(document.body),
    rootShown: shown(found.root),
  };
}
