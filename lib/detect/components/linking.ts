/**
 * The linking component: every name and event becomes an `EntityMention` with the id of the
 * entity it refers to (lib/detect/pipeline/link-entities.ts), and places get the kind of place
 * the text says they are.
 */
import type { Doc } from '../pipeline/doc';
import { linkEntities } from '../pipeline/link-entities';
import type { EntityMention } from '../types';

/** Adds `doc.entities` (after `naming` and `events`). */
export function linking(doc: Doc): void {
  const entities = linkEntities(doc.text, doc.names!, doc.events!);
  addDescriptors(doc.text, entities);
  doc.entities = entities;
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
