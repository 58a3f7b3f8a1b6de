import type { FigureCheck } from '../contracts/figures';

/**
 * Figure comparisons, pure: the claimed number against Wikidata's values, with explicit
 * tolerances. Every tolerance here is named, documented and unit-tested.
 */

/**
 * - Populations and membership counts agree within 2% of Wikidata's value, or within the
 *   rounding the figure itself shows ("3.7 million" stands for anything from 3.65 to 3.75
 *   million), whichever is wider: news rounds, censuses and registers differ slightly.
 *   A value more than 3 years from the claim's date is not "the value for that date".
 * - Small membership counts (under 1000: member states of an alliance) must be exact.
 * - Areas agree within 2% (boundaries and survey methods differ) after unit conversion.
 * - Ages are exact; when the birthday's place relative to the claim's date is not known
 *   (a birth year only, or a claim dated to a month or year), every age possible in that
 *   window agrees: in effect ±1 around birthdays.
 * - Founding years are exact.
 */
export const TOLERANCES = {
  relative: 0.02,
  maxYearsApart: 3,
  exactMembersBelow: 1000,
} as const;

const MS_PER_YEAR = 365.2425 * 24 * 3_600_000;

export interface DatedValue {
  amount: number;
  /** ISO prefix of the value's point in time, when Wikidata gives one. */
  asOf?: string;
  /** A unit item id, for areas. */
  unit?: string;
  citedSource?: string;
}

export interface ReferenceInfo {
  /** The entity's label, for "Berlin's population". */
  entity: string;
  url: string;
}

type Check = Omit<FigureCheck, 'status'>;

/** The earliest and latest instants an ISO prefix can mean ("2021" → all of 2021). */
export function dateWindow(iso: string): [number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number?, number?];
  if (m === undefined) return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1) - 1];
  if (d === undefined) return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1) - 1];
  return [Date.UTC(y, m - 1, d), Date.UTC(y, m - 1, d + 1) - 1];
}

function midpoint(iso: string): number {
  const [a, b] = dateWindow(iso);
  return (a + b) / 2;
}

/** Half a step of the last significant digit the figure shows: 3,700,000 → 50,000; 4,000,000 → 500,000. */
export function roundingHalfStep(value: number): number {
  const abs = Math.abs(value);
  if (!Number.isFinite(abs) || abs === 0) return 0;
  if (!Number.isInteger(abs)) return 0;
  let zeros = 0;
  let n = abs;
  while (n % 10 === 0 && n > 0) {
    n /= 10;
    zeros++;
  }
  return zeros === 0 ? 0 : 0.5 * 10 ** zeros;
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value);
}

/** "3.7 million" for large round figures, else the digits. */
export function formatClaimed(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1_000_000 && roundingHalfStep(value) >= 5_000) return `${formatNumber(value / 1_000_000)} million`;
  return formatNumber(value);
}

function percentDifference(claimed: number, reference: number): number {
  return Math.round((Math.abs(claimed - reference) / Math.abs(reference)) * 1000) / 10;
}

/**
 * Chooses the value whose point in time is nearest the claim's date (ties: the earlier, which
 * was the known figure at the time). With no claim date, the latest value. Undated values are
 * used only when no value has a date, and only for an undated claim.
 */
export function chooseByDate(
  values: DatedValue[],
  claimDate: string | undefined,
): { value?: DatedValue; chosen?: string; yearsApart?: number } {
  const dated = values.filter((v) => v.asOf);
  if (dated.length === 0) {
    return claimDate || values.length === 0 ? {} : { value: values[0], chosen: 'the only value, undated' };
  }
  if (!claimDate) {
    const latest = [...dated].sort((a, b) => midpoint(b.asOf!) - midpoint(a.asOf!))[0]!;
    return { value: latest, chosen: 'the latest value; the claim gives no date' };
  }
  const target = midpoint(claimDate);
  const sorted = [...dated].sort((a, b) => {
    const da = Math.abs(midpoint(a.asOf!) - target);
    const db = Math.abs(midpoint(b.asOf!) - target);
    return da - db || midpoint(a.asOf!) - midpoint(b.asOf!);
  });
  const value = sorted[0]!;
  const yearsApart = Math.abs(midpoint(value.asOf!) - target) / MS_PER_YEAR;
  const chosen = dated.length > 1 ? `nearest to ${claimDate} of ${dated.length} dated values` : `the only dated value`;
  return { value, chosen, yearsApart };
}

