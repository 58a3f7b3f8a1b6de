import { describe, expect, test } from 'vitest';
import { MentionRegistry } from '../../lib/annotate/mentions';
import { EntityIndex, initialsOf, nameKeys } from '../../lib/detect/coref';
import { detect } from '../../lib/detect/index';

const fresh = () => {
  let n = 0;
  return new EntityIndex(() => `e${n++}`);
};

describe('coref: matching later mentions to earlier ones', () => {
  test('a surname joins the full name, across an Arabic particle', () => {
    const index = fresh();
    const full = index.resolve('person', 'Bashar Al-Assad').entity;
    expect(index.resolve('person', 'Assad').entity).toBe(full);
    expect(index.resolve('person', 'al-Assad').entity).toBe(full);
    expect(index.resolve('person', 'Bashar Assad').entity).toBe(full);
    expect(full.name).toBe('Bashar Al-Assad');
  });

  test('a short name met first is renamed by the full name, and keeps its id', () => {
    const index = fresh();
    const short = index.resolve('person', 'Putin');
    const full = index.resolve('person', 'Vladimir Putin');
    expect(short.created).toBe(true);
    expect(full.created).toBe(false);
    expect(full.entity.id).toBe(short.entity.id);
    expect(short.entity.name).toBe('Vladimir Putin');
  });

  test('a surname two people share joins neither', () => {
    const index = fresh();
    const a = index.resolve('person', 'George Bush').entity;
    const b = index.resolve('person', 'Jeb Bush').entity;
    expect(a.id).not.toBe(b.id);
    expect(index.find('person', 'Bush')).toBeUndefined();
  });

  test('types are kept apart: the place Jordan is not the person Michael Jordan', () => {
    const index = fresh();
    const person = index.resolve('person', 'Michael Jordan').entity;
    expect(index.resolve('place', 'Jordan').entity.id).not.toBe(person.id);
  });

  test("an organisation's initials join its full name, in either order", () => {
    const index = fresh();
    const full = index.resolve('organization', 'Office for National Statistics').entity;
    expect(index.resolve('organization', 'ONS').entity).toBe(full);
    const later = fresh();
    const acronym = later.resolve('organization', 'U.N.').entity;
    expect(later.resolve('organization', 'United Nations').entity).toBe(acronym);
    expect(acronym.name).toBe('United Nations');
  });

  test('name words are compared without case, curly quotes or particles', () => {
    expect(nameKeys('Bashar Al-Assad')).toEqual(['bashar', 'assad']);
    expect(nameKeys('Martin O’Neill')).toEqual(['martin', "o'neill"]);
    expect(initialsOf('Organisation for Security and Cooperation in Europe')).toBe('OSCE');
  });
});

describe('coref: one answer within a text and across the chunks of a page', () => {
  const first = 'Syrian President Bashar Al-Assad met officials in Damascus on Monday.';
  const later = 'On Tuesday, Assad said the talks would go on.';

  test('within one detection run', () => {
    const d = detect(`${first}\n${later}`);
    const full = d.entities.find((e) => e.text === 'Bashar Al-Assad')!;
    const short = d.entities.find((e) => e.text === 'Assad')!;
    expect(short.entityId).toBe(full.entityId);
    expect(short.name).toBe('Bashar Al-Assad');
  });

  test('a later chunk joins the page entity an earlier chunk found', () => {
    const registry = new MentionRegistry();
    const a = registry.place(detect(first), [0], [first.length]);
    const b = registry.place(detect(later), [0], [later.length], 1);
    const full = a.find((m) => m.text === 'Bashar Al-Assad')!;
    const short = b.find((m) => m.text === 'Assad')!;
    expect(short.entity!.pageEntityId).toBe(full.entity!.pageEntityId);
    expect(short.label).toBe('Bashar Al-Assad');
  });

  test('a full name in a later chunk renames the entity an earlier chunk knew by surname', () => {
    const registry = new MentionRegistry();
    const a = registry.place(detect(later), [0], [later.length]);
    const b = registry.place(detect(first), [0], [first.length], 1);
    const short = a.find((m) => m.text === 'Assad')!;
    const full = b.find((m) => m.text === 'Bashar Al-Assad')!;
    expect(full.entity!.pageEntityId).toBe(short.entity!.pageEntityId);
    expect(registry.entities.get(short.entity!.pageEntityId)!.name).toBe('Bashar Al-Assad');
  });
});

