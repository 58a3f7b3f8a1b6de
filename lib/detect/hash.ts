/**
 * The one string hash of detection: FNV-1a over UTF-16 code units, stable across runs, engines and
 * platforms, so features hashed in training are the features hashed in the page.
 */

/** FNV-1a's offset basis: the default seed. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a's prime: also used to hash growing prefixes and suffixes in place. */
export const FNV_PRIME = 0x01000193;

/** One step of FNV-1a: `h` with the code unit `code` mixed in (unsigned with `>>> 0` once done). */
export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** FNV-1a of `s`, from `seed` (another hash, to chain words into pairs). */
export function hashString(s: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
}
