/**
 * The entity tagger's weights, decoded once on first use (the content script pays for it only when
 * it detects something).
 */
import type { Weights } from '../pipeline/weights';
import { decodeWeights } from '../pipeline/weights-codec';
import { ENTITY_WEIGHTS } from './entities.generated';

let weights: Weights | undefined;

/** The shipped weights, decoded on the first call. */
export function entityWeights(): Weights {
  weights ??= decodeWeights(ENTITY_WEIGHTS);
  return weights;
}
