/**
 * Claim scoring: how check-worthy a sentence is, from 0 to 1, by a logistic regression over its
 * features (`claim-features.ts`). The weights and the decision threshold are learned by
 * `npm run train` (`scripts/train/claims.ts`) and live in `models/claims.generated.ts`; nothing
 * here is tuned by hand.
 */
import type { ClaimFeatures } from './claim-features';
import { CLAIM_MODEL } from './models/claims.generated';
import type { ClaimWeights } from './models/codec';
import { claimWeights } from './models/shipped';

/** The model's linear score (log-odds) for one sentence. */
export function logOdds(w: ClaimWeights, f: ClaimFeatures): number {
  let z = 0;
  for (let i = 0; i < f.named.length; i++) z += w.named[i]! * f.named[i]!;
  for (let i = 0; i < f.words.length; i++) z += w.words[f.words[i]!]!;
  return z;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Bits of the word-feature hash the shipped model was trained with. */
export const CLAIM_HASH_BITS = CLAIM_MODEL.hashBits;
/** The shipped model's decision threshold: a sentence scoring at least this is check-worthy. */
export const CLAIM_THRESHOLD = CLAIM_MODEL.threshold;

/** How check-worthy a sentence is, 0 to 1, by the shipped model (loaded on first use). */
export function claimScore(f: ClaimFeatures): number {
  return sigmoid(logOdds(claimWeights(), f));
}
