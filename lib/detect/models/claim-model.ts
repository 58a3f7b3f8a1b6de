/**
 * The shape of the generated claim model (`claims.generated.ts`, written by
 * `scripts/train/claims.ts`), apart from the scorer that reads it so the two do not import each other.
 */

/** The shape of a generated claim model. */
export interface ClaimModel {
  /** Word features hash into `1 << hashBits` buckets. */
  hashBits: number;
  /** Scores at or above this are check-worthy (chosen by cross-validation on the training split). */
  threshold: number;
  /** Weight of each named feature. */
  named: Readonly<Record<string, number>>;
  /** A word bucket's weight is its signed byte times this. */
  wordScale: number;
  /** One signed byte per word bucket, base64. */
  words: string;
}
