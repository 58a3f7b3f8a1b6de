/**
 * Galleries and slideshows beside a story, found in the scorer's measure: set aside from the
 * story however long their captions, unless nothing else on the page is the story.
 */

import type { Steps } from '../annotate/queue';
import { MIN_GALLERY, MIN_SLIDE_RUN, type PageMeasure, STEP_ITEMS } from './measure';

/** A slide holds a picture, or two (a thumbnail and the full size). */
const SLIDE_PICTURES = 2;
/** A slide's caption is short; a photo essay's sections, each a picture and prose, are longer. */
const SLIDE_TEXT_MAX = 300;
/** The share of a container's children that must be slides for it to be a gallery. */
const SLIDE_SHARE = 0.8;
/**
 * Galleries and slideshows beside a story, however long their captions: the containers of
 *  - a run of slides numbered in order ("1/50", "2/50", … of one total): a slide is the largest
 *    element above its number that holds no other number, its gallery the element above it;
 *  - a run of MIN_SLIDE_RUN or more siblings, each one picture and a short caption;
 *  - what ARIA calls a carousel or slideshow.
 */
export function* findGalleries(measure: PageMeasure): Steps<Set<Element>> {
  const galleries = new Set<Element>();
  for (const el of measure.carousels) galleries.add(el);
  // Every element above many pictures is looked at, child by child: pausable on a page of thousands.
  let budget = STEP_ITEMS;
  for (const el of measure.pictureHolders) {
    if (isSlideRun(measure, el)) galleries.add(el);
    budget -= el.childElementCount;
    if (budget <= 0) {
      budget = STEP_ITEMS;
      yield;
    }
  }
  if (measure.counterHolders.length < MIN_GALLERY) return galleries;
  const runs = new Map<Element, { slides: number; last: number; inOrder: boolean }>();
  for (const { el, index } of measure.counterHolders) {
    let slide = el;
    for (let up = el.parentElement; up && up !== measure.body && measure.get(up)?.counters === 1; up = up.parentElement)
      slide = up;
    const gallery = slide.parentElement;
    if (!gallery || slide === measure.body) continue;
    if ((measure.get(gallery)?.counterTotal ?? 0) <= 0) continue;
    const run = runs.get(gallery);
    if (!run) runs.set(gallery, { slides: 1, last: index, inOrder: true });
    else {
      run.inOrder &&= index === run.last + 1;
      run.last = index;
      run.slides++;
    }
  }
  for (const [gallery, run] of runs) if (run.inOrder && run.slides >= MIN_GALLERY) galleries.add(gallery);
  return galleries;
}

/** Whether most of `el`'s children are slides (one picture, a short caption), MIN_SLIDE_RUN or more. */
function isSlideRun(measure: PageMeasure, el: Element): boolean {
  let slides = 0;
  let children = 0;
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    children++;
    const stats = measure.get(child);
    if (
      stats &&
      stats.images >= 1 &&
      stats.images <= SLIDE_PICTURES &&
      stats.text > 0 &&
      stats.text <= SLIDE_TEXT_MAX &&
      stats.paragraphs <= 2
    )
      slides++;
  }
  return slides >= MIN_SLIDE_RUN && slides >= children * SLIDE_SHARE;
}

/** Whether `el` is inside one of the galleries. */
export function inGallery(measure: PageMeasure, galleries: Set<Element>, el: Element): boolean {
  for (let at: Element | null = el; at && at !== measure.body; at = at.parentElement)
    if (galleries.has(at)) return true;
  return false;
}
