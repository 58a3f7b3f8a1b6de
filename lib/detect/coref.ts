/**
 * Which earlier entity a mention refers to: the one home of that idea, used by detection (entity
 * ids within one text) and by the page's mention registry (ids across the chunks of one page), so a
 * later chunk's "Assad" joins "Bashar Al-Assad" exactly as the same chunk's would.
 *
 * A person's shorter name joins the longer one it ends ("Assad", "Al-Assad" and "Bashar Assad"
 * → "Bashar Al-Assad"), with Arabic article particles ignored; when two people share the surname,
 * the short form joins neither. A short name seen first is renamed when the full name comes
 * ("Putin" in a headline, "Vladimir Putin" below it). An organisation's initials join its full name
 * ("ONS" → "Office for National Statistics"), either order. Anything else joins only its own name.
 */
import type { EntityType } from './types';

/** An entity as the index knows it: its id and the fullest name seen so far. */
export interface KnownEntity {
  id: string;
  type: EntityType;
  name: string;
}

/** Particles of Arabic names written with or without them: "al-Assad" and "Assad" are one name. */
const PARTICLE = /^(?:al|el|ad|ar|as|ash|at|az|an)[-'’]/;
/** Small words an organisation's initials skip: "Office for National Statistics" → "ONS". */
const INITIALS_SKIP = new Set(['of', 'for', 'and', 'the', 'on', 'in', '&']);
/** Initials are two to six capitals, with or without full stops ("U.N.", "NATO"). */
const ACRONYM = /^[A-Z]{2,6}$/;

/** The words of a name as they are compared: lower case, curly quotes folded, particles dropped. */
export function nameKeys(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(PARTICLE, ''));
}

/** The initials of a multi-word name ("Office for National Statistics" → "ONS"). */
export function initialsOf(name: string): string {
  let out = '';
  for (const w of name.split(/\s+/)) if (w && !INITIALS_SKIP.has(w.toLowerCase())) out += w[0]!.toUpperCase();
  return out;
}

/** The acronym a name is, if it is one ("U.N." → "UN"), else undefined. */
function acronymOf(name: string): string | undefined {
  const bare = name.replace(/\./g, '');
  return ACRONYM.test(bare) ? bare : undefined;
}

const keyOf = (type: EntityType, words: string[]) => `${type}\u0000${words.join(' ')}`;

/** Remembers entities in the order they are met and matches later mentions to them. */
export class EntityIndex {
  private byName = new Map<string, KnownEntity>();
  /** People with two or more name words, by their last word. */
  private bySurname = new Map<string, KnownEntity[]>();
  /** People known so far by one word only, waiting for a full name. */
  private byLoneName = new Map<string, KnownEntity>();
  private byInitials = new Map<string, KnownEntity>();
  /** Organisations known so far by initials only, waiting for the full name. */
  private byAcronym = new Map<string, KnownEntity>();

  /** `newId` names each new entity ("e0", "x12"): the caller's id scheme. */
  constructor(private readonly newId: () => string) {}

  /** The entity `name` (of `type`) refers to, if one is known. */
  find(type: EntityType, name: string): KnownEntity | undefined {
    const words = nameKeys(name);
    const exact = this.byName.get(keyOf(type, words));
    if (exact) return exact;
    if (type === 'person' && words.length > 0) {
      const candidates = (this.bySurname.get(words.at(-1)!) ?? []).filter((e) => endsWith(nameKeys(e.name), words));
      if (new Set(candidates.map((e) => e.id)).size === 1) return candidates[0];
    }
    if (type === 'organization') {
      const acronym = acronymOf(name);
      if (acronym) return this.byInitials.get(acronym);
    }
    return undefined;
  }

  /**
   * The entity `name` refers to, made when none is known; `created` says which. A fuller name
   * renames the entity it joins, and a full name adopts the lone surname or initials met before it.
   * `matchName`, when given, is matched instead of `name` (an event's encyclopedia title).
   */
  resolve(type: EntityType, name: string, matchName = name): { entity: KnownEntity; created: boolean } {
    const words = nameKeys(matchName);
    let entity = this.find(type, matchName);
    if (!entity && type === 'person' && words.length >= 2) {
      entity = this.byLoneName.get(words.at(-1)!);
      if (entity) this.byLoneName.delete(words.at(-1)!);
    }
    if (!entity && type === 'organization' && words.length >= 2) {
      const initials = initialsOf(matchName);
      entity = this.byAcronym.get(initials);
      if (entity) this.byAcronym.delete(initials);
    }
    const created = !entity;
    if (!entity) entity = { id: this.newId(), type, name };
    else if (nameKeys(name).length > nameKeys(entity.name).length) entity.name = name;
    this.remember(entity, matchName);
    return { entity, created };
  }

  private remember(entity: KnownEntity, name: string): void {
    const words = nameKeys(name);
    const key = keyOf(entity.type, words);
    if (!this.byName.has(key)) this.byName.set(key, entity);
    if (entity.type === 'person') {
      const last = words.at(-1);
      if (!last) return;
      if (words.length >= 2) {
        const list = this.bySurname.get(last) ?? [];
        if (!list.includes(entity)) list.push(entity);
        this.bySurname.set(last, list);
      } else if (nameKeys(entity.name).length === 1 && !this.byLoneName.has(last)) this.byLoneName.set(last, entity);
    }
    if (entity.type === 'organization') {
      const acronym = acronymOf(name);
      if (words.length >= 2) {
        const initials = initialsOf(name);
        if (initials.length >= 2 && !this.byInitials.has(initials)) this.byInitials.set(initials, entity);
      } else if (acronym && !this.byInitials.has(acronym) && !this.byAcronym.has(acronym))
        this.byAcronym.set(acronym, entity);
    }
  }
}

function endsWith(words: string[], tail: string[]): boolean {
  if (tail.length >= words.length) return false;
  for (let k = 1; k <= tail.length; k++) if (words[words.length - k] !== tail[tail.length - k]) return false;
  return true;
}
