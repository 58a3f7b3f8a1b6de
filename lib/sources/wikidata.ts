import { z } from 'zod';
import { formatDate } from '../format-date';
import { actionApiUrl, wikiPageUrl } from '../lookup/wiki-urls';
import type { SourceEndpoints } from './types';

/**
 * The slice of Wikidata's `wbgetentities` answer that source context and figure checks read:
 * labels, descriptions, aliases, sitelinks and statements with their qualifiers. Validated
 * with zod; anything else in the answer is ignored.
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

export const getEntitiesSchema = z.object({ entities: z.record(z.string(), wikidataEntitySchema) });

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

/** Wikidata's action API on the configured endpoint. */
export function wikidataApi(endpoints: SourceEndpoints, params: Record<string, string>): string {
  return actionApiUrl(endpoints.wikidata, params);
}

/** A Wikipedia's action API on the configured endpoint, in the reader's language. */
export function wikipediaApi(
  endpoints: Pick<SourceEndpoints, 'wikipedia'>,
  language: string,
  params: Record<string, string>,
): string {
  return actionApiUrl(endpoints.wikipedia.replace('{lang}', language), { ...params, formatversion: '2' });
}

/** Where a card links to (see wikiPageUrl: never a plain-http link). */
export function wikidataItemUrl(endpoints: SourceEndpoints, id: string): string {
  return wikiPageUrl(endpoints.wikidata, 'https://www.wikidata.org', id);
}

export function wikipediaArticleUrl(endpoints: SourceEndpoints, language: string, title: string): string {
  return wikiPageUrl(endpoints.wikipedia.replace('{lang}', language), `https://${language}.wikipedia.org`, title);
}

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
