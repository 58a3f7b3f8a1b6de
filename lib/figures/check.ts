import type { FigureCheck, FigureCheckResult, FigureQuery, Quantity } from '../contracts/figures';
import type { LookupFailure } from '../contracts/lookups';
import { areaUnitOf, quantityOf } from '../contracts/quantity';
import type { GetJson } from '../wikimedia/http';
import { type WikiEndpoints, wikidataItemUrl, wikipediaBase } from '../wikimedia/urls';
import {
  allStatements,
  getEntities,
  pointInTime,
  QID,
  quantityValue,
  type Statement,
  statements,
  stringValue,
  term,
  timeValue,
  type WikidataEntity,
} from '../wikimedia/wikidata';
import { askTitlePage } from '../wikimedia/wikipedia';
import { compareAge, compareArea, compareCount, compareFounded, type DatedValue, formatClaimed } from './compare';

/**
 * Checks a figure against Wikidata: finds the entity (by id, or its name as a Wikipedia
 * title), reads the property the quantity lives in, and compares (see `compare.ts` for the
 * tolerances). Two requests at most; never throws.
 */

export interface FigureDeps {
  getJson: GetJson;
  endpoints: WikiEndpoints;
  language: string;
}

/** Where each quantity lives in Wikidata. */
export const QUANTITY_PROPERTIES: Record<Quantity, string> = {
  population: 'P1082',
  area: 'P2046',
  age: 'P569',
  founded: 'P571',
  members: 'P2124',
};

/** Units a figure of each quantity can come in; anything else cannot be compared. */
const UNITS_FOR: Record<Quantity, string[]> = {
  population: ['count'],
  members: ['count'],
  area: ['count', 'other'],
  age: ['count', 'other'],
  founded: ['year', 'count'],
};

export async function checkFigure(query: FigureQuery, deps: FigureDeps): Promise<FigureCheckResult> {
  const { figure } = query;
  const quantity = query.quantity ?? quantityOf(figure) ?? null;
  const unknown = (reason: FigureCheck['reason'], message: string): FigureCheck => ({
    status: 'checked',
    quantity,
    verdict: 'cannot-compare',
    reason,
    claimed: formatClaimed(figure.number),
    tolerance: 'none',
    message,
  });
  if (!quantity) return unknown('unknown-quantity', 'Sidenote cannot tell which quantity this figure is about.');
  if (!UNITS_FOR[quantity].includes(figure.unit)) {
    return unknown(
      'different-unit',
      `The figure is a ${figure.unit}, not something Wikidata's ${quantity} can be compared with.`,
    );
  }

  const id = query.entity.wikidataId ?? (await idFromTitle(query.entity.name ?? '', deps));
  if (typeof id === 'object') return id;
  if (!id) return unknown('entity-not-found', `Sidenote found no Wikidata entry for ${query.entity.name}.`);
  const entities = await getEntities([id], deps, 'labels|claims');
  if (!Array.isArray(entities)) return entities;
  const entity = entities[0];
  if (!entity) return unknown('entity-not-found', `Wikidata has no entry ${id}.`);

  const info = {
    entity: term(entity.labels, deps.language) ?? query.entity.name ?? id,
    url: wikidataItemUrl(deps.endpoints, id),
  };
  const property = QUANTITY_PROPERTIES[quantity];
  let check: Omit<FigureCheck, 'status'>;
  switch (quantity) {
    case 'population':
    case 'members':
      check = compareCount(quantity, figure.number, datedValues(entity, property), query.date, info);
      break;
    case 'area':
      check = compareArea(figure.number, areaUnitOf(figure.of), datedValues(entity, property), info);
      break;
    case 'age':
      check = compareAge(figure.number, timeValue(statements(entity, property)[0]?.mainsnak)?.iso, query.date, info);
      break;
    case 'founded':
      check = compareFounded(figure.number, timeValue(statements(entity, property)[0]?.mainsnak)?.iso, info);
      break;
  }
  return { status: 'checked', ...check };
}

/** Every non-deprecated value of a quantity property with its point in time, for choosing by date. */
export function datedValues(entity: WikidataEntity, property: string): DatedValue[] {
  const out: DatedValue[] = [];
  for (const s of allStatements(entity, property)) {
    const q = quantityValue(s.mainsnak);
    if (!q) continue;
    out.push({ amount: q.amount, unit: q.unit, asOf: pointInTime(s)?.iso, citedSource: referenceSite(s) });
  }
  return out;
}

/** The site a statement's first reference URL (P854) points at: "statistik-berlin-brandenburg.de". */
export function referenceSite(statement: Statement): string | undefined {
  for (const reference of statement.references ?? []) {
    const url = stringValue(reference.snaks?.P854?.[0]);
    if (!url) continue;
    try {
      const { protocol, hostname } = new URL(url);
      if (protocol === 'https:' || protocol === 'http:') return hostname.replace(/^www\./, '');
    } catch {
      // An unreadable reference URL is no reference.
    }
  }
  return undefined;
}

async function idFromTitle(name: string, deps: FigureDeps): Promise<string | undefined | LookupFailure> {
  if (!name) return undefined;
  const found = await askTitlePage(deps.getJson, wikipediaBase(deps.endpoints, deps.language), name, {
    prop: 'pageprops',
    ppprop: 'wikibase_item|disambiguation',
  });
  if ('status' in found) return found;
  const id = found.page?.pageprops?.wikibase_item;
  return id && QID.test(id) ? id : undefined;
}
