import { z } from 'zod';
import type { LookupFailure } from '../contracts/lookups';
import { formatDate } from '../format-date';
import { askJson } from './ask';
import { failure, type GetJson } from './http';
import { type WikiEndpoints, wikidataApi } from './urls';

/**
 * Wikidata's entities as Sidenote reads them, for entity lookups, source context and figure
 * checks alike: the slice of a `wbgetentities` answer they use (labels, descriptions, aliases,
 * sitelinks, statements with their qualifiers and references). Validated with zod; anything
 * else in the answer is ignored.
 */

const snakSchema = z.object({
  snaktype: z.string(),
  property: z.string().optional(),
  datavalue: z.object({ type: z.string(), value: z.unknown() }).optional(),
});
export type Snak = z.infer<typeof snakSchema>;

const statementSchema = z.object({
  mainsnak: snakSchema,
  rank: z.string().optional(),
  qualifiers: z.record(z.string(), z.array(snakSchema)).optional(),
  references: z.array(z.object({ snaks: z.record(z.string(), z.array(snakSchema)).optional() })).optional(),
});
export type Statement = z.infer<typeof statementSchema>;

const termSchema = z.object({ value: z.string() });

export const wikidataEntitySchema = z.object({
  id: z.string(),
  missing: z.string().optional(),
  labels: z.record(z.string(), termSchema).optional(),
  descriptions: z.record(z.string(), termSchema).optional(),
  aliases: z.record(z.string(), z.array(termSchema)).optional(),
  claims: z.record(z.string(), z.array(statementSchema)).optional(),
  sitelinks: z.record(z.string(), z.object({ title: z.string() })).optional(),
});
export type WikidataEntity = z.infer<typeof wikidataEntitySchema>;

/**
 * A `wbgetentities` answer: the entities by id (a missing one says `missing`), or the API's error.
 * Entity lookups read the error's code; source context and figure checks want entities.
 */
export const getEntitiesSchema = z.object({
  entities: z.record(z.string(), wikidataEntitySchema).optional(),
  success: z.number().optional(),
  error: z.object({ code: z.string(), info: z.string().optional() }).optional(),
});

export const searchEntitiesSchema = z.object({
  search: z.array(
    z.object({
      id: z.string(),
      label: z.string().optional(),
      aliases: z.array(z.string()).optional(),
      match: z.object({ type: z.string(), text: z.string() }).optional(),
    }),
  ),
});

export const QID = /^Q\d{1,12}$/;

/** Statements of a property that count: deprecated ones dropped; preferred ones alone when there are any. */
export function statements(entity: WikidataEntity, property: string): Statement[] {
  const all = (entity.claims?.[property] ?? []).filter(
    (s) => s.rank !== 'deprecated' && s.mainsnak.snaktype === 'value',
  );
  const preferred = all.filter((s) => s.rank === 'preferred');
  return preferred.length ? preferred : all;
}

/** Every statement of a property that is not deprecated, whatever its rank (for choosing by date). */
export function allStatements(entity: WikidataEntity, property: string): Statement[] {
  return (entity.claims?.[property] ?? []).filter((s) => s.rank !== 'deprecated' && s.mainsnak.snaktype === 'value');
}

const itemValueSchema = z.object({ id: z.string().regex(QID) });
const timeValueSchema = z.object({ time: z.string(), precision: z.number() });
const quantityValueSchema = z.object({ amount: z.string(), unit: z.string() });

export function itemId(snak: Snak | undefined): string | undefined {
  const parsed = itemValueSchema.safeParse(snak?.datavalue?.value);
  return parsed.success ? parsed.data.id : undefined;
}

export function stringValue(snak: Snak | undefined): string | undefined {
  const value = snak?.datavalue?.value;
  return typeof value === 'string' ? value : undefined;
}

/** A Wikidata time as an ISO prefix as precise as it is: "2009", "2009-05", "2009-05-14". */
export interface WikidataTime {
  iso: string;
  /** 9 year, 10 month, 11 day (Wikidata's precision codes). */
  precision: number;
}

export function timeValue(snak: Snak | undefined): WikidataTime | undefined {
  const parsed = timeValueSchema.safeParse(snak?.datavalue?.value);
  if (!parsed.success) return undefined;
  const m = /^([+-])(\d{1,16})-(\d{2})-(\d{2})T/.exec(parsed.data.time);
  if (!m || m[1] === '-') return undefined;
  const year = String(Number(m[2])).padStart(4, '0');
  const precision = Math.min(parsed.data.precision, 11);
  if (precision < 9) return undefined;
  if (precision === 9) return { iso: year, precision };
  if (precision === 10) return { iso: `${year}-${m[3]}`, precision };
  return { iso: `${year}-${m[3]}-${m[4]}`, precision };
}

export interface WikidataQuantity {
  amount: number;
  /** The unit's item id ("Q712226" square kilometre), or undefined for a plain number. */
  unit?: string;
}

export function quantityValue(snak: Snak | undefined): WikidataQuantity | undefined {
  const parsed = quantityValueSchema.safeParse(snak?.datavalue?.value);
  if (!parsed.success) return undefined;
  const amount = Number(parsed.data.amount);
  if (!Number.isFinite(amount)) return undefined;
  const unit = /\/(Q\d+)$/.exec(parsed.data.unit)?.[1];
  return { amount, unit };
}

/** The qualifier "point in time" (P585) of a statement, or its start time (P580). */
export function pointInTime(statement: Statement): WikidataTime | undefined {
  return timeValue(statement.qualifiers?.P585?.[0]) ?? timeValue(statement.qualifiers?.P580?.[0]);
}

/** A term in the reader's language, else English, else any. */
export function term(terms: Record<string, { value: string }> | undefined, language: string): string | undefined {
  if (!terms) return undefined;
  return terms[language]?.value ?? terms.en?.value ?? Object.values(terms)[0]?.value;
}

/** A human-readable date from an ISO prefix: "2009", "May 2009", "14 May 2009". */
export function readableDate(time: WikidataTime): string {
  return formatDate(time.iso);
}

/**
 * `wbgetentities` for up to 50 ids on the configured Wikidata, terms in the reader's language and
 * English, in the order asked; missing ones dropped (source context and figure checks).
 */
export async function getEntities(
  ids: string[],
  deps: { getJson: GetJson; endpoints: WikiEndpoints; language: string },
  props: string,
): Promise<WikidataEntity[] | LookupFailure> {
  if (ids.length === 0) return [];
  const answer = await askJson(
    deps.getJson,
    wikidataApi(deps.endpoints, {
      action: 'wbgetentities',
      ids: ids.slice(0, 50).join('|'),
      props,
      languages: deps.language === 'en' ? 'en' : `${deps.language}|en`,
    }),
    getEntitiesSchema,
  );
  if (!answer.ok) return answer.failure;
  const { entities } = answer.value;
  if (!entities) return failure('malformed');
  return ids.map((id) => entities[id]).filter((e): e is WikidataEntity => Boolean(e && !e.missing));
}
