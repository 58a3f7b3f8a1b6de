/**
 * Claim scoring: how check-worthy a sentence is, from 0 to 1, by a logistic regression over its
 * features (`claim-features.ts`). The weights and the decision threshold are learned by
 * `npm run train` (`scripts/train/claims.ts`) and live in `models/claims.generated.ts`; nothing
 * here is tuned by hand.
 */
import { type ClaimFeatures, NAMED_FEATURES } from './claim-features';
import type { ClaimModel } from './models/claim-model';
import { CLAIM_MODEL } from './models/claims.generated';

export type { ClaimModel } from './models/claim-model';

/** A model ready to score: weights as arrays in feature order. */
export interface ClaimWeights {
  named: Float32Array;
  words: Float32Array;
}

/** Turns a stored model into arrays; a named feature the model lacks weighs 0. */
export function loadClaimWeights(model: ClaimModel): ClaimWeights {
  const named = Float32Array.from(NAMED_FEATURES, (n) => model.named[n] ?? 0);
  const bytes = atob(model.words);
  const words = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) words[i] = ((bytes.charCodeAt(i) << 24) >> 24) * model.wordScale;
  return { named, words };
}

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

let shipped: ClaimWeights | undefined;

/** How check-worthy a sentence is, 0 to 1, by the shipped model (loaded on first use). */
export function claimScore(f: ClaimFeatures): number {
  shipped ??= loadClaimWeights(CLAIM_MODEL);
  return sigmoid(logOdds(shipped, f));
}
