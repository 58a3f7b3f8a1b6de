/** The entity components of detection, one by one, on texts written for these tests. */
import { describe, expect, test } from 'vitest';
import { hashString } from '../../lib/detect/hash';
import { decodeWeights, encodeWeights } from '../../lib/detect/models/codec';
import { entityWeights } from '../../lib/detect/models/shipped';
import { createDoc, type TaggedSpan } from '../../lib/detect/pipeline/doc';
import { typeEntities } from '../../lib/detect/pipeline/entity-types';
import { fastDecoderFor } from '../../lib/detect/pipeline/fast-decoder';
import { allowed, feature, shape, staticFeatures, TAGS } from '../../lib/detect/pipeline/features';
import { LEX, tagLexicon } from '../../lib/detect/pipeline/lexicon-tags';
import { linkEntities } from '../../lib/detect/pipeline/link-entities';
import { decode, spansFromTags, tagEntities, type Weights } from '../../lib/detect/pipeline/tagger';

const tokenIndex = (text: string, word: string, from = 0) => {
  const doc = createDoc(text);
  return doc.tokens.findIndex((t, i) => i >= from && t.text === word);
};

describe('lexicon tagging', () => {
  test('marks word-list membership, whole phrases and all-capital words', () => {
    const text = 'BRUSSELS 2021-09-13\nPrime Minister Jane Holloway flew to New York with the Kurdish delegation.';
    const doc = tagLexicon(createDoc(text));
    const bits = (w: string) => doc.lex![tokenIndex(text, w)]!;
    expect(bits('BRUSSELS') & LEX.city).toBeTruthy();
    expect(bits('Minister') & LEX.title).toBeTruthy();
    expect(bits('Jane') & LEX.given).toBeTruthy();
    expect(bits('New') & LEX.city).toBeTruthy();
    expect(bits('York') & LEX.phraseInside).toBeTruthy();
    expect(bits('Kurdish') & LEX.demonym).toBeTruthy();
    expect(bits('delegation') & (LEX.city | LEX.given | LEX.demonym)).toBe(0);
  });

  test('document bits: a word used in lower case elsewhere, a surname used in a full name elsewhere', () => {
    const text = 'Bashar Al-Assad spoke.\nMarkets fell.\nAssad left for the markets.';
    const doc = tagLexicon(createDoc(text));
    expect(doc.lex![tokenIndex(text, 'Markets')]! & LEX.lowerElsewhere).toBeTruthy();
    expect(doc.lex![tokenIndex(text, 'Assad')]! & LEX.runTailSomewhere).toBeTruthy();
    expect(doc.lex![tokenIndex(text, 'spoke')]! & LEX.runTailSomewhere).toBe(0);
  });

  test('organisations on the list, whole phrases and all-capital', () => {
    const text = 'Aston Villa and NASA signed.\nShares of Kodak fell.';
    const doc = tagLexicon(createDoc(text));
    const bits = (w: string) => doc.lex![tokenIndex(text, w)]!;
    expect(bits('Aston') & LEX.organisation).toBeTruthy();
    expect(bits('Villa') & LEX.phraseInside).toBeTruthy();
    expect(bits('NASA') & LEX.organisation).toBeTruthy();
    expect(bits('Kodak') & LEX.organisation).toBeTruthy();
    expect(bits('Shares') & LEX.organisation).toBe(0);
  });

  test('a run of capitalised words tells each of its words what its last word heads', () => {
    const text =
      'Shares in Tarvel Mining Ltd rose.\nThe Bank of Ostrava said so.\nThey crossed Bell Street and won the Veldt Cup.\nTarvel rose.';
    const doc = tagLexicon(createDoc(text));
    const bits = (w: string, from = 0) => doc.lex![tokenIndex(text, w, from)]!;
    expect(bits('Tarvel') & LEX.runEndsOrg).toBeTruthy();
    expect(bits('Mining') & LEX.runEndsOrg).toBeTruthy();
    // With a joiner, the word before it is the head: "Bank of Ostrava" is a bank.
    expect(bits('Bank') & LEX.runEndsOrg).toBeTruthy();
    expect(bits('Ostrava') & LEX.runEndsOrg).toBeTruthy();
    expect(bits('Bell') & LEX.runEndsPlace).toBeTruthy();
    expect(bits('Veldt') & LEX.runEndsEvent).toBeTruthy();
    // One word alone is no run, and a run's bits stay with its own words.
    expect(bits('Tarvel', 20) & LEX.runEndsOrg).toBe(0);
    expect(bits('Shares') & (LEX.runEndsOrg | LEX.runEndsPlace | LEX.runEndsEvent)).toBe(0);
  });
});

