import type { Quantity } from './figures';

/**
 * Which quantity a figure's words name, read the same way by the page (which figures to ask a
 * check for) and the background (what to compare); a file of its own so that only those two
 * carry it, not every context that imports the figures' contract.
 */

/**
 * The quantity a figure is about, from its unit and the words that say what it counts;
 * undefined when the words name nothing Wikidata holds for a place, person or organisation.
 */
export function quantityOf(figure: { unit: string; of?: string }): Quantity | undefined {
  const of = (figure.of ?? '').toLowerCase();
  if (figure.unit === 'year' && /\b(found|establish|creat|launch|since|incorporat)/.test(of)) return 'founded';
  if (/\b(years?[\s-]old|aged?)\b/.test(of)) return 'age';
  if (areaUnitOf(of)) return 'area';
  if (/\b(members?|member states|member countries)\b/.test(of)) return 'members';
  if (/\b(people|residents|inhabitants|population|citizens|persons|souls|dwellers)\b/.test(of)) return 'population';
  return undefined;
}

/** Reads an area unit from the words after a figure: "square kilometres", "sq mi", "km2", "hectares". */
export function areaUnitOf(words: string | undefined): string | undefined {
  if (!words) return undefined;
  const w = words.toLowerCase();
  if (/\b(square\s+kilomet(re|er)s?|sq\.?\s*km|km²|km2)\b|km²/.test(w)) return 'Q712226';
  if (/\b(square\s+miles?|sq\.?\s*mi(les?)?|mi²|mi2)\b/.test(w)) return 'Q232291';
  if (/\b(hectares?|ha)\b/.test(w)) return 'Q35852';
  if (/\bacres?\b/.test(w)) return 'Q81292';
  if (/\b(square\s+met(re|er)s?|m²|m2)\b|m²/.test(w)) return 'Q25343';
  return undefined;
}
