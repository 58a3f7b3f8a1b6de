/**
 * Detection: from article text and a reference date to entities, check-worthy claims and the
 * sources the article cites, with UTF-16 offsets into the text. Pure: no DOM, no `browser.*`,
 * so the same code runs in the content script, in Node tests and in the annotator command.
 */
import { findAttributions } from './attributions';
import { findClaims } from './claims';
import { type DateExpression, findDates, knownReferenceDate, referenceDate } from './dates';
import { findEvents, mainCountry } from './events';
import { documentNames } from './naming';
import { sliceNames } from './page-context';
import { createDoc } from './pipeline/doc';
import { linkEntities } from './pipeline/link-entities';
import { within } from './spans';
import type { ClaimMention, Detection, DetectOptions, EntityMention, ResolvedDate } from './types';

export { readPage } from './page-context';
export type * from './types';

/** Longer texts are cut here: detection must stay cheap on huge pages. */
const MAX_CHARS = 400_000;

/**
 * Finds entities, claims and attributions in `text`; relative dates resolve against
 * `options.referenceDate`, and stay unresolved without it (never against today).
 */
export function detect(text: string, options: DetectOptions = {}): Detection {
  const { input, tokens, sentences, dates, entities, refDay } = analyse(text, options);
  const raw = findClaims(input, tokens, sentences, dates, entities, refDay);
  const dated = knownReferenceDate(options.referenceDate) !== undefined;
  if (!dated) forgetRelativeEventDates(entities);
  for (const e of entities) if (e.date) e.date = plainDate(e.date);
  const claims: ClaimMention[] = raw.map((c, i) => {
    const claimText = input.slice(c.start, c.end);
    const entityIds = [
      ...new Set(
        within(entities, c.sentence.start, c.sentence.end)
          .filter((e) => e.type !== 'other' && e.type !== 'group')
          .map((e) => e.entityId),
      ),
    ];
    const claim: ClaimMention = {
      id: `c${i}`,
      kind: c.kind,
      score: c.score,
      start: c.start,
      end: c.end,
      text: claimText,
      sentence: c.sentence,
      figures: c.figures,
      dates: c.dates.filter((d) => dated || !(d as DateExpression).relative).map(plainDate),
      entityIds,
      keyPhrase: keyPhrase(claimText, c.figures[0] ? c.figures[0].start - c.start : -1),
    };
    const unresolved = dated ? [] : c.dates.filter((d) => (d as DateExpression).relative);
    if (unresolved.length) claim.unresolvedDates = unresolved.map(({ start, end, text }) => ({ start, end, text }));
    if (c.claimant) claim.claimant = c.claimant;
    if (c.via) claim.via = c.via;
    return claim;
  });
  const attributions = findAttributions(input, entities, claims);
  return { entities, claims, attributions };
}

/** A date as detection gives it out: without the `relative` flag it was found with. */
function plainDate({ start, end, text, value }: ResolvedDate): ResolvedDate {
  return { start, end, text, value };
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
 * Everything detection reads before claims: tokens, sentences, dates and entities with ids. The
 * claim trainer (`scripts/train/claims.ts`) reads its sentences through this too, so the model
 * learns from the features detection computes.
 */
export function analyse(text: string, options: DetectOptions = {}) {
  const input = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const ref = referenceDate(options.referenceDate);
  const doc = createDoc(input);
  const { tokens, sentences } = doc;
  // A slice of a page takes its names and the page's country from the page's context: what the
  // tagger and the events read beyond the slice is the same whatever the slicing. A whole text
  // reads its own (headlines read as headlines: lib/detect/naming.ts).
  const offset = options.offset ?? 0;
  const context = options.context && options.context.length >= offset + input.length ? options.context : undefined;
  const names = context ? sliceNames(doc, context, offset) : documentNames(doc);
  const dates = findDates(input, ref);
  const country = context ? context.country : mainCountry(tokens, names, input);
  const events = findEvents(input, tokens, dates, names, country);
  const entities = linkEntities(input, names, events);
  addDescriptors(input, entities);
  return { input, tokens, sentences, dates, entities, refDay: ref.toISOString().slice(0, 10) };
}

/**
 * Nouns that say which kind of place a name is. "capital", "island", "state" and the like are
 * left out: "the capital of France" says what France has, not what France is.
 */
const PLACE_KIND_NOUNS = new Set([
  'province',
  'governorate',
  'region',
  'district',
  'county',
  'city',
  'town',
  'village',
]);

/**
 * Gives each place the kind of place the text says it is, from its first mention that says so:
 * "the southern province of Daraa" or "Idlib province". Every mention of the entity shares it.
 */
function addDescriptors(text: string, entities: EntityMention[]): void {
  const byId = new Map<string, string>();
  for (const e of entities) {
    if (e.type !== 'place' || byId.has(e.entityId)) continue;
    const before = /\b([A-Za-z]+) of\s+$/.exec(text.slice(Math.max(0, e.start - 30), e.start))?.[1];
    const after = /^\s+([a-z]+)\b/.exec(text.slice(e.end, e.end + 20))?.[1];
    const noun = [before?.toLowerCase(), after].find((w) => w !== undefined && PLACE_KIND_NOUNS.has(w));
    if (noun) byId.set(e.entityId, noun);
  }
  for (const e of entities) {
    const noun = byId.get(e.entityId);
    if (noun) e.descriptor = noun;
  }
}

/** Words too common to say what a claim is about. */
const KEY_STOPWORDS = new Set('the and that which with from this have has had were was for are his her its'.split(' '));

/**
 * A few content words of a claim, for a fact-check search and for finding the passage of an
 * article that bears on it. A figure is what a statistic is about, so when there is one
 * (`figureAt`, its offset in `s`) the words around it are taken; else the claim's first words.
 */
function keyPhrase(s: string, figureAt = -1): string {
  const isContent = (w: string) => /\d/.test(w) || (w.length > 2 && !KEY_STOPWORDS.has(w.toLowerCase()));
  const clean = (t: string) =>
    t
      .replace(/[“”"‘’()[\]]/g, '')
      .split(/\s+/)
      .filter(isContent);
  if (figureAt < 0) return clean(s).slice(0, 8).join(' ');
  const before = clean(s.slice(0, figureAt)).slice(-4);
  const after = clean(s.slice(figureAt)).slice(0, 6);
  return [...before, ...after].join(' ');
}
