import { describe, expect, test } from 'vitest';
import type { PageEntity } from '../../lib/annotate/mentions';
import { figureQueryFor } from '../../lib/page/source-lookups';

const berlin: PageEntity = { id: 'e0', name: 'Berlin', type: 'place' };
const person: PageEntity = { id: 'e1', name: 'Vladimir Putin', type: 'person' };

describe('which figures the page asks to check', () => {
  test("a count of people about a place: the place's population at the claim's date", () => {
    expect(figureQueryFor({ number: 3_700_000, unit: 'count', of: 'people' }, [person, berlin], '2021-09-14')).toEqual({
      figure: { number: 3_700_000, unit: 'count', of: 'people' },
      quantity: 'population',
      entity: { name: 'Berlin' },
      date: '2021-09-14',
    });
  });

  test('nothing to check: no quantity Wikidata holds, or no entity of the right kind', () => {
    expect(figureQueryFor({ number: 320, unit: 'count', of: 'types of weapons' }, [berlin], '2021')).toBeUndefined();
    expect(figureQueryFor({ number: 90, unit: 'percent' }, [berlin], '2021')).toBeUndefined();
    expect(figureQueryFor({ number: 3_700_000, unit: 'count', of: 'people' }, [person], '2021')).toBeUndefined();
  });

  test('an age is a person’s; a malformed date is dropped rather than sent', () => {
    expect(figureQueryFor({ number: 68, unit: 'count', of: 'years old' }, [berlin, person], 'last year')).toEqual({
      figure: { number: 68, unit: 'count', of: 'years old' },
      quantity: 'age',
      entity: { name: 'Vladimir Putin' },
      date: undefined,
    });
  });
});
