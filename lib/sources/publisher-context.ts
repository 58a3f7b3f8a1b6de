import { z } from 'zod';
import type { EntityContext, Fact, LookupFailure } from '../contracts/lookups';
import type { SourceContext, SourceQuery } from '../contracts/sources';
import { askJson } from '../wikimedia/ask';
import type { GetJson } from '../wikimedia/http';
import {
  type WikiEndpoints,
  wikidataApi,
  wikidataItemUrl,
  wikipediaArticleUrl,
  wikipediaBase,
} from '../wikimedia/urls';
import {
  getEntities,
  itemId,
  QID,
  readableDate,
  searchEntitiesSchema,
  statements,
  stringValue,
  term,
  timeValue,
  type WikidataEntity,
} from '../wikimedia/wikidata';
import { type ActionPage, askTitlePage } from '../wikimedia/wikipedia';
import { normaliseDomain, normaliseName, type PerennialList } from './perennial';

/**
 * Context for a source, the page's publisher or one the article cites: what it is (Wikidata
 * facts and a short Wikipedia extract) and its standing in Wikipedia's Perennial sources list.
 *
 * Finding the outlet, in order, stopping at the first that gives a candidate:
 *  1. the name as a Wikipedia title (redirects followed, disambiguation pages refused), whose
 *     page names its Wikidata item;
 *  2. the name searched on Wikidata (`wbsearchentities`), keeping only exact label or alias matches;
 *  3. with no name at all, the domain searched against Wikidata's official website (P856).
 * A candidate whose official website is known and is not the page's domain is refused: no card
 * is better than the wrong outlet's card.
 *
 * Privacy: only the outlet's name (or, with no name, its bare domain) is sent; the Perennial
 * list is fetched whole and matched here, so it learns nothing about the page.
 */

export interface SourceDeps {
  getJson: GetJson;
  endpoints: WikiEndpoints;
  language: string;
  perennial: Pick<PerennialList, 'standing'>;
}

/** Properties shown on a source card, in order, with the card's words for them. */
const OUTLET_FACTS: [property: string, label: string][] = [
  ['P31', 'Instance of'],
  ['P17', 'Country'],
  ['P571', 'Founded'],
  ['P127', 'Owned by'],
  ['P159', 'Headquarters'],
  ['P856', 'Website'],
];
const MAX_CANDIDATES = 5;
const MAX_VALUES_PER_FACT = 3;

const cirrusSearchSchema = z.object({
  query: z.object({ search: z.array(z.object({ title: z.string() })) }),
});

/** Context for the queried source. Never throws: each part says plainly why it is missing. */
export async function sourceContext(query: SourceQuery, deps: SourceDeps): Promise<SourceContext> {
  const name = 'publisher' in query ? query.publisher.name : query.name;
  const domain = 'publisher' in query ? normaliseDomain(query.publisher.domain ?? '') : undefined;

  const found = await findOutlet(name, domain, deps);
  const names = [name, ...(found.ok ? found.names : [])].filter((n): n is string => Boolean(n));
  const websites = found.ok ? found.websites : [];
  const perennial = await deps.perennial.standing({
    names,
    domains: [domain, ...websites].filter((d): d is string => Boolean(d)),
  });

  const entity: EntityContext = found.ok ? found.context : found.failure;
  const displayName = (found.ok ? found.label : undefined) ?? name ?? domain ?? 'Unknown source';
  return {
    name: displayName,
    domain,
    entity,
    websiteMatches: domain && websites.length ? websites.some((w) => sameSite(w, domain)) : undefined,
    perennial,
  };
}

type Found =
  | { ok: true; context: EntityContext; label?: string; names: string[]; websites: string[] }
  | { ok: false; failure: EntityContext };

/**
 * The Wikidata items that may be the outlet (steps 1 to 3 above), with the Wikipedia page its
 * name led to, if any.
 */
