/**
 * Coreference, the pipeline's step after naming: every name and event becomes an `EntityMention`
 * with the id of the entity it refers to, as `coref.ts` decides.
 */
import { EntityIndex, type KnownEntity } from '../coref';
import type { EventSpan } from '../events';
import type { EntityMention } from '../types';
import type { NameSpan } from './doc';

/**
 * Gives every mention an entity id and the fullest name the text gives it (`coref.ts` decides
 * which mentions are one entity: a later "Assad" or "Putin" joins the earlier "Bashar Al-Assad" or
 * "Vladimir Putin"). Event spans replace names they overlap.
 */
export function linkEntities(text: string, names: NameSpan[], events: EventSpan[]): EntityMention[] {
  // Names inside an event span give way to the event ("Syrian" in "Syrian presidential election").
  const covered = new Uint8Array(text.length + 1);
  for (const e of events) covered.fill(1, e.start, e.end);
  const kept = names.filter((n) => n.type !== 'other' && !covered[n.start] && !covered[n.end - 1]);
  let next = 0;
  const index = new EntityIndex(() => `e${next++}`);
  const mentions: Array<{ mention: EntityMention; entity: KnownEntity }> = [];
  for (const n of kept) {
    const surface = text.slice(n.start, n.end);
    const { entity } = index.resolve(n.type, surface);
    const m: EntityMention = { start: n.start, end: n.end, text: surface, type: n.type, entityId: entity.id, name: '' };
    if (n.role) m.role = n.role;
    mentions.push({ mention: m, entity });
  }
  for (const e of events) {
    const surface = text.slice(e.start, e.end);
    const { entity } = index.resolve('event', surface, e.lookupTitle ?? surface);
    const m: EntityMention = {
      start: e.start,
      end: e.end,
      text: surface,
      type: 'event',
      entityId: entity.id,
      name: '',
      date: e.date,
    };
    if (e.lookupTitle) m.lookupTitle = e.lookupTitle;
    mentions.push({ mention: m, entity });
  }
  // Names last: a full name met after a short one renames the entity for every mention.
  for (const { mention, entity } of mentions) mention.name = entity.name;
  return mentions.map((x) => x.mention).sort((a, b) => a.start - b.start);
}
