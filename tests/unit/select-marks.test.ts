import { describe, expect, test } from 'vitest';
import {
  claimLineBudget,
  countSentences,
  DEFAULT_LINE_LIMITS,
  type LineCandidate,
  type LineInput,
  nameLineBudget,
  selectLines,
} from '../../lib/annotate/select-marks';

const KEY = { claims: 'key', names: 'first' } as const;
const ALL = { claims: 'all', names: 'every' } as const;

const name = (id: string, at: number, entity: string, entityType = 'person'): LineCandidate => ({
  id,
  kind: 'entity',
  at,
  entity,
  entityType,
});
const claim = (id: string, at: number, score: number, extra: Partial<NonNullable<LineCandidate['claim']>> = {}) => ({
  id,
  kind: 'claim' as const,
  at,
  claim: { score, kind: 'factual', hasFigure: false, attributed: false, sentence: `s${id}`, ...extra },
});
const input = (mentions: LineCandidate[], more: Partial<LineInput> = {}): LineInput => ({
  mentions,
  sentences: 40,
  words: 800,
  choice: KEY,
  ...more,
});
/** A deterministic shuffle: the page meets mentions in slice order, not reading order. */
const shuffled = <T>(list: T[]) =>
  list
    .map((x, i) => ({ x, k: (i * 7919) % 13 }))
    .sort((a, b) => a.k - b.k)
    .map((p) => p.x);

describe('names: first mention', () => {
  const mentions = [
    name('e1', 10, 'assad'),
    name('e2', 50, 'putin'),
    name('e3', 90, 'assad'),
    name('e4', 400, 'assad'),
  ];

  test('each entity shows a line at its first mention in reading order only', () => {
    expect([...selectLines(input(mentions))].sort()).toEqual(['e1', 'e2']);
  });

  test('the order the page met them in changes nothing', () => {
    expect(selectLines(input(shuffled(mentions)))).toEqual(selectLines(input(mentions)));
  });

  test('"every mention" lines them all', () => {
    expect(selectLines(input(mentions, { choice: { claims: 'key', names: 'every' } })).size).toBe(4);
  });

  test('a long article lines a name again in a later stretch', () => {
    const far = DEFAULT_LINE_LIMITS.sectionChars + 100;
    const lines = selectLines(input([...mentions, name('e5', far, 'assad'), name('e6', far + 20, 'assad')]));
    expect(lines.has('e5')).toBe(true);
    expect(lines.has('e6')).toBe(false);
  });

  test('a line already shown stays when text appears above it later', () => {
    const before = selectLines(input([name('e3', 90, 'assad')]));
    expect(before.has('e3')).toBe(true);
    const after = selectLines(input([name('e1', 10, 'assad'), name('e3', 90, 'assad')], { kept: before }));
    expect([...after].sort()).toEqual(['e1', 'e3']);
  });

  test('past the budget, names the article returns to and named things come before one-off groups', () => {
    const budget = nameLineBudget(100);
    const many: LineCandidate[] = [];
    for (let i = 0; i < budget + 5; i++) many.push(name(`g${i}`, i, `group${i}`, 'group'));
    many.push(name('p1', 500, 'smith'), name('p2', 600, 'smith'), name('o1', 700, 'acme', 'organization'));
    const lines = selectLines(input(many, { words: 100 }));
    expect(lines.size).toBe(budget);
    expect(lines.has('p1')).toBe(true);
    expect(lines.has('o1')).toBe(true);
    expect(lines.has('p2')).toBe(false);
  });
});

describe('claims: the key ones', () => {
  test('only claims at or above the key score, strongest first, within a quarter of the sentences', () => {
    const claims = Array.from({ length: 30 }, (_, i) => claim(`c${i}`, i * 100, 0.5 + i * 0.015));
    const lines = selectLines(input(claims, { sentences: 80 }));
    expect(lines.size).toBe(claimLineBudget(80));
    expect(lines.size).toBe(20);
    // The strongest are the last ones here.
    expect(lines.has('c29')).toBe(true);
    expect(lines.has('c10')).toBe(true);
    expect(lines.has('c9')).toBe(false);
    for (const id of lines) expect(claims.find((c) => c.id === id)!.claim.score).toBeGreaterThanOrEqual(0.6);
  });

  test('disputed claims and attributed figures keep priority over stronger plain ones', () => {
    const claims = [
      ...Array.from({ length: 12 }, (_, i) => claim(`c${i}`, i, 0.95)),
      claim('d', 50, 0.4, { kind: 'disputed' }),
      claim('f', 60, 0.62, { hasFigure: true, attributed: true }),
      claim('u', 70, 0.99, { hasFigure: true, attributed: false }),
    ];
    const lines = selectLines(input(claims, { sentences: 20 }));
    expect(lines.has('d')).toBe(true);
    expect(lines.has('f')).toBe(true);
    expect(lines.size).toBe(claimLineBudget(20));
  });

  test('a claim that dates what it states needs a lower score for its line, and still competes on score', () => {
    const claims = [
      claim('dated', 10, 0.55, { dated: true }),
      claim('undated', 20, 0.55),
      claim('dated-weak', 30, 0.4, { dated: true }),
    ];
    const lines = selectLines(input(claims));
    expect([...lines]).toEqual(['dated']);
    // Within a full budget, the stronger plain claims come before it.
    const full = [
      ...Array.from({ length: 10 }, (_, i) => claim(`c${i}`, 100 + i, 0.9)),
      claim('late', 5, 0.55, { dated: true }),
    ];
    expect(selectLines(input(full, { sentences: 20 })).has('late')).toBe(false);
  });

  test('claims in one sentence share its place in the budget', () => {
    const claims = Array.from({ length: 14 }, (_, i) => claim(`c${i}`, i, 0.9, { sentence: `s${i % 2}` }));
    expect(selectLines(input(claims)).size).toBe(14);
  });

  test('"all" lines every claim; shuffled input picks the same lines', () => {
    const claims = Array.from({ length: 30 }, (_, i) => claim(`c${i}`, i * 100, ((i * 37) % 100) / 100));
    expect(selectLines(input(claims, { choice: ALL })).size).toBe(30);
    expect(selectLines(input(shuffled(claims)))).toEqual(selectLines(input(claims)));
  });
});

describe('counting sentences', () => {
  test('full stops, questions and a heading without a stop', () => {
    expect(countSentences('One. Two? Three!')).toBe(3);
    expect(countSentences('A heading without a stop')).toBe(1);
    expect(countSentences('He said “yes.” Then he left')).toBe(2);
    expect(countSentences('U.S. officials met on 3.5 per cent. Fine.')).toBeGreaterThanOrEqual(2);
    expect(countSentences('   ')).toBe(0);
  });
});
