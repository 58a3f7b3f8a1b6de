/**
 * Detection: from article text and a reference date to entities, check-worthy claims and the
 * sources the article cites, with UTF-16 offsets into the text. Pure: no DOM, no `browser.*`,
 * so the same code runs in the content script, in Node tests and in the annotator command.
 *
 * Detection is the list of components below, run in order over one `Doc` (lib/detect/pipeline/doc.ts):
 * each reads the layers before it and writes its own.
 */
import { attributions } from './components/attributions';
import { claims } from './components/claims';
import { dates } from './components/dates';
import { events } from './components/events';
import { figures } from './components/figures';
import { lexicon } from './components/lexicon';
import { linking } from './components/linking';
import { naming } from './components/naming';
import { sentences } from './components/sentences';
import { tagger } from './components/tagger';
import { type DateExpression, plainDate } from './dates';
import { type Component, createDoc, type Doc } from './pipeline/doc';
import type { Detection, DetectOptions, EntityMention } from './types';

export { readPage } from './page-context';
export type * from './types';

/** Longer texts are cut here: detection must stay cheap on huge pages. */
const MAX_CHARS = 400_000;

/** Detection's components, in the order they run. */
export const PIPELINE: readonly Component[] = [
  lexicon,
  tagger,
  naming,
  dates,
  figures,
  events,
  linking,
  attributions,
  sentences,
  claims,
];

/**
 * Finds entities, claims and attributions in `text`; relative dates resolve against
 * `options.referenceDate`, and stay unresolved without it (never against today).
 */
export function detect(text: string, options: DetectOptions = {}): Detection {
  const doc = analyse(text, options);
  const entities = doc.entities!;
  if (!doc.setting.dated) forgetRelativeEventDates(entities);
  for (const e of entities) if (e.date) e.date = plainDate(e.date);
  return { entities, claims: doc.claims!, attributions: doc.attributions! };
}

/**
 * Without the article's date, an event dated only by a relative expression ("the election last
 * year") has no date to show, nor a title built from its year ("2025 election"): both would
 * come from the reader's today. The event itself is still found.
 */
function forgetRelativeEventDates(entities: EntityMention[]): void {
  for (const e of entities) {
    if (!e.date || !(e.date as DateExpression).relative) continue;
    if (e.lookupTitle?.includes(e.date.value.slice(0, 4))) delete e.lookupTitle;
    delete e.date;
  }
}

/**
 * Runs every component over `text` (cut to detection's cap) and returns the document with all its
 * layers. A slice of a page (`options.context`) takes its names and the page's country from the
 * page's context: what the tagger and the events read beyond the slice is the same whatever the
 * slicing. The claim trainer (`scripts/train/claims.ts`) reads its sentences through this too, so
 * the model learns from the features detection computes.
 */
export function analyse(text: string, options: DetectOptions = {}): Doc {
  const doc = createDoc(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text, options);
  for (const run of PIPELINE) run(doc);
  return doc;
}
