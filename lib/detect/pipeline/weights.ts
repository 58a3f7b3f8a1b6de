/**
 * The tagger's weights as both decoders read them (`tagger.ts` one feature at a time,
 * `fast-decoder.ts` by group), as the codec gives them back and as training holds them.
 */

/** Weights by feature: `index` gives the offset of a feature's TAG_COUNT weights in `values`. */
export interface Weights {
  index: { get(feature: number): number | undefined };
  values: ArrayLike<number>;
}
