/**
 * The one string hash of detection: FNV-1a over UTF-16 code units, stable across runs, engines and
 * platforms, so features hashed in training are the features hashed in the page.
 */

/** FNV-1a's offset basis: the default seed. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a's prime: also used to hash growing prefixes and suffixes in place. */
export const FNV_PRIME = 0x01000193;

/** FNV-1a of `s`, from `seed` (another hash, to chain words into pairs). */
export function hashString(s: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
