/**
 * Detection: from article text and a reference date to entities, check-worthy claims and the
 * sources the article cites, with UTF-16 offsets into the text. Pure: no DOM, no `browser.*`,
 * so the same code runs in the content script, in Node tests and in the annotator command.
 */
import { findAttributions } from './attributions';
import { findClaims } from './claims';
import { findDates, referenceDate } from './dates';
import { findNames, type NameSpan } from './entities';
import { findEvents } from './events';
import { provisionalClaimScore } from './provisional-score';
import { within } from './spans';
import { tokenize } from './tokens';
import type { ClaimMention, Detection, DetectOptions, EntityMention, EntityType } from './types';

export type * from './types';

/** Longer texts are cut here: detection must stay cheap on huge pages. */
const MAX_CHARS = 400_000;

/** Finds entities, claims and attributions in `text`; relative dates resolve against `options.referenceDate`. */
export function detect(text: string, options: DetectOptions = {}): Detection {
  const input = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const ref = referenceDate(options.referenceDate);
  const { tokens, sentences } = tokenize(input);
  const names = findNames(input, tokens, sentences);
  const dates = findDates(input, ref);
  const events = findEvents(input, tokens, dates, names);
  const entities = assignIds(input, tokens, names, events);
  addDescriptors(input, entities);
  const raw = findClaims(input, tokens, sentences, dates, entities, ref.toISOString().slice(0, 10));
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
      start: c.start,
      end: c.end,
      text: claimText,
      sentence: c.sentence,
      figures: c.figures,
      dates: c.dates,
      entityIds,
      keyPhrase: keyPhrase(claimText, c.figures[0] ? c.figures[0].start - c.start : -1),
      // Provisional until the learned score (branch i11a) lands.
      score: provisionalClaimScore(input, c, entities),
    };
    if (c.claimant) claim.claimant = c.claimant;
    if (c.via) claim.via = c.via;
    return claim;
  });
  const attributions = findAttributions(input, entities, claims);
  return { entities, claims, attributions };
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

/**
 * A few content words of a claim, for a fact-check search and for finding the passage of an
 * article that bears on it. A figure is what a statistic is about, so when there is one
 * (`figureAt`, its offset in `s`) the words around it are taken; else the claim's first words.
 */
function keyPhrase(s: string, figureAt = -1): string {
  const isContent = (w: string) =>
    /\d/.test(w) ||
    (w.length > 2 && !/^(?:the|and|that|which|with|from|this|have|has|had|were|was|for|are|his|her|its)$/i.test(w));
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

/**
 * Gives every mention an entity id and the fullest name the page gives it: a later "Assad" or
 * "Putin" joins the earlier "Bashar Al-Assad" or "Vladimir Putin". Event spans replace names they overlap.
 */
function assignIds(
  text: string,
  tokens: ReturnType<typeof tokenize>['tokens'],
  names: NameSpan[],
  events: ReturnType<typeof findEvents>,
): EntityMention[] {
  // Names inside an event span give way to the event ("Syrian" in "Syrian presidential election").
  const covered = new Uint8Array(text.length + 1);
  for (const e of events) covered.fill(1, e.start, e.end);
  const kept = names.filter((n) => n.type !== 'other' && !covered[n.start] && !covered[n.end - 1]);
  const mentions: EntityMention[] = [];
  const ids = new Map<string, { id: string; name: string }>();
  const personByPart = new Map<string, { id: string; name: string }>();
  let next = 0;
  const strip = (s: string) => s.toLowerCase().replace(/^(?:al|el|ad|as|ash|bin|ibn|abu)[-'’]/, '');
  kept.sort((a, b) => a.start - b.start);
  // Full names first, so a short form that comes earlier (a headline's "Putin") still joins them.
  for (const n of kept) {
    if (n.type !== 'person' || n.last - n.first < 2) continue;
    const surface = text.slice(n.start, n.end);
    const key = `person:${surface.toLowerCase()}`;
    if (ids.has(key)) continue;
    const entry = { id: `e${next++}`, name: surface };
    ids.set(key, entry);
    const lastTok = tokens[n.last - 1]!.text;
    if (!personByPart.has(strip(lastTok))) personByPart.set(strip(lastTok), entry);
  }
  // Organisations by their initials, so "ONS" joins "Office for National Statistics".
  const orgByInitials = new Map<string, { id: string; name: string }>();
  const initialsOf = (n: NameSpan) => {
    let s = '';
    for (let k = n.first; k < n.last; k++) {
      const t = tokens[k]!;
      if (t.cap && !/^(?:of|for|and|the)$/i.test(t.text)) s += t.text[0];
    }
    return s;
  };
  for (const n of kept) {
    const surface = text.slice(n.start, n.end);
    const key = `${n.type}:${surface.toLowerCase()}`;
    let entry = ids.get(key);
    if (!entry && n.type === 'person' && n.last - n.first === 1) entry = personByPart.get(strip(surface));
    const acronym = n.type === 'organization' && /^[A-Z]{2,6}$/.test(surface.replace(/\./g, ''));
    if (!entry && acronym) entry = orgByInitials.get(surface.replace(/\./g, ''));
    if (!entry) {
      entry = { id: `e${next++}`, name: surface };
      ids.set(key, entry);
    }
    if (n.type === 'organization' && n.last - n.first >= 2) {
      const initials = initialsOf(n);
      if (initials.length >= 2 && !orgByInitials.has(initials)) orgByInitials.set(initials, entry);
    }
    const m: EntityMention = {
      start: n.start,
      end: n.end,
      text: surface,
      type: n.type as EntityType,
      entityId: entry.id,
      name: entry.name,
    };
    if (n.role) m.role = n.role;
    mentions.push(m);
  }
  for (const e of events) {
    const surface = text.slice(e.start, e.end);
    const key = `event:${(e.lookupTitle ?? surface).toLowerCase()}`;
    let entry = ids.get(key);
    if (!entry) {
      entry = { id: `e${next++}`, name: surface };
      ids.set(key, entry);
    }
    const m: EntityMention = {
      start: e.start,
      end: e.end,
      text: surface,
      type: 'event',
      entityId: entry.id,
      name: entry.name,
      date: e.date,
    };
    if (e.lookupTitle) m.lookupTitle = e.lookupTitle;
    mentions.push(m);
  }
  return mentions.sort((a, b) => a.start - b.start);
}
