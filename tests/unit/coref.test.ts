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
