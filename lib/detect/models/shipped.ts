/**
 * The shipped models, each decoded once on first use (the content script pays for one only when
 * it detects something): the entity tagger's weights and the claim model's (lib/detect/models/codec.ts).
 */
import type { Weights } from '../pipeline/weights';
import { CLAIM_MODEL } from './claims.generated';
import { type ClaimWeights, decodeWeights, loadClaimWeights } from './codec';
import { ENTITY_WEIGHTS } from './entities.generated';

let entities: Weights | undefined;
let claims: ClaimWeights | undefined;

/** The entity tagger's weights, decoded on the first call. */
export function entityWeights(): Weights {
  entities ??= decodeWeights(ENTITY_WEIGHTS);
  return entities;
}

/** The claim model's weights, decoded on the first call. */
export function claimWeights(): ClaimWeights {
  claims ??= loadClaimWeights(CLAIM_MODEL);
  return claims;
}