async function outletCandidates(
  name: string | undefined,
  domain: string | undefined,
  deps: SourceDeps,
): Promise<{ page?: ActionPage; candidates: string[] } | LookupFailure> {
  if (name) {
    const result = await wikipediaPage(deps, name);
    if ('status' in result) return result;
    const item = result.page?.pageprops?.wikibase_item;
    if (item && QID.test(item)) return { page: result.page, candidates: [item] };
    const searched = await searchByName(name, deps);
    return Array.isArray(searched) ? { page: result.page, candidates: searched } : searched;
  }
  if (domain) {
    const searched = await searchByWebsite(domain, deps);
    return Array.isArray(searched) ? { candidates: searched } : searched;
  }
  return { candidates: [] };
}

async function findOutlet(name: string | undefined, domain: string | undefined, deps: SourceDeps): Promise<Found> {
  const none: Found = { ok: true, context: { status: 'none' }, names: [], websites: [] };
  const start = await outletCandidates(name, domain, deps);
  if ('status' in start) return { ok: false, failure: start };
  let page = start.page;
  const { candidates } = start;
  if (candidates.length === 0) return none;

  const entities = await getEntities(
    candidates.slice(0, MAX_CANDIDATES),
    deps,
    'labels|descriptions|aliases|claims|sitelinks',
  );
  if (!Array.isArray(entities)) return { ok: false, failure: entities };
  const chosen = chooseOutlet(entities, domain);
  if (!chosen) return none;

  // The extract comes from the outlet's own article in the reader's language, when the first
  // lookup was not already that page.
  const sitelink = chosen.sitelinks?.[`${deps.language}wiki`]?.title;
  if (sitelink && page?.title !== sitelink) {
    const result = await wikipediaPage(deps, sitelink);
    page = 'status' in result ? undefined : result.page;
  } else if (!sitelink && page?.pageprops?.wikibase_item !== chosen.id) {
    page = undefined;
  }

  const labels = await labelsFor(chosen, deps);
  const facts = outletFacts(chosen, labels instanceof Map ? labels : new Map(), domain);
  const label = term(chosen.labels, deps.language);
  const sources = [];
  if (page) sources.push({ name: 'Wikipedia', url: wikipediaArticleUrl(deps.endpoints, deps.language, page.title) });
  sources.push({ name: 'Wikidata', url: wikidataItemUrl(deps.endpoints, chosen.id) });
  const context: EntityContext = {
    status: 'found',
    title: page?.title ?? label ?? chosen.id,
    description: page?.description ?? term(chosen.descriptions, deps.language),
    extract: page?.extract ? shortExtract(page.extract) : undefined,
    wikidataId: chosen.id,
    facts,
    sources,
  };
  const aliases = (chosen.aliases?.[deps.language] ?? chosen.aliases?.en ?? []).map((a) => a.value);
  return {
    ok: true,
    context,
    label,
    names: [label, page?.title, ...aliases].filter((n): n is string => Boolean(n)),
    websites: websitesOf(chosen),
  };
}

/** The first candidate whose website is the page's domain; else the first with no conflicting website. */
function chooseOutlet(entities: WikidataEntity[], domain: string | undefined): WikidataEntity | undefined {
  if (!domain) return entities[0];
  const matching = entities.find((e) => websitesOf(e).some((w) => sameSite(w, domain)));
  return matching ?? entities.find((e) => websitesOf(e).length === 0);
}

function websitesOf(entity: WikidataEntity): string[] {
  const out: string[] = [];
  for (const s of statements(entity, 'P856')) {
    const value = stringValue(s.mainsnak);
    const d = value ? normaliseDomain(value) : undefined;
    if (d && !out.includes(d)) out.push(d);
  }
  return out;
}

