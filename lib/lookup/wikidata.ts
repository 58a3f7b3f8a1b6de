import { z } from 'zod';
import type { Fact, LookupFailure } from '../contracts/lookups';
import { apiErrorFailure, askJson } from '../wikimedia/ask';
import type { HttpClient } from '../wikimedia/http';
import { actionApiUrl, wikiPageUrl } from '../wikimedia/urls';
import { getEntitiesSchema, type Snak, type Statement } from '../wikimedia/wikidata';

/** Ids per `wbgetentities` request (the API's limit for ordinary clients). */
export const IDS_PER_REQUEST = 50;

/**
 * A fact before labels are known: either a finished value, or a reference to an item whose
 * label is fetched in one more batched request.
 */
export interface PendingFact {
  label: string;
  value?: string;
  ref?: string;
  asOf?: string;
  amount?: number;
}

const entityIdValue = z.object({ id: z.string().regex(/^Q\d+$/) });
const timeValue = z.object({ time: z.string(), precision: z.number() });
const quantityValue = z.object({ amount: z.string() });

/** The properties Sidenote shows, in the order a card lists them. */
const PROPERTIES = {
  instanceOf: 'P31',
  born: 'P569',
  position: 'P39',
  country: 'P17',
  population: 'P1082',
  inception: 'P571',
  headquarters: 'P159',
  website: 'P856',
} as const;
const END_TIME = 'P582';
const START_TIME = 'P580';
const POINT_IN_TIME = 'P585';

function itemId(snak: Snak | undefined): string | undefined {
  if (snak?.snaktype !== 'value') return undefined;
  const parsed = entityIdValue.safeParse(snak.datavalue?.value);
  return parsed.success ? parsed.data.id : undefined;
}

/** "+1952-10-07T00:00:00Z" at its precision: "1952-10-07", "1952-10" or "1952" (BCE dates skipped). */
export function wikidataDate(snak: Snak | undefined): string | undefined {
  if (snak?.snaktype !== 'value') return undefined;
  const parsed = timeValue.safeParse(snak.datavalue?.value);
  if (!parsed.success) return undefined;
  const match = /^\+(\d{4,})-(\d{2})-(\d{2})T/.exec(parsed.data.time);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const { precision } = parsed.data;
  if (precision >= 11 && month !== '00' && day !== '00') return `${year}-${month}-${day}`;
  if (precision === 10 && month !== '00') return `${year}-${month}`;
  if (precision >= 9) return year;
  return undefined;
}

function qualifierDate(statement: Statement, property: string): string | undefined {
  return wikidataDate(statement.qualifiers?.[property]?.[0]);
}

/** Usable statements of a property: deprecated ones never; preferred ones alone when there are any. */
function best(claims: Record<string, Statement[]> | undefined, property: string): Statement[] {
  const all = (claims?.[property] ?? []).filter((s) => s.rank !== 'deprecated' && s.mainsnak.snaktype === 'value');
  const preferred = all.filter((s) => s.rank === 'preferred');
  return preferred.length ? preferred : all;
}