describe('the registry settles a pass in reading order, whichever slice came back first', () => {
  const first = 'Syrian President Bashar Al-Assad met officials in Damascus on Monday.';
  const later = 'On Tuesday, Assad said the talks would go on.';
  const appended = 'Later, Assad left Damascus.';

  const pass = (registry: MentionRegistry, slices: Array<{ text: string; at: number }>) => {
    for (const { text, at } of slices) registry.place(detect(text), [0], [text.length], 0, at);
    return registry.settle();
  };
  const shape = (registry: MentionRegistry, mentions: ReturnType<MentionRegistry['settle']>) =>
    mentions.map((m) => [m.text, m.label, m.entity && registry.entities.get(m.entity.pageEntityId)]);

  test('the later slice placed first ends as the slices in order: same ids, names, entities and their order', () => {
    const inOrder = new MentionRegistry();
    const a = pass(inOrder, [
      { text: first, at: 0 },
      { text: later, at: 1 },
    ]);
    const reversed = new MentionRegistry();
    const b = pass(reversed, [
      { text: later, at: 1 },
      { text: first, at: 0 },
    ]);
    expect(shape(reversed, b)).toEqual(shape(inOrder, a));
    expect([...reversed.entities.values()]).toEqual([...inOrder.entities.values()]);
    const assad = b.filter((m) => m.kind === 'entity' && /Assad/.test(m.text));
    expect(new Set(assad.map((m) => m.entity!.pageEntityId)).size).toBe(1);
    expect(assad.every((m) => m.label === 'Bashar Al-Assad')).toBe(true);
    // Returned in reading order, every kind of mention of the pass.
    const texts = b.map((m) => m.text);
    expect(texts.indexOf('Bashar Al-Assad')).toBeLessThan(texts.indexOf('Assad'));
    expect(texts.indexOf('Damascus')).toBeLessThan(texts.indexOf('Assad'));
  });

  test('a later pass keeps the ids of the earlier ones and joins their entities', () => {
    const registry = new MentionRegistry();
    const load = pass(registry, [
      { text: later, at: 1 },
      { text: first, at: 0 },
    ]);
    const ids = new Map(load.filter((m) => m.entity).map((m) => [m.id, m.entity!.pageEntityId]));
    const added = pass(registry, [{ text: appended, at: 0 }]);
    for (const m of load) if (m.entity) expect(m.entity.pageEntityId).toBe(ids.get(m.id));
    const assad = load.find((m) => m.text === 'Bashar Al-Assad')!;
    expect(added.find((m) => m.text === 'Assad')!.entity!.pageEntityId).toBe(assad.entity!.pageEntityId);
    expect(added.every((m) => !load.includes(m))).toBe(true);
  });

  test('a page that keeps adding the same names keeps what it remembers of them bounded', () => {
    const registry = new MentionRegistry();
    pass(registry, [{ text: first, at: 0 }]);
    const entities = registry.entities.size;
    const remembered = () => (registry as unknown as { history: unknown[] }).history.length;
    const before = remembered();
    for (let k = 0; k < 50; k++) {
      const added = pass(registry, [{ text: appended, at: 0 }]);
      expect(added.find((m) => m.text === 'Assad')!.label).toBe('Bashar Al-Assad');
    }
    expect(registry.entities.size).toBe(entities);
    // One entry per name first met ("Assad"), not one per mention of fifty passes.
    expect(remembered()).toBe(before + 1);
  });
});
