/**
 * PROVISIONAL claim score, until the learned model (branch i11a) lands: the hand-weighted
 * `factualScore` of the claim's sentence, squashed to 0..1 by a logistic around the
 * check-worthiness cut-off. At merge, i11a's learned `score` replaces this file's use in
 * `index.ts`; the selection of visible claim lines (lib/annotate/select-marks.ts) only reads
 * `ClaimMention.score`.
 */
import { CHECK_WORTHY, factualScore, type RawClaim } from './claims';
import { within } from './spans';
import type { EntityMention } from './types';

/** How many points of `factualScore` move the squashed score from 0.5 to about 0.73. */
const SCORE_SCALE = 1.5;
/** Opinions and predictions are never check-worthy: their score stays below any selection threshold. */
const OPINION_CEILING = 0.2;

/** A 0..1 check-worthiness for a claim found by `findClaims` in `text` (provisional, see above). */
export function provisionalClaimScore(text: string, claim: RawClaim, entities: readonly EntityMention[]): number {
  const sentence = text.slice(claim.sentence.start, claim.sentence.end);
  const raw = factualScore(sentence, {
    entities: within(entities, claim.sentence.start, claim.sentence.end).length,
    figures: claim.figures.length,
    dates: claim.dates.length,
    attributed: claim.via !== undefined || claim.claimant !== undefined,
  });
  const squashed = 1 / (1 + Math.exp(-(raw - CHECK_WORTHY) / SCORE_SCALE));
  return claim.kind === 'opinion' ? Math.min(squashed, OPINION_CEILING) : squashed;
}
