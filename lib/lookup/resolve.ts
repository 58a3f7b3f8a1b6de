import type { Outcome } from '../cache/cache';
import { isFailure } from '../cache/cache';
import type { EntityQuery, LookupFailure } from '../contracts/lookups';
import {
  candidateScore,
  countMatchedWords,
  hasAllWords,
  hasWord,
  mentions,
  normalize,
  significantWords,
} from './text-match';
import type { PageSummary, TitleInfo } from './wikipedia';

/** What the resolver needs from Wikipedia; the service backs it with the cache and the network. */
export interface WikiSource {
  /** Summaries of many titles, redirects followed, batched. */
  titles(titles: string[]): Promise<Map<string, Outcome<TitleInfo>>>;
  /** Full-text search, best first. */
  search(query: string): Promise<Outcome<PageSummary[]>>;
  /** The articles a disambiguation page lists. */
  candidates(disambiguationTitle: string): Promise<Outcome<PageSummary[]>>;
}

/** An entity's article, or none (nothing fits well enough), or why the lookup failed. */
export type Resolution = { page: PageSummary } | { none: true } | { deferred: true } | LookupFailure;

/**
 * Words a short description of each type tends to use. English only: in other languages the
 * choice rests on the page's other entities alone.
 */
const TYPE_WORDS: Record<EntityQuery['type'], string[]> = {
  person: [
    'politician',
    'president',
    'born',
    'leader',
    'minister',
    'actor',
    'singer',
    'writer',
    'player',
    'journalist',
    'businessman',
    'businesswoman',
    'activist',
    'officer',
  ],
  place: [
    'country',
    'city',
    'capital',
    'state',
    'province',
    'governorate',
    'region',
    'town',
    'village',
    'district',
    'island',
    'county',
    'municipality',
    'territory',
  ],
  organization: [
    'organization',
    'organisation',
    'company',
    'party',
    'agency',
    'union',
    'government',
    'institution',
    'association',
    'ministry',
    'office',
    'complex',
    'residence',
    'council',
    'bank',
    'label',
    'publisher',
    'newspaper',
    'broadcaster',
    'university',
    'club',
    'team',
  ],
  event: [
    'war',
    'election',
    'battle',
    'conflict',
    'intervention',
    'crisis',
    'protest',
    'revolution',
    'summit',
    'attack',
    'offensive',
    'referendum',
    'uprising',
    'campaign',
  ],
  law: ['act', 'law', 'legislation', 'bill', 'treaty', 'sanction', 'regulation', 'statute', 'directive'],
  group: ['group', 'militia', 'movement', 'party', 'organization', 'organisation', 'coalition', 'force'],
  other: [],
};

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The year a query's date names, if any. */
const yearOf = (q: EntityQuery): string | undefined => /^(\d{4})/.exec(q.date ?? '')?.[1];

/**
 * Titles worth trying directly, best first: the event's own title, the name with the noun the
 * text gives it ("<name> Province" often redirects to the province's article), then the name,
 * except for dated events (the bare name of a dated event is the general article, never the event).
 */
export function directTitles(q: EntityQuery): string[] {
  const titles: string[] = [];
  if (q.lookupTitle) titles.push(q.lookupTitle);
  if (q.descriptor) {
    const noun = q.descriptor.trim();
    titles.push(`${q.name} ${capitalize(noun)}`, `${q.name} ${noun.toLowerCase()}`);
  }
  if (q.type !== 'event' || !q.date) titles.push(q.name);
  return [...new Set(titles)];
}

function haystackOf(page: PageSummary): string {
  return normalize(`${page.title} ${page.description ?? ''} ${page.extract ?? ''}`);
}

/** How many of the page's other entities a candidate mentions (the name itself not counted). */
function relatedScore(q: EntityQuery, page: PageSummary): number {
  const hay = haystackOf(page);
  const own = normalize(q.name);
  return q.related.filter((r) => normalize(r) !== own && mentions(hay, r)).length;
}

/** 1 when the candidate's description or title qualifier names the expected kind of thing. */
function typeScore(q: EntityQuery, page: PageSummary): number {
  const text = normalize(`${page.description ?? ''} ${/\(([^)]*)\)/.exec(page.title)?.[1] ?? ''}`);
  return TYPE_WORDS[q.type].some((w) => hasWord(text, w)) ? 1 : 0;
}

/**
 * Chooses among a search's results: a result must carry every word of the name (and, for a
 * dated event, the year); among those, the one that mentions most of the page's other entities
 * wins, the search's own order breaking ties. Nothing passes → no card.
 */