describe('features', () => {
  test('are stable numbers: the same text gives the same features, a different word different ones', () => {
    expect(hashString('putin')).toBe(hashString('putin'));
    expect(feature(2, hashString('putin'))).not.toBe(feature(2, hashString('assad')));
    expect(feature(2, 5)).toBeLessThan(2 ** 30);
    const a = staticFeatures(tagLexicon(createDoc('Putin met Assad.')));
    const b = staticFeatures(tagLexicon(createDoc('Putin met Assad.')));
    expect(Array.from(a.feats.subarray(0, a.offsets.at(-1)))).toEqual(
      Array.from(b.feats.subarray(0, b.offsets.at(-1))),
    );
  });

  test('word shapes collapse runs of the same kind of character', () => {
    expect(shape('Putin')).toBe('Xx');
    expect(shape('U.S.')).toBe('X.X.');
    expect(shape('1996-08-22')).toBe('d-d-d');
    expect(shape('McDonald')).toBe('XxXx');
  });

  test('an I- tag may only continue a span of its own type', () => {
    const tag = (t: string) => TAGS.indexOf(t as (typeof TAGS)[number]);
    expect(allowed(tag('B-PER'), tag('I-PER'))).toBe(true);
    expect(allowed(tag('I-PER'), tag('I-PER'))).toBe(true);
    expect(allowed(tag('O'), tag('I-PER'))).toBe(false);
    expect(allowed(tag('B-LOC'), tag('I-PER'))).toBe(false);
    expect(allowed(tag('I-ORG'), tag('B-PER'))).toBe(true);
  });
});

describe('tagging', () => {
  test('BIO tags read as spans, split where a type changes or a B- starts again', () => {
    const doc = createDoc('Kent beat Surrey at Lord Street today');
    const t = (s: string) => TAGS.indexOf(s as (typeof TAGS)[number]);
    const tags = Uint8Array.from([t('B-ORG'), t('O'), t('B-ORG'), t('O'), t('B-LOC'), t('I-LOC'), t('B-LOC')]);
    const spans = spansFromTags(doc, tags);
    expect(spans).toEqual<TaggedSpan[]>([
      { first: 0, last: 1, type: 'ORG' },
      { first: 2, last: 3, type: 'ORG' },
      { first: 4, last: 6, type: 'LOC' },
      { first: 6, last: 7, type: 'LOC' },
    ]);
  });

  test('with no weights every token is O; with the shipped weights names are found', () => {
    const empty: Weights = { index: new Map(), values: [] };
    const doc = tagLexicon(createDoc('Angela Merkel visited Paris.'));
    expect(Array.from(decode(doc, staticFeatures(doc), empty))).toEqual([0, 0, 0, 0, 0]);
    const tagged = tagEntities(createDoc('Angela Merkel visited Paris on Monday.'), entityWeights()).tagged!;
    expect(tagged).toEqual(
      expect.arrayContaining([
        { first: 0, last: 2, type: 'PER' },
        { first: 3, last: 4, type: 'LOC' },
      ]),
    );
  });

  test('scoring by group gives exactly the tags of scoring feature by feature', () => {
    const text = [
      'WORLD CUP: BRAZIL BEAT GERMANY 2-1 IN RIO',
      'Finance Minister Ana Costa told the Central Bank of Brazil on Monday that the plan of Dom Pedro Holdings would fail.',
      '"It is over," said Costa, who met Chancellor Olaf Brandt and the U.S. envoy in New York.',
      'costa and brandt later flew to São Paulo with executives of Petrobras and the World Health Organization.',
    ].join('\n');
    const weights = entityWeights();
    const fast = fastDecoderFor(weights);
    expect(fast).not.toBeNull();
    const doc = tagLexicon(createDoc(text));
    const byFeature = Array.from(decode(doc, staticFeatures(doc), weights));
    expect(byFeature.some((t) => t !== 0)).toBe(true);
    expect(Array.from(fast!.decode(doc))).toEqual(byFeature);
    // Twice: the second run reads the sums the first one kept.
    expect(Array.from(fast!.decode(doc))).toEqual(byFeature);
  });

  test('weights whose sums could round are left to the feature-by-feature decoder', () => {
    const values = new Float32Array(18);
    values[0] = 1e-6;
    values[9] = 1e6;
    expect(
      fastDecoderFor({
        index: new Map([
          [1, 0],
          [2, 9],
        ]),
        values,
      }),
    ).toBeNull();
    expect(fastDecoderFor({ index: new Map([[1, 0]]), values: values.slice(0, 9) })).not.toBeNull();
  });

  test('the weights survive encoding: ranking kept, tiny features pruned', () => {
    const index = new Map([
      [7, 0],
      [1_000_000, 9],
      [42, 18],
    ]);
    const values = new Float64Array(27);
    values.set([0, 3.5, -1, 0, 0, 0, 0, 0, 200], 0);
    values.set([-0.25, 0, 0, 0.5, 0, 0, 0, 0, 0], 9);
    values.set([0.01, 0, 0, 0, 0, 0, 0, 0, 0], 18);
    const back = decodeWeights(encodeWeights({ index, values }, 0.05).data);
    expect([7, 42, 1_000_000].map((f) => back.index.get(f) !== undefined)).toEqual([true, false, true]);
    const at = back.index.get(7)!;
    expect(back.values[at + 8]!).toBeCloseTo(200, -1);
    expect(back.values[at + 1]! / 3.5).toBeGreaterThan(0.95);
    expect(back.values[at + 1]! / 3.5).toBeLessThan(1.05);
    expect(back.values[back.index.get(1_000_000)! + 3]).toBeGreaterThan(0);
    expect(back.values[back.index.get(1_000_000)!]).toBeLessThan(0);
  });
});

