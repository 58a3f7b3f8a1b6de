import { describe, expect, test } from 'vitest';
import { type FigureQuery, figureCheckResultSchema } from '../../lib/contracts/figures';
import { areaUnitOf, quantityOf } from '../../lib/contracts/quantity';
import { checkFigure } from '../../lib/figures/check';
import {
  chooseByDate,
  compareAge,
  compareArea,
  compareCount,
  compareFounded,
  possibleAges,
  roundingHalfStep,
  TOLERANCES,
} from '../../lib/figures/compare';
import type { GetJson } from '../../lib/wikimedia/http';
import { answerSourceRequest } from '../e2e/api-stand-in/source/answers';

const info = { entity: 'Berlin', url: 'https://www.wikidata.org/wiki/Q64' };
const berlin = [
  { amount: 3326002, asOf: '2011-12-31' },
  { amount: 3669491, asOf: '2019-12-31' },
  { amount: 3664088, asOf: '2020-12-31' },
  { amount: 3677472, asOf: '2021-12-31' },
  { amount: 3755251, asOf: '2022-12-31' },
];

describe('tolerances are what the documentation says', () => {
  test('2% relative, 3 years apart at most, small memberships exact', () => {
    expect(TOLERANCES).toEqual({ relative: 0.02, maxYearsApart: 3, exactMembersBelow: 1000 });
  });

  test("a figure's own rounding: half a step of its last significant digit", () => {
    expect(roundingHalfStep(3_700_000)).toBe(50_000);
    expect(roundingHalfStep(4_000_000)).toBe(500_000);
    expect(roundingHalfStep(3_677_472)).toBe(0);
    expect(roundingHalfStep(891.12)).toBe(0);
  });
});

describe('populations', () => {
  test('the value nearest the claim date is chosen, and the card says so', () => {
    expect(chooseByDate(berlin, '2021-09-14').value?.asOf).toBe('2021-12-31');
    expect(chooseByDate(berlin, '2020').value?.asOf).toBe('2020-12-31');
    expect(chooseByDate(berlin, '2016').value?.asOf).toBe('2019-12-31'); // 3.5 years vs 4.5 years
    expect(chooseByDate(berlin, undefined)).toMatchObject({ value: { asOf: '2022-12-31' }, chosen: /latest/ });
    expect(chooseByDate(berlin, '2021-09-14').chosen).toBe('nearest to 2021-09-14 of 5 dated values');
  });

  test('"3.7 million" in 2021 agrees; "4.5 million" differs by 22.4%', () => {
    const right = compareCount('population', 3_700_000, berlin, '2021-09-14', info);
    expect(right.verdict).toBe('agrees');
    expect(right.reference).toMatchObject({ amount: 3677472, asOf: '2021-12-31' });
    expect(right.message).toBe("Agrees with Wikidata's population of 3,677,472 (2021-12-31).");
    const wrong = compareCount('population', 4_500_000, berlin, '2021-09-14', info);
    expect(wrong.verdict).toBe('differs');
    expect(wrong.difference).toEqual({ amount: 22.4, unit: 'percent' });
    expect(wrong.message).toBe("Differs by 22.4% from Wikidata's population of 3,677,472 (2021-12-31).");
  });

  test('the 2% edge: 1.9% off agrees, 2.1% off differs (for a figure given to the unit)', () => {
    const ref = [{ amount: 1_000_000, asOf: '2020-01-01' }];
    expect(compareCount('population', 1_019_001, ref, '2020', info).verdict).toBe('agrees');
    expect(compareCount('population', 1_021_001, ref, '2020', info).verdict).toBe('differs');
    expect(compareCount('population', 978_999, ref, '2020', info).verdict).toBe('differs');
  });

  test('a round figure agrees within its own rounding: "4 million" for 3.68 million', () => {
    expect(compareCount('population', 4_000_000, berlin, '2021', info).verdict).toBe('agrees');
    // …but not beyond it: "5 million" is more than half a million off.
    expect(compareCount('population', 5_000_000, berlin, '2021', info).verdict).toBe('differs');
  });

  test('no value for that date: the nearest is more than 3 years away', () => {
    const check = compareCount('population', 3_300_000, [{ amount: 3326002, asOf: '2011-12-31' }], '2021', info);
    expect(check.verdict).toBe('cannot-compare');
    expect(check.reason).toBe('no-value-for-date');
    expect(check.message).toBe('Wikidata has no population for Berlin within 3 years of 2021 (nearest: 2011).');
    // Only undated values and a dated claim: not the value for that date either.
    expect(compareCount('population', 3_300_000, [{ amount: 3326002 }], '2021', info).reason).toBe('no-value-for-date');
    expect(compareCount('population', 3_300_000, [], '2021', info).reason).toBe('no-value');
  });

  test('membership: small counts exact', () => {
    const members = [{ amount: 30, asOf: '2020-03-27' }];
    expect(compareCount('members', 30, members, '2021', info).verdict).toBe('agrees');
    expect(compareCount('members', 31, members, '2021', info)).toMatchObject({
      verdict: 'differs',
      tolerance: 'exact',
    });
  });
});

