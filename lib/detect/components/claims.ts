/**
 * The claims component: the sentences the model scores check-worthy hold claims, and those that
 * voice opinion are labelled so (lib/detect/claims.ts); each claim gets its id, the entities of
 * its sentence and a key phrase, and the attributions found earlier are tied to the claims of
 * their sentence.
 */
import { linkClaims } from '../attributions';
import { findClaims } from '../claims';
import { type DateExpression, plainDate } from '../dates';
import type { Doc } from '../pipeline/doc';
import { within } from '../spans';
import type { ClaimMention } from '../types';

/** Adds `doc.claims` and the claim ids of `doc.attributions` (after `sentences` and `attributions`). */
export function claims(doc: Doc): void {
  const { text } = doc;
  const { dated } = doc.setting;
  const entities = doc.entities!;
  const found: ClaimMention[] = findClaims(doc).map((c, i) => {
    const claimText = text.slice(c.start, c.end);
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
  linkClaims(doc.attributions!, found);
  doc.claims = found;
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
