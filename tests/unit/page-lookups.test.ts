import { describe, expect, test } from 'vitest';
import type { PageEntity } from '../../lib/annotate/mentions';
import type { EntityQuery } from '../../lib/contracts/lookups';
import { MAX_LOOKUPS } from '../../lib/page/budgets';
import { Lookups } from '../../lib/page/lookups';

const entity = (i: number): PageEntity => ({ id: `e${i}`, name: `Name ${i}`, type: 'person' });
const settle = () => new Promise((done) => setTimeout(done, 80));

/** A page's lookups over a background that answers every name `none` and records what it was sent. */
function page() {
  const sent: { entities: EntityQuery[]; search: boolean }[] = [];
  const send = (async (_name: string, request: { entities: EntityQuery[]; search: boolean }) => {
    sent.push(request);
    return {
      ok: true,
      value: { results: Object.fromEntries(request.entities.map((q) => [q.key, { status: 'none' }])) },
    };
  }) as unknown as ConstructorParameters<typeof Lookups>[2];
  const lookups = new Lookups(
    () => 'en',
    () => {},
    send,
  );
  return { lookups, sent, asked: () => sent.flatMap((m) => m.entities.map((q) => q.key)) };
}

describe('the page’s lookups', () => {
  test(`a page with thousands of names looks up at most ${MAX_LOOKUPS} at load, and says it stopped`, async () => {
    const { lookups, sent, asked } = page();
    const all = Array.from({ length: 3000 }, (_, i) => entity(i));
    lookups.requestEntities(all, () => all);
    await settle();
    expect(asked()).toHaveLength(MAX_LOOKUPS);
    expect(sent.every((m) => m.entities.length <= 100)).toBe(true);
    expect(lookups.capped()).toBe(true);
    // More names appear later (infinite scroll): still none past the budget.
    lookups.requestEntities([entity(5000)], () => all);
    await settle();
    expect(asked()).toHaveLength(MAX_LOOKUPS);
    // The reader opens the card of a name past the budget: that one is looked up.
    lookups.requestEntities([entity(2999)], () => all, true);
    await settle();
    expect(asked().at(-1)).toBe('e2999');
  });

  test('a page within its budget is looked up whole and not reported as capped', async () => {
    const { lookups, asked } = page();
    const all = Array.from({ length: 249 }, (_, i) => entity(i));
    lookups.requestEntities(all, () => all);
    await settle();
    expect(asked()).toHaveLength(249);
    expect(lookups.capped()).toBe(false);
  });

  test('each name’s related names are the page’s first 30 others, read without walking every name', async () => {
    const { lookups, sent } = page();
    const all = Array.from({ length: 20_000 }, (_, i) => entity(i));
    let read = 0;
    const counted = function* () {
      for (const e of all) {
        read += 1;
        yield e;
      }
    };
    lookups.requestEntities(all.slice(0, 100), counted);
    await settle();
    const first = sent[0]!.entities;
    expect(first[0]!.related).toEqual(Array.from({ length: 30 }, (_, i) => `Name ${i + 1}`));
    expect(first[5]!.related).toEqual([
      ...Array.from({ length: 5 }, (_, i) => `Name ${i}`),
      ...Array.from({ length: 25 }, (_, i) => `Name ${i + 6}`),
    ]);
    // Linear: the page's 20,000 names are not read once per entity of the batch (2,000,000 reads).
    expect(read).toBeLessThanOrEqual(31);
  });
});