/** Populations and membership counts: a count compared with the value for the claim's date. */
export function compareCount(
  quantity: 'population' | 'members',
  claimed: number,
  values: DatedValue[],
  claimDate: string | undefined,
  info: ReferenceInfo,
): Check {
  const noun = quantity === 'population' ? 'population' : 'member count';
  const exact = quantity === 'members' && claimed < TOLERANCES.exactMembersBelow;
  const tolerance = exact ? 'exact' : `within ${TOLERANCES.relative * 100}% or the figure's rounding`;
  const base = { quantity, claimed: formatClaimed(claimed), tolerance } as const;
  if (values.length === 0) {
    return {
      ...base,
      verdict: 'cannot-compare',
      reason: 'no-value',
      message: `Wikidata gives no ${noun} for ${info.entity}.`,
    };
  }
  const { value, chosen, yearsApart } = chooseByDate(values, claimDate);
  if (!value || (yearsApart !== undefined && yearsApart > TOLERANCES.maxYearsApart)) {
    const nearest = value?.asOf ? ` (nearest: ${value.asOf.slice(0, 4)})` : '';
    return {
      ...base,
      verdict: 'cannot-compare',
      reason: 'no-value-for-date',
      message: `Wikidata has no ${noun} for ${info.entity} within ${TOLERANCES.maxYearsApart} years of ${claimDate}${nearest}.`,
    };
  }
  const reference = {
    value: formatNumber(value.amount),
    amount: value.amount,
    asOf: value.asOf,
    chosen,
    entity: info.entity,
    url: info.url,
    citedSource: value.citedSource,
  };
  const diff = Math.abs(claimed - value.amount);
  const allowed = exact ? 0 : Math.max(TOLERANCES.relative * Math.abs(value.amount), roundingHalfStep(claimed));
  const when = value.asOf ? ` (${value.asOf})` : '';
  if (diff <= allowed) {
    return {
      ...base,
      verdict: 'agrees',
      reference,
      difference: { amount: percentDifference(claimed, value.amount), unit: 'percent' },
      message: `Agrees with Wikidata's ${noun} of ${reference.value}${when}.`,
    };
  }
  const percent = percentDifference(claimed, value.amount);
  return {
    ...base,
    verdict: 'differs',
    reference,
    difference: { amount: percent, unit: 'percent' },
    message: `Differs by ${percent}% from Wikidata's ${noun} of ${reference.value}${when}.`,
  };
}

/** Area units we can convert, as Wikidata's unit items, in square kilometres. */
export const AREA_UNITS: Record<string, { km2: number; words: string }> = {
  Q712226: { km2: 1, words: 'km²' },
  Q232291: { km2: 2.589988110336, words: 'sq mi' },
  Q35852: { km2: 0.01, words: 'ha' },
  Q81292: { km2: 0.0040468564224, words: 'acres' },
  Q25343: { km2: 1e-6, words: 'm²' },
};

/** Why an area cannot be compared when none of Wikidata's values is in a unit we convert. */
function noConvertibleArea(
  base: Pick<Check, 'quantity' | 'claimed' | 'tolerance'>,
  values: DatedValue[],
  info: ReferenceInfo,
): Check {
  return values.length === 0
    ? {
        ...base,
        verdict: 'cannot-compare',
        reason: 'no-value',
        message: `Wikidata gives no area for ${info.entity}.`,
      }
    : {
        ...base,
        verdict: 'cannot-compare',
        reason: 'different-unit',
        message: `Wikidata gives ${info.entity}'s area in a unit Sidenote cannot convert.`,
      };
}