export function chooseFromSearch(q: EntityQuery, results: PageSummary[]): PageSummary | undefined {
  const year = yearOf(q);
  let best: { page: PageSummary; score: number } | undefined;
  results.forEach((page, rank) => {
    if (page.disambiguation) return;
    const hay = haystackOf(page);
    if (!hasAllWords(hay, q.name)) return;
    if (q.type === 'event') {
      if (year && !hay.includes(year)) return;
      // The event's own article names it in its title ("… civil war", "… election").
      if (countMatchedWords(normalize(page.title), significantWords(q.name)) === 0) return;
    }
    const score = candidateScore(relatedScore(q, page), typeScore(q, page), rank);
    if (!best || score > best.score) best = { page, score };
  });
  return best?.page;
}

/**
 * Chooses among a disambiguation page's entries: only a clear winner counts, one that carries
 * the name, fits the type or mentions the page's other entities, and beats every other entry.
 */
export function chooseFromDisambiguation(q: EntityQuery, candidates: PageSummary[]): PageSummary | undefined {
  const words = significantWords(q.name);
  const scored = candidates
    .filter((p) => !p.disambiguation && countMatchedWords(normalize(p.title), words) === words.length)
    .map((page) => ({ page, score: candidateScore(relatedScore(q, page), typeScore(q, page)) }))
    .sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (!first || first.score <= 0) return undefined;
  if (second && second.score === first.score) return undefined;
  return first.page;
}

/**
 * Resolves a batch of entity queries to Wikipedia articles in as few requests as it can: one
 * batched titles query for every direct title, then (in parallel) a search per entity that
 * missed and the entries of each disambiguation page met, then one batched query for the
 * summaries of any chosen entry that came without one.
 */
export async function resolveEntities(
  queries: EntityQuery[],
  source: WikiSource,
  { search = true }: { search?: boolean } = {},
): Promise<Map<string, Resolution>> {
  const out = new Map<string, Resolution>();
  const direct = await source.titles([...new Set(queries.flatMap(directTitles))]);

  type Next = { kind: 'search'; query: string } | { kind: 'disambiguation'; title: string };
  const next = new Map<EntityQuery, Next>();
  for (const q of queries) {
    const { found, failure, disambiguation } = readDirect(q, direct);
    if (found) out.set(q.key, { page: found });
    else if (failure) out.set(q.key, failure);
    else if (!search) out.set(q.key, { deferred: true });
    else if (disambiguation) next.set(q, { kind: 'disambiguation', title: disambiguation });
    else {
      const year = yearOf(q);
      const withYear = q.type === 'event' && year && !q.name.includes(year);
      next.set(q, { kind: 'search', query: withYear ? `${q.name} ${year}` : q.name });
    }
  }

  await Promise.all(
    [...next].map(async ([q, step]) => {
      const list = step.kind === 'search' ? await source.search(step.query) : await source.candidates(step.title);
      if (isFailure(list)) {
        out.set(q.key, list);
        return;
      }
      const chosen = step.kind === 'search' ? chooseFromSearch(q, list) : chooseFromDisambiguation(q, list);
      out.set(q.key, chosen ? { page: chosen } : { none: true });
    }),
  );

  await fillExtracts(out, source);
  return out;
}

/**
 * What the direct titles of one query gave: the first article found, else the first failure
 * met and the first disambiguation page met.
 */
function readDirect(
  q: EntityQuery,
  direct: Map<string, Outcome<TitleInfo>>,
): { found?: PageSummary; failure?: LookupFailure; disambiguation?: string } {
  let failure: LookupFailure | undefined;
  let disambiguation: string | undefined;
  for (const title of directTitles(q)) {
    const info = direct.get(title);
    if (!info || isFailure(info)) {
      failure ??= info && isFailure(info) ? info : { status: 'error', reason: 'unavailable' };
      continue;
    }
    if (!info.found) continue;
    if (info.page.disambiguation) {
      disambiguation ??= info.page.title;
      continue;
    }
    return { found: info.page, failure, disambiguation };
  }
  return { failure, disambiguation };
}

/** Entries of long disambiguation lists can come without an extract (20 a request): fetches those. */
async function fillExtracts(out: Map<string, Resolution>, source: WikiSource): Promise<void> {
  const bare = [...out.values()].flatMap((r) => ('page' in r && !r.page.extract ? [r.page.title] : []));
  if (!bare.length) return;
  const filled = await source.titles([...new Set(bare)]);
  for (const [key, r] of out) {
    if (!('page' in r) || r.page.extract) continue;
    const info = filled.get(r.page.title);
    if (info && !isFailure(info) && info.found && !info.page.disambiguation) out.set(key, { page: info.page });
  }
}