describe('areas, ages and founding years', () => {
  test('areas: converted between units, 2% tolerance, unknown unit cannot be compared', () => {
    const area = [{ amount: 891.12, unit: 'Q712226' }];
    expect(areaUnitOf('square kilometres')).toBe('Q712226');
    expect(areaUnitOf('sq mi')).toBe('Q232291');
    expect(compareArea(891, 'Q712226', area, info).verdict).toBe('agrees');
    expect(compareArea(344, 'Q232291', area, info).verdict).toBe('agrees'); // 344 sq mi ≈ 891 km²
    expect(compareArea(950, 'Q712226', area, info)).toMatchObject({ verdict: 'differs', difference: { amount: 6.6 } });
    expect(compareArea(891, undefined, area, info)).toMatchObject({
      verdict: 'cannot-compare',
      reason: 'different-unit',
    });
    expect(compareArea(891, 'Q712226', [{ amount: 1, unit: 'Q999' }], info).reason).toBe('different-unit');
  });

  test('ages: exact with full dates; ±1 around the birthday when a date is not precise', () => {
    // Born 7 October 1952; on 14 September 2021 (before the birthday) the age was 68.
    expect(possibleAges('1952-10-07', '2021-09-14')).toEqual([68, 68]);
    expect(compareAge(68, '1952-10-07', '2021-09-14', info).verdict).toBe('agrees');
    expect(compareAge(69, '1952-10-07', '2021-09-14', info)).toMatchObject({
      verdict: 'differs',
      difference: { amount: 1, unit: 'years' },
    });
    // A claim dated only to 2021 spans the birthday: 68 or 69 both agree, 70 does not.
    expect(possibleAges('1952-10-07', '2021')).toEqual([68, 69]);
    expect(compareAge(69, '1952-10-07', '2021', info).verdict).toBe('agrees');
    expect(compareAge(70, '1952-10-07', '2021', info).verdict).toBe('differs');
    // A birth year only: either side of the birthday.
    expect(possibleAges('1965', '2021-09-14')).toEqual([55, 56]);
    expect(compareAge(55, '1965', undefined, info).reason).toBe('no-value-for-date');
  });

  test('founding years: exact', () => {
    expect(compareFounded(1920, '1920-04-06', info).verdict).toBe('agrees');
    expect(compareFounded(1921, '1920-04-06', info)).toMatchObject({
      verdict: 'differs',
      difference: { amount: 1, unit: 'years' },
    });
    expect(compareFounded(1921, undefined, info).reason).toBe('no-value');
  });

  test('the quantity is read from what the figure counts', () => {
    expect(quantityOf({ unit: 'count', of: 'people' })).toBe('population');
    expect(quantityOf({ unit: 'count', of: 'inhabitants' })).toBe('population');
    expect(quantityOf({ unit: 'other', of: 'square kilometres' })).toBe('area');
    expect(quantityOf({ unit: 'count', of: 'years old' })).toBe('age');
    expect(quantityOf({ unit: 'year', of: 'founded' })).toBe('founded');
    expect(quantityOf({ unit: 'count', of: 'member states' })).toBe('members');
    expect(quantityOf({ unit: 'count', of: 'types of weapons' })).toBeUndefined();
  });
});

describe('checking a figure against the Wikidata stand-in', () => {
  const urls: URL[] = [];
  const getJson: GetJson = async (raw) => {
    const url = new URL(raw);
    urls.push(url);
    const data = answerSourceRequest(url);
    return data === undefined ? { ok: false, failure: { status: 'error', reason: 'unavailable' } } : { ok: true, data };
  };
  const deps = {
    getJson,
    endpoints: { wikipedia: 'http://127.0.0.1:9/wikipedia/{lang}', wikidata: 'http://127.0.0.1:9/wikidata' },
    language: 'en',
  };
  const query = (number: number, extra: Partial<FigureQuery> = {}): FigureQuery => ({
    figure: { number, unit: 'count', of: 'people' },
    entity: { name: 'Berlin' },
    date: '2021-09-14',
    ...extra,
  });

  test('right and wrong population figures for Berlin, found by name', async () => {
    urls.length = 0;
    const right = await checkFigure(query(3_700_000), deps);
    expect(figureCheckResultSchema.safeParse(right).success).toBe(true);
    expect(right).toMatchObject({
      status: 'checked',
      quantity: 'population',
      verdict: 'agrees',
      reference: {
        amount: 3677472,
        asOf: '2021-12-31',
        entity: 'Berlin',
        url: 'https://www.wikidata.org/wiki/Q64',
        citedSource: 'statistik-berlin-brandenburg.de',
      },
    });
    expect(urls).toHaveLength(2); // the title's Wikidata id, then the entity
    const wrong = await checkFigure(query(4_500_000, { entity: { wikidataId: 'Q64' } }), deps);
    expect(wrong).toMatchObject({ verdict: 'differs', difference: { amount: 22.4, unit: 'percent' } });
  });

  test('a percentage about a population cannot be compared (different unit)', async () => {
    const check = await checkFigure(query(5, { figure: { number: 5, unit: 'percent', of: 'people' } }), deps);
    expect(check).toMatchObject({ verdict: 'cannot-compare', reason: 'different-unit' });
  });

  test('no population for that date; an unknown place; a failing source', async () => {
    expect(await checkFigure(query(3_300_000, { date: '1990' }), deps)).toMatchObject({
      verdict: 'cannot-compare',
      reason: 'no-value-for-date',
    });
    expect(await checkFigure(query(100, { entity: { name: 'Atlantis' } }), deps)).toEqual({
      status: 'error',
      reason: 'unavailable',
    });
    const broken: GetJson = async () => ({ ok: true, data: { entities: 5 } });
    expect(await checkFigure(query(1, { entity: { wikidataId: 'Q64' } }), { ...deps, getJson: broken })).toEqual({
      status: 'error',
      reason: 'malformed',
    });
  });
});