export function compareArea(
  claimed: number,
  claimedUnit: string | undefined,
  values: DatedValue[],
  info: ReferenceInfo,
): Check {
  const tolerance = `within ${TOLERANCES.relative * 100}%`;
  const from = claimedUnit ? AREA_UNITS[claimedUnit] : undefined;
  const base = {
    quantity: 'area' as const,
    claimed: `${formatNumber(claimed)}${from ? ` ${from.words}` : ''}`,
    tolerance,
  };
  const value = values.find((v) => v.unit && AREA_UNITS[v.unit]);
  if (!value) return noConvertibleArea(base, values, info);
  const to = AREA_UNITS[value.unit!]!;
  const reference = {
    value: `${formatNumber(value.amount)} ${to.words}`,
    amount: value.amount,
    asOf: value.asOf,
    entity: info.entity,
    url: info.url,
    citedSource: value.citedSource,
  };
  if (!from) {
    return {
      ...base,
      verdict: 'cannot-compare',
      reason: 'different-unit',
      reference,
      message: `The figure gives no unit of area to compare with Wikidata's ${reference.value}.`,
    };
  }
  const claimedKm2 = claimed * from.km2;
  const referenceKm2 = value.amount * to.km2;
  const percent = percentDifference(claimedKm2, referenceKm2);
  if (Math.abs(claimedKm2 - referenceKm2) <= TOLERANCES.relative * referenceKm2) {
    return {
      ...base,
      verdict: 'agrees',
      reference,
      difference: { amount: percent, unit: 'percent' },
      message: `Agrees with Wikidata's area of ${reference.value}.`,
    };
  }
  return {
    ...base,
    verdict: 'differs',
    reference,
    difference: { amount: percent, unit: 'percent' },
    message: `Differs by ${percent}% from Wikidata's area of ${reference.value}.`,
  };
}

function ageBetween(birth: number, at: number): number {
  const b = new Date(birth);
  const a = new Date(at);
  let age = a.getUTCFullYear() - b.getUTCFullYear();
  if (a.getUTCMonth() < b.getUTCMonth() || (a.getUTCMonth() === b.getUTCMonth() && a.getUTCDate() < b.getUTCDate())) {
    age--;
  }
  return age;
}

/** The ages someone born at `birth` (ISO prefix) can have at `at` (ISO prefix): [youngest, oldest]. */
export function possibleAges(birth: string, at: string): [number, number] {
  const [b0, b1] = dateWindow(birth);
  const [a0, a1] = dateWindow(at);
  return [ageBetween(b1, a0), ageBetween(b0, a1)];
}

export function compareAge(
  claimed: number,
  birth: string | undefined,
  claimDate: string | undefined,
  info: ReferenceInfo,
): Check {
  const base = {
    quantity: 'age' as const,
    claimed: `${formatNumber(claimed)} years old`,
    tolerance: 'exact (±1 around birthdays)',
  };
  if (!birth) {
    return {
      ...base,
      verdict: 'cannot-compare',
      reason: 'no-value',
      message: `Wikidata gives no date of birth for ${info.entity}.`,
    };
  }
  const reference = { value: `born ${birth}`, asOf: birth, entity: info.entity, url: info.url };
  if (!claimDate) {
    return {
      ...base,
      verdict: 'cannot-compare',
      reason: 'no-value-for-date',
      reference,
      message: 'The claim gives no date to work out an age at.',
    };
  }
  const [youngest, oldest] = possibleAges(birth, claimDate);
  const ages = youngest === oldest ? `${youngest}` : `${youngest} or ${oldest}`;
  if (claimed >= youngest && claimed <= oldest) {
    return {
      ...base,
      verdict: 'agrees',
      reference,
      message: `Agrees: born ${birth}, ${info.entity} was ${ages} in ${claimDate}.`,
    };
  }
  const years = claimed < youngest ? youngest - claimed : claimed - oldest;
  return {
    ...base,
    verdict: 'differs',
    reference,
    difference: { amount: years, unit: 'years' },
    message: `Differs by ${years} year${years === 1 ? '' : 's'}: born ${birth}, ${info.entity} was ${ages} in ${claimDate}.`,
  };
}

export function compareFounded(claimed: number, inception: string | undefined, info: ReferenceInfo): Check {
  const base = { quantity: 'founded' as const, claimed: String(claimed), tolerance: 'exact year' };
  if (!inception) {
    return {
      ...base,
      verdict: 'cannot-compare',
      reason: 'no-value',
      message: `Wikidata gives no founding date for ${info.entity}.`,
    };
  }
  const year = Number(inception.slice(0, 4));
  const reference = { value: inception, asOf: inception, entity: info.entity, url: info.url };
  if (year === claimed) {
    return {
      ...base,
      verdict: 'agrees',
      reference,
      message: `Agrees with Wikidata: ${info.entity} was founded in ${inception}.`,
    };
  }
  const years = Math.abs(year - claimed);
  return {
    ...base,
    verdict: 'differs',
    reference,
    difference: { amount: years, unit: 'years' },
    message: `Differs by ${years} year${years === 1 ? '' : 's'}: Wikidata gives ${inception} as ${info.entity}'s founding.`,
  };
}