describe('naming', () => {
  const named = (text: string, tagged: TaggedSpan[]) => {
    const doc = tagLexicon(createDoc(text));
    doc.tagged = tagged;
    return typeEntities(doc).names!.map((n) => ({ text: text.slice(n.start, n.end), type: n.type, role: n.role }));
  };

  test('titles before a person go to the role, with the place or body they qualify', () => {
    expect(
      named('Russian President Vladimir Putin spoke.', [
        { first: 0, last: 1, type: 'MISC' },
        { first: 2, last: 4, type: 'PER' },
      ]),
    ).toEqual([
      { text: 'Russian', type: 'group', role: undefined },
      { text: 'Vladimir Putin', type: 'person', role: 'Russian President' },
    ]);
    expect(
      named('Chess Federation President Anna Brandt resigned.', [
        { first: 0, last: 2, type: 'ORG' },
        { first: 3, last: 5, type: 'PER' },
      ]),
    ).toEqual([
      { text: 'Chess Federation', type: 'organization', role: undefined },
      { text: 'Anna Brandt', type: 'person', role: 'Chess Federation President' },
    ]);
  });

  test('a title the tagger took into the name is moved out of it', () => {
    expect(named('President Obama left.', [{ first: 0, last: 2, type: 'PER' }])).toEqual([
      { text: 'Obama', type: 'person', role: 'President' },
    ]);
  });

  test('a place that issues statements is the body that sits there', () => {
    const text = 'A Kremlin statement said so, and the Kremlin is old.';
    const doc = createDoc(text);
    const at = doc.tokens.map((t, i) => (t.text === 'Kremlin' ? i : -1)).filter((i) => i >= 0);
    const out = named(
      text,
      at.map((i) => ({ first: i, last: i + 1, type: 'LOC' as const })),
    );
    expect(out.map((n) => n.type)).toEqual(['organization', 'place']);
  });

  test('a country is a place even when tagged as an organisation', () => {
    const text = 'Sanctions by the US and EU.';
    const doc = createDoc(text);
    const at = (w: string) => doc.tokens.findIndex((t) => t.text === w);
    const out = named(text, [
      { first: at('US'), last: at('US') + 1, type: 'ORG' },
      { first: at('EU'), last: at('EU') + 1, type: 'ORG' },
    ]);
    expect(out.map((n) => n.type)).toEqual(['place', 'organization']);
  });

  test('a company name ends at its legal form; the place after "of" is a place', () => {
    const text = 'Cars made by Orbis Motor Corp of South Korea sold well.';
    const doc = createDoc(text);
    const at = (w: string) => doc.tokens.findIndex((t) => t.text === w);
    expect(named(text, [{ first: at('Orbis'), last: at('Korea') + 1, type: 'ORG' }])).toEqual([
      { text: 'Orbis Motor Corp', type: 'organization', role: undefined },
      { text: 'South Korea', type: 'place', role: undefined },
    ]);
  });

  test('MISC becomes a law, an event or a group by its words, and is dropped otherwise', () => {
    const text = 'The Clean Water Act, the Winter Olympics, Italian fans and Iron Maiden.';
    const doc = createDoc(text);
    const at = (w: string) => doc.tokens.findIndex((t) => t.text === w);
    const out = named(text, [
      { first: at('Clean'), last: at('Act') + 1, type: 'MISC' },
      { first: at('Winter'), last: at('Olympics') + 1, type: 'MISC' },
      { first: at('Italian'), last: at('Italian') + 1, type: 'MISC' },
      { first: at('Iron'), last: at('Maiden') + 1, type: 'MISC' },
    ]);
    expect(out.map((n) => n.type)).toEqual(['law', 'event', 'group', 'other']);
  });
});

describe('linking (coreference over names and events)', () => {
  test('mentions of one entity share its id and its fullest name; events replace the names inside them', () => {
    const text = 'Putin spoke. Vladimir Putin won the Russian election in 2018.';
    const span = (s: string, type: 'person' | 'group') => {
      const start = text.indexOf(s, s === 'Putin' ? 0 : 1);
      return { start, end: start + s.length, first: 0, last: 1, type };
    };
    const names = [span('Putin', 'person'), span('Vladimir Putin', 'person'), span('Russian', 'group')];
    const eventStart = text.indexOf('Russian election');
    const events = [
      {
        start: eventStart,
        end: text.indexOf('2018') + 4,
        date: { start: 0, end: 0, text: '2018', value: '2018' },
        lookupTitle: '2018 Russian election',
      },
    ];
    const linked = linkEntities(text, names, events);
    expect(linked.map((m) => [m.text, m.type, m.name])).toEqual([
      ['Putin', 'person', 'Vladimir Putin'],
      ['Vladimir Putin', 'person', 'Vladimir Putin'],
      ['Russian election in 2018', 'event', 'Russian election in 2018'],
    ]);
    expect(linked[0]!.entityId).toBe(linked[1]!.entityId);
  });
});