/** Same outlet's site: equal, or one a subdomain of the other (edition.cnn.com ~ cnn.com). */
export function sameSite(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** The outlet's article: its extract, description and Wikidata item (see `askTitlePage`). */
function wikipediaPage(deps: SourceDeps, title: string): Promise<{ page?: ActionPage } | LookupFailure> {
  return askTitlePage(deps.getJson, wikipediaBase(deps.endpoints, deps.language), title, {
    prop: 'extracts|pageprops|description',
    exintro: '1',
    explaintext: '1',
    exsentences: '3',
    ppprop: 'wikibase_item|disambiguation',
  });
}

async function searchByName(name: string, deps: SourceDeps): Promise<string[] | LookupFailure> {
  const answer = await askJson(
    deps.getJson,
    wikidataApi(deps.endpoints, {
      action: 'wbsearchentities',
      search: name,
      language: deps.language,
      uselang: deps.language,
      type: 'item',
      limit: String(MAX_CANDIDATES),
    }),
    searchEntitiesSchema,
  );
  if (!answer.ok) return answer.failure;
  const wanted = normaliseName(name);
  return answer.value.search
    .filter((hit) => QID.test(hit.id))
    .filter((hit) => [hit.label, hit.match?.text, ...(hit.aliases ?? [])].some((n) => n && normaliseName(n) === wanted))
    .map((hit) => hit.id);
}

/** Items whose official website is the domain, in its usual spellings (scheme, "www.", trailing slash). */
async function searchByWebsite(domain: string, deps: SourceDeps): Promise<string[] | LookupFailure> {
  const spellings = ['https://www.', 'https://', 'http://www.', 'http://'].flatMap((p) => [
    `P856=${p}${domain}/`,
    `P856=${p}${domain}`,
  ]);
  const answer = await askJson(
    deps.getJson,
    wikidataApi(deps.endpoints, {
      action: 'query',
      list: 'search',
      srsearch: `haswbstatement:${spellings.join('|')}`,
      srnamespace: '0',
      srlimit: String(MAX_CANDIDATES),
    }),
    cirrusSearchSchema,
  );
  if (!answer.ok) return answer.failure;
  return answer.value.query.search.map((hit) => hit.title).filter((t) => QID.test(t));
}

async function labelsFor(entity: WikidataEntity, deps: SourceDeps): Promise<Map<string, string> | LookupFailure> {
  const ids = new Set<string>();
  for (const [property] of OUTLET_FACTS) {
    for (const s of statements(entity, property).slice(0, MAX_VALUES_PER_FACT)) {
      const id = itemId(s.mainsnak);
      if (id) ids.add(id);
    }
  }
  const entities = await getEntities([...ids], deps, 'labels');
  if (!Array.isArray(entities)) return entities;
  const labels = new Map<string, string>();
  for (const e of entities) {
    const label = term(e.labels, deps.language);
    if (label) labels.set(e.id, label);
  }
  return labels;
}

/** The outlet's facts, values in the card's words; item values without a label are left out. */
export function outletFacts(entity: WikidataEntity, labels: Map<string, string>, domain?: string): Fact[] {
  const facts: Fact[] = [];
  for (const [property, label] of OUTLET_FACTS) {
    const values: string[] = [];
    for (const s of statements(entity, property).slice(0, MAX_VALUES_PER_FACT)) {
      const id = itemId(s.mainsnak);
      const time = timeValue(s.mainsnak);
      const text = id ? labels.get(id) : time ? readableDate(time) : stringValue(s.mainsnak);
      if (property === 'P856') {
        // The card links the official website: only one, and only where the outlet is.
        const site = text ? officialWebsite(text, domain) : undefined;
        if (site && !values.length) values.push(site);
        continue;
      }
      if (text && !values.includes(text)) values.push(text);
    }
    if (values.length) facts.push({ label, value: values.join(', ') });
  }
  return facts;
}

/**
 * An official website (Wikidata P856) the card may link: https, no credentials, a real host name,
 * and, when the page's domain is known, on that domain (anyone can edit Wikidata; the card's
 * "Website" must not send the reader to some other host).
 */
export function officialWebsite(value: string, domain: string | undefined): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) return undefined;
    const host = normaliseDomain(url.hostname);
    if (!host || (domain && !sameSite(host, domain))) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/** A short extract: the first sentences, at most about 400 characters, cut at a sentence end. */
function shortExtract(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 400) return flat;
  const cut = flat.slice(0, 400);
  const end = cut.lastIndexOf('. ');
  return end > 100 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}
