/** Detection on text written for these tests: what a reader would see marked, and what not. */
import { describe, expect, it } from 'vitest';
import { detect } from '../../lib/detect';
import type { Detection, EntityMention } from '../../lib/detect/types';

const REF = { referenceDate: '2021-09-14' };
const entity = (d: Detection, text: string): EntityMention | undefined => d.entities.find((e) => e.text === text);

describe('entities', () => {
  it('types people, places and organisations and keeps offsets exact', () => {
    const text =
      'Prime Minister Jane Holloway flew to Nairobi on Monday to meet officials of the World Bank, then visited Acme Holdings Ltd.';
    const d = detect(text, REF);
    expect(entity(d, 'Jane Holloway')).toMatchObject({ type: 'person', role: 'Prime Minister' });
    expect(entity(d, 'Nairobi')?.type).toBe('place');
    expect(entity(d, 'World Bank')?.type).toBe('organization');
    expect(entity(d, 'Acme Holdings Ltd.')?.type).toBe('organization');
    for (const e of d.entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('joins a later surname to the full name, even across a particle', () => {
    const d = detect('Omar al-Hakim arrived late. Later, Hakim spoke for an hour, and al-Hakim left.', REF);
    const full = entity(d, 'Omar al-Hakim')!;
    expect(full.type).toBe('person');
    const short = entity(d, 'Hakim')!;
    expect(short.entityId).toBe(full.entityId);
    expect(short.name).toBe('Omar al-Hakim');
  });

  it("joins an organisation's initials to its full name", () => {
    const d = detect('The National Budget Office (NBO) said prices rose. Later the NBO said rents fell.', REF);
    const full = entity(d, 'National Budget Office')!;
    const short = d.entities.filter((e) => e.text === 'NBO');
    expect(short).toHaveLength(2);
    for (const s of short) expect(s).toMatchObject({ entityId: full.entityId, name: 'National Budget Office' });
  });

  it('does not take capitalised sentence openers or months for names', () => {
    const d = detect('Meanwhile the talks resumed in May. However, nothing changed. Despite this, Canada agreed.', REF);
    expect(d.entities.map((e) => e.text)).toEqual(['Canada']);
  });

  it('separates nationalities (group) from places and strips them into roles', () => {
    const d = detect('German Chancellor Anna Brandt met Italian officials in Rome.', REF);
    expect(entity(d, 'Anna Brandt')).toMatchObject({ type: 'person', role: 'German Chancellor' });
    expect(entity(d, 'Italian')?.type).toBe('group');
    expect(entity(d, 'Rome')?.type).toBe('place');
  });

  it('reads places in all-caps datelines and headlines', () => {
    const d = detect('BRUSSELS 2021-09-13\nFARMERS PROTEST NEW RULES IN FRANCE\n', REF);
    expect(entity(d, 'BRUSSELS')?.type).toBe('place');
    expect(entity(d, 'FRANCE')?.type).toBe('place');
  });

  it('makes city names sports clubs on a results page', () => {
    const d = detect('Lincolnshire beat Yorkshire by 40 runs. Leeds 2 Manchester 1 in the league match.', REF);
    expect(entity(d, 'Leeds')?.type).toBe('organization');
    expect(entity(d, 'Manchester')?.type).toBe('organization');
  });

  it('finds laws and events named in capitals', () => {
    const d = detect('The Clean Water Act was cited during the Winter Olympics in Norway.', REF);
    expect(entity(d, 'Clean Water Act')?.type).toBe('law');
    expect(entity(d, 'Winter Olympics')?.type).toBe('event');
  });

  it('describes events in words with resolved dates', () => {
    const d = detect(
      'Brazil held a referendum in March. The earthquake which struck in 2010 killed thousands in Haiti.',
      REF,
    );
    const ref = d.entities.find((e) => e.type === 'event' && e.text.startsWith('referendum'));
    expect(ref?.date?.value).toBe('2021-03');
    expect(ref?.lookupTitle).toBe('2021 Brazilian referendum');
    const quake = d.entities.find((e) => e.type === 'event' && e.text.startsWith('earthquake'));
    expect(quake?.date?.value).toBe('2010');
  });
});

describe('entities: harder shapes', () => {
  it('splits an organisation in front of a title from the person after it', () => {
    const d = detect('Chess Federation President Anna Brandt said the rules would change.', REF);
    expect(entity(d, 'Chess Federation')?.type).toBe('organization');
    expect(entity(d, 'Anna Brandt')).toMatchObject({ type: 'person', role: 'Chess Federation President' });
  });

  it('keeps a place that opens a sentence whole, and leaves titles of works alone', () => {
    const d = detect('New York braced for the storm. She starred in " Night Over the Harbour " in 1990.', REF);
    expect(entity(d, 'New York')?.type).toBe('place');
    expect(d.entities.some((e) => e.text.includes('Harbour'))).toBe(false);
  });

  it('reads results lists: a name with a country in brackets, a list of players', () => {
    const d = detect(
      'Tomas Kravec ( Slovakia ) beat Oskarsson ( Sweden ) 6-4 6-3\nSquad : Brindle , Jason Orwell , Mark Tuvey .',
      REF,
    );
    expect(entity(d, 'Oskarsson')?.type).toBe('person');
    expect(entity(d, 'Slovakia')?.type).toBe('place');
    expect(entity(d, 'Jason Orwell')?.type).toBe('person');
  });

  it('ends a company name at its legal suffix', () => {
    const d = detect('The cars were made by Orbis Motor Corp of South Korea last year.', REF);
    expect(entity(d, 'Orbis Motor Corp')?.type).toBe('organization');
    expect(entity(d, 'South Korea')?.type).toBe('place');
  });
});

describe('dates', () => {
  const dateOf = (sentence: string, ref = REF) =>
    detect(sentence, ref).claims.flatMap((c) => c.dates.map((d) => d.value));
  it('resolves relative dates against the reference date', () => {
    expect(dateOf('The Ministry of Health said 300 clinics closed last year.')).toEqual(['2020']);
    expect(dateOf('The Ministry of Health said 300 clinics closed earlier this month.')).toEqual(['2021-09']);
    expect(dateOf('The Ministry of Health said 300 clinics closed in November.')).toEqual(['2020-11']);
    expect(dateOf('The Ministry of Health said 300 clinics closed yesterday.')).toEqual(['2021-09-13']);
    expect(dateOf('The Ministry of Health said 300 clinics closed on Friday.')).toEqual(['2021-09-10']);
    expect(dateOf('The Ministry of Health said 300 clinics closed on 3 March 2019.')).toEqual(['2019-03-03']);
  });
});

describe('claims', () => {
  it('normalises figures: percent, money, counts with what is counted', () => {
    const d = detect(
      'Unemployment fell to 5.5 per cent while the state spent $2.4 billion on 4,000 new homes for families.',
      REF,
    );
    const c = d.claims[0]!;
    expect(c.kind).toBe('statistic');
    expect(c.figures.map((f) => [f.number, f.unit])).toEqual([
      [5.5, 'percent'],
      [2.4e9, 'money'],
      [4000, 'count'],
    ]);
    expect(c.figures[1]!.currency).toBe('USD');
    expect(c.figures[2]!.of).toBe('new homes');
  });

  it('reads numbers written out in words', () => {
    const d = detect('The assembly has sustained forty-two vetoes and seventy objections since it met.', REF);
    expect(d.claims[0]?.kind).toBe('statistic');
    expect(d.claims[0]?.figures.map((f) => [f.number, f.of])).toEqual([
      [42, 'vetoes'],
      [70, 'objections'],
    ]);
  });

  it('gives quotes their claimant and the channel they came through', () => {
    const d = detect(
      'According to a company statement, Maria Lopez said the factory was “never at risk of closing”.',
      REF,
    );
    const q = d.claims.find((c) => c.kind === 'quote')!;
    expect(q.text).toBe('“never at risk of closing”');
    expect(q.claimant?.name).toBe('Maria Lopez');
    expect(q.via).toBe('company statement');
  });

  it('marks what the text itself disputes', () => {
    const d = detect('The vote, which observers described as fraudulent, gave the ruling party a majority.', REF);
    expect(d.claims[0]?.kind).toBe('disputed');
  });

  it('labels opinion and prediction, and leaves small talk alone', () => {
    const d = detect('I think the plan will be a disaster for everyone. Thank you. Good evening.', REF);
    expect(d.claims.every((c) => c.kind === 'opinion')).toBe(true);
    expect(d.claims.length).toBeLessThanOrEqual(1);
  });
});

describe('a wire story', () => {
  const text =
    'LONDON (Reuters) - Inflation fell to 3.2% in June, according to the Office for Budget Data. ' +
    '"Our exports have doubled since the treaty was signed," Finance Minister Jane Holloway told reporters. ' +
    'A spokesperson for the Bank of Ruritania declined to comment. ' +
    'Analysts expect rates to be cut next month. [Photo: Sam Lee/Harbour Images]';
  const d = detect(text, REF);

  it('splits sentences at straight quotes and keeps the dateline out of the claim', () => {
    const stat = d.claims.find((c) => c.kind === 'statistic')!;
    expect(stat.text).toBe('Inflation fell to 3.2% in June, according to the Office for Budget Data');
    expect(stat.via).toBe('Office for Budget Data');
    const quote = d.claims.find((c) => c.kind === 'quote')!;
    expect(quote.text).toBe('"Our exports have doubled since the treaty was signed,"');
    expect(quote.claimant?.name).toBe('Jane Holloway');
  });

  it('names whole organisations as sources, and credits without their label', () => {
    const source = (kind: string) => d.attributions.filter((a) => a.kind === kind).map((a) => a.source);
    expect(source('official')).toEqual(['Office for Budget Data']);
    expect(source('spokesperson')).toEqual(['Bank of Ruritania']);
    expect(source('credit')).toEqual(['Sam Lee', 'Harbour Images']);
  });

  it('takes a forecast for next month as opinion, not as an event to check', () => {
    const forecast = d.claims.find((c) => c.text.startsWith('Analysts expect'));
    expect(forecast?.kind ?? 'opinion').toBe('opinion');
  });
});

describe('attributions', () => {
  it('finds statements, spokespeople, outlets and photo credits', () => {
    const text =
      'The UN said 2,000 people had fled the city. A spokesperson told Reuters the border stayed open. ' +
      'Aid trucks wait at the crossing [Harbour Photo Agency/City Images]';
    const d = detect(text, REF);
    const by = (source: string) => d.attributions.find((a) => a.source === source);
    expect(by('UN')?.kind).toBe('statement');
    expect(by('UN')?.claimIds.length).toBe(1);
    expect(by('Reuters')?.kind).toBe('outlet');
    expect(d.attributions.some((a) => a.kind === 'spokesperson')).toBe(true);
    expect(d.attributions.filter((a) => a.kind === 'credit').map((a) => a.source)).toEqual([
      'Harbour Photo Agency',
      'City Images',
    ]);
  });
});

describe('robustness', () => {
  it('handles empty, odd and very long input without throwing', () => {
    expect(detect('')).toEqual({ entities: [], claims: [], attributions: [] });
    expect(() => detect('“”"“ [ ] ( ) — – ... ?!')).not.toThrow();
    const long = 'Anna Brandt visited Rome and Paris in 2019, spending $40 million. '.repeat(5000);
    const d = detect(long, REF);
    expect(d.entities.length).toBeGreaterThan(1000);
    expect(d.entities.at(-1)!.end).toBeLessThanOrEqual(long.length);
    // 340,000 characters: robustness, not speed (that is `npm run bench:detect`'s), on a busy machine.
  }, 30_000);

  it('links every citation of a page full of them to its own sentence', () => {
    const text = 'According to a Ministry statement, 12 schools closed. '.repeat(3000);
    const d = detect(text, REF);
    const cites = d.attributions.filter((a) => a.kind === 'statement');
    expect(cites).toHaveLength(3000);
    expect(new Set(cites.map((a) => a.claimIds[0])).size).toBe(3000);
  });
});

describe('place descriptors', () => {
  it('the kind of place the text names goes with every mention of it', () => {
    const text =
      'Troops entered the eastern province of Kandahar on Monday. Officials in Kandahar said the roads were closed. ' +
      'Farther west, Herat province was quiet, and Paris, the capital of France, sent aid.';
    const { entities } = detect(text, { referenceDate: '2021-09-14' });
    const of = (name: string) => entities.filter((e) => e.text === name);
    expect(of('Kandahar').length).toBe(2);
    expect(of('Kandahar').every((e) => e.descriptor === 'province')).toBe(true);
    expect(of('Herat')[0]?.descriptor).toBe('province');
    // "the capital of France" says what France has, not what it is.
    expect(of('France')[0]?.descriptor).toBeUndefined();
  });
});

it('names joined by a slash are two names (a photo credit names each source)', () => {
  const text = 'The two leaders met in Sochi. [Kremlin Press Office/Anadolu Agency]';
  const names = detect(text).entities.map((e) => e.text);
  expect(names).toContain('Kremlin Press Office');
  expect(names).toContain('Anadolu Agency');
  expect(names.some((n) => n.includes('/'))).toBe(false);
});
