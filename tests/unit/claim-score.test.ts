/** Claim scoring: how check-worthy sentences written for these tests come out, as a reader would rank them. */
import { describe, expect, it } from 'vitest';
import { detect } from '../../lib/detect';
import { NAMED_FEATURES } from '../../lib/detect/claim-features';
import { CLAIM_THRESHOLD, claimScore, logOdds } from '../../lib/detect/claim-score';
import { readSentences } from '../../lib/detect/claims';
import { analyse } from '../../lib/detect/index';
import { loadClaimWeights } from '../../lib/detect/models/codec';

const REF = { referenceDate: '2021-09-14' };

/** The score of a one-sentence text, as detection computes it. */
function score(sentence: string): number {
  const a = analyse(sentence, REF);
  const [r] = readSentences(a);
  if (!r) throw new Error(`no sentence read in "${sentence}"`);
  return claimScore(r.features);
}

describe('claim score', () => {
  it('ranks a figure from a named source above a plain opinion', () => {
    const stat = score('According to the Office for Budget Data, unemployment fell to 4.1 per cent in March.');
    const opinion = score('I think this is a wonderful idea and we should all be proud of it.');
    expect(stat).toBeGreaterThan(opinion);
    expect(stat).toBeGreaterThanOrEqual(CLAIM_THRESHOLD);
    expect(opinion).toBeLessThan(CLAIM_THRESHOLD);
  });

  it('ranks a record of what someone did above a promise to do it', () => {
    const done = score('The governor cut the school budget by 12 percent and closed 40 clinics last year.');
    const promise = score('We are going to build better schools and we will open new clinics for everyone.');
    expect(done).toBeGreaterThan(promise);
  });

  it('ranks a statement above the same words asked as a question', () => {
    const statement = score('The city spent 3 million dollars on the new bridge in 2015.');
    const question = score('Did the city spend 3 million dollars on the new bridge in 2015?');
    expect(statement).toBeGreaterThan(question);
  });

  it('leaves thanks and small talk below the threshold', () => {
    expect(score('Thank you very much, it is a real pleasure to be here with you tonight.')).toBeLessThan(
      CLAIM_THRESHOLD,
    );
  });

  it('learns how things are said, not who or which figure: other names and numbers score the same', () => {
    expect(score('Senator Maria Lopez voted against the bill 14 times in 1995.')).toBeCloseTo(
      score('Senator David Okafor voted against the bill 87 times in 1995.'),
      6,
    );
  });

  it('gives every claim detection returns a score between 0 and 1, and only check-worthy ones reach the threshold', () => {
    const d = detect(
      'Inflation rose to 6.2 per cent in August, the highest rate in 30 years, the statistics office said. ' +
        'I hope things get better soon. We should all be more careful with our money.',
      REF,
    );
    expect(d.claims.length).toBeGreaterThan(0);
    for (const c of d.claims) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
      if (c.kind === 'opinion') expect(c.score).toBeLessThan(CLAIM_THRESHOLD);
      else expect(c.score).toBeGreaterThanOrEqual(CLAIM_THRESHOLD);
    }
    expect(d.claims.find((c) => c.text.startsWith('Inflation'))?.kind).toBe('statistic');
  });
});

describe('claim model format', () => {
  it('reads named weights by name and word weights as signed bytes times the scale', () => {
    const bytes = Int8Array.from([0, 5, -3, 127]);
    const weights = loadClaimWeights({
      hashBits: 2,
      threshold: 0.5,
      named: { bias: -1, figure: 2 },
      wordScale: 0.5,
      words: Buffer.from(bytes.buffer).toString('base64'),
    });
    expect([...weights.words]).toEqual([0, 2.5, -1.5, 63.5]);
    const named = new Float32Array(NAMED_FEATURES.length);
    named[NAMED_FEATURES.indexOf('bias')] = 1;
    named[NAMED_FEATURES.indexOf('figure')] = 1;
    // -1 (bias) + 2 (figure) + 2.5 (bucket 1) - 1.5 (bucket 2)
    expect(logOdds(weights, { named, words: Uint32Array.from([1, 2]) })).toBeCloseTo(2, 6);
  });
});
