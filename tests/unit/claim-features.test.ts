/** Claim features: what the model reads in a sentence, on sentences written for these tests. */
import { describe, expect, it } from 'vitest';
import { type ClaimSignals, claimFeatures, NAMED_FEATURES, wordBuckets } from '../../lib/detect/claim-features';
import { tokenize } from '../../lib/detect/tokens';

const NONE: ClaimSignals = {
  entities: [],
  figures: [],
  dates: 0,
  futureOnly: false,
  attributed: false,
  claimant: false,
  quote: false,
};

/** The named features that are on for `text`. */
function on(text: string, signals: Partial<ClaimSignals> = {}): string[] {
  const f = claimFeatures(tokenize(text).tokens, { ...NONE, ...signals }, 10);
  return NAMED_FEATURES.filter((_, i) => f.named[i] !== 0);
}

describe('claim features', () => {
  it('reads questions, first person and belief', () => {
    const f = on('Do I think we should raise taxes on working families?');
    expect(f).toEqual(expect.arrayContaining(['question', 'firstSingular', 'obligation']));
    expect(on('I believe the plan is wrong for this country.')).toContain('belief');
  });

  it('reads quantities, change, comparison and past tense', () => {
    const f = on('Exports doubled to more than two million tonnes after the treaty was signed.');
    expect(f).toEqual(expect.arrayContaining(['quantityWord', 'changeWord', 'comparison', 'past', 'record']));
    expect(f).not.toContain('question');
  });

  it('takes figures, dates, entities and attribution from the rest of detection', () => {
    const f = on('Prices rose.', {
      figures: [{ unit: 'percent' }, { unit: 'money' }],
      dates: 1,
      entities: [{ type: 'person' }, { type: 'place' }, { type: 'organization' }],
      attributed: true,
    });
    expect(f).toEqual(
      expect.arrayContaining([
        'figure',
        'figures2',
        'percent',
        'money',
        'date',
        'person',
        'place',
        'entities3',
        'attributed',
      ]),
    );
  });

  it('masks names and numbers in word features, so no particular one is learned', () => {
    const a = tokenize('Yesterday Maria Lopez said 40 people left Lima.').tokens;
    const b = tokenize('Yesterday David Okafor said 913 people left Osaka.').tokens;
    expect([...wordBuckets(a, 16)].sort()).toEqual([...wordBuckets(b, 16)].sort());
    // ... but the words themselves count.
    const c = tokenize('Yesterday David Okafor said 913 people joined Osaka.').tokens;
    expect([...wordBuckets(c, 16)].sort()).not.toEqual([...wordBuckets(b, 16)].sort());
  });

  it('gives longer words their endings, so other forms of a word share a feature', () => {
    const a = new Set(wordBuckets(tokenize('Taxes increased.').tokens, 16));
    const b = wordBuckets(tokenize('Taxes decreased.').tokens, 16);
    const c = new Set(wordBuckets(tokenize('Taxes fell.').tokens, 16));
    // All three share "taxes" and its pair with the start; "decreased" shares its ending with "increased" too.
    const shared = [...b].filter((x) => a.has(x));
    expect(shared.length).toBeGreaterThan([...b].filter((x) => c.has(x)).length);
  });

  it('keeps every bucket inside the hash space', () => {
    const buckets = wordBuckets(tokenize('A fairly long sentence with many different words in it, to hash.').tokens, 6);
    for (const b of buckets) expect(b).toBeLessThan(64);
  });
});