/** Reduces one entity's claims to the facts a card shows; item values are left as references. */
export function pendingFacts(claims: Record<string, Statement[]> | undefined, lang: string): PendingFact[] {
  const facts: PendingFact[] = [];
  for (const s of best(claims, PROPERTIES.instanceOf).slice(0, 2)) {
    const ref = itemId(s.mainsnak);
    if (ref) facts.push({ label: 'Instance of', ref });
  }
  const born = wikidataDate(best(claims, PROPERTIES.born)[0]?.mainsnak);
  if (born) facts.push({ label: 'Born', value: born });

  // Current positions only: a position with an end time is history. Latest start first.
  const current = (claims?.[PROPERTIES.position] ?? [])
    .filter((s) => s.rank !== 'deprecated' && !s.qualifiers?.[END_TIME]?.length)
    .map((s) => ({ s, start: qualifierDate(s, START_TIME) ?? '' }))
    .sort((a, b) => b.start.localeCompare(a.start));
  for (const { s, start } of current.slice(0, 2)) {
    const ref = itemId(s.mainsnak);
    if (ref) facts.push({ label: 'Position', ref, ...(start ? { asOf: start } : {}) });
  }

  const country = itemId(best(claims, PROPERTIES.country)[0]?.mainsnak);
  if (country) facts.push({ label: 'Country', ref: country });

  // Population: the preferred value if marked, else the most recent point in time.
  const populations = best(claims, PROPERTIES.population)
    .map((s) => ({
      amount: quantityValue.safeParse(s.mainsnak.datavalue?.value),
      asOf: qualifierDate(s, POINT_IN_TIME) ?? '',
    }))
    .filter((p) => p.amount.success)
    .sort((a, b) => b.asOf.localeCompare(a.asOf));
  const population = populations[0];
  if (population?.amount.success) {
    const amount = Number(population.amount.data.amount);
    if (Number.isFinite(amount)) {
      facts.push({
        label: 'Population',
        value: formatNumber(amount, lang),
        amount,
        ...(population.asOf ? { asOf: population.asOf } : {}),
      });
    }
  }

  const inception = wikidataDate(best(claims, PROPERTIES.inception)[0]?.mainsnak);
  if (inception) facts.push({ label: 'Founded', value: inception });
  const hq = itemId(best(claims, PROPERTIES.headquarters)[0]?.mainsnak);
  if (hq) facts.push({ label: 'Headquarters', ref: hq });
  const site = best(claims, PROPERTIES.website)
    .map((s) => s.mainsnak.datavalue?.value)
    .find((v): v is string => typeof v === 'string' && /^https:\/\/[^\s]+$/.test(v));
  if (site) facts.push({ label: 'Website', value: site });
  return facts;
}

function formatNumber(value: number, lang: string): string {
  try {
    return new Intl.NumberFormat(lang).format(value);
  } catch {
    return String(value);
  }
}

/** Fills in item labels; a fact whose item has no label in the language is dropped. */
export function completeFacts(pending: PendingFact[], labels: Map<string, string>): Fact[] {
  const facts: Fact[] = [];
  for (const p of pending) {
    const value = p.ref ? labels.get(p.ref) : p.value;
    if (!value) continue;
    facts.push({
      label: p.label,
      value,
      ...(p.asOf ? { asOf: p.asOf } : {}),
      ...(p.amount !== undefined ? { amount: p.amount } : {}),
    });
  }
  return facts;
}

export interface WikidataSite {
  base: string;
  lang: string;
  userAgent: string;
}

type Parsed = z.infer<typeof getEntitiesSchema>;

async function getEntities(
  http: HttpClient,
  site: WikidataSite,
  ids: string[],
  props: string,
): Promise<Parsed | LookupFailure> {
  const url = actionApiUrl(site.base, {
    action: 'wbgetentities',
    ids: ids.join('|'),
    props,
    languages: site.lang,
    languagefallback: 1,
  });
  const answer = await askJson((u) => http.getJson(u, { 'Api-User-Agent': site.userAgent }), url, getEntitiesSchema);
  if (!answer.ok) return answer.failure;
  if (answer.value.error) return apiErrorFailure(answer.value.error.code);
  return answer.value;
}

/** Facts (with references unresolved) for up to 50 items in one request. */
export async function fetchPendingFacts(
  http: HttpClient,
  site: WikidataSite,
  ids: string[],
): Promise<Map<string, PendingFact[]> | LookupFailure> {
  const data = await getEntities(http, site, ids, 'claims');
  if ('status' in data) return data;
  const out = new Map<string, PendingFact[]>();
  for (const id of ids) {
    const entity = data.entities?.[id];
    out.set(id, entity && 'claims' in entity ? pendingFacts(entity.claims, site.lang) : []);
  }
  return out;
}

/** Labels of up to 50 items in one request; an item without a label maps to "". */
export async function fetchLabels(
  http: HttpClient,
  site: WikidataSite,
  ids: string[],
): Promise<Map<string, string> | LookupFailure> {
  const data = await getEntities(http, site, ids, 'labels');
  if ('status' in data) return data;
  const out = new Map<string, string>();
  for (const id of ids) {
    const entity = data.entities?.[id];
    const labels = entity && 'labels' in entity ? entity.labels : undefined;
    out.set(id, labels?.[site.lang]?.value ?? Object.values(labels ?? {})[0]?.value ?? '');
  }
  return out;
}

/** The reader-facing address of an item. */
export function itemUrl(site: WikidataSite, id: string): string {
  return wikiPageUrl(site.base, 'https://www.wikidata.org', id);
}
