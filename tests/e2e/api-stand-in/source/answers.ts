import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The stand-in's answers to source-context and figure-check requests: Wikipedia's and
 * Wikidata's action APIs, shaped exactly like the real ones, from the JSON in this folder.
 * `answerSourceRequest` returns undefined for requests it does not know, so the general
 * stand-in (lib/lookup's) can answer those.
 */

const here = dirname(fileURLToPath(import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(join(here, name), 'utf8'));

const perennialParse = load('perennial-parse.json');
const perennialSubpages = load('perennial-subpages.json');
const entities: Record<string, Record<string, unknown>> = load('wikidata-entities.json');
const wikipedia: { pages: Record<string, Record<string, unknown>>; redirects: Record<string, string> } =
  load('wikipedia-pages.json');

const PERENNIAL = 'Wikipedia:Reliable sources/Perennial sources';

/** Wikipedia's title normalisation: underscores to spaces, first letter upper-case. */
function normaliseTitle(title: string): string {
  const spaced = title.replace(/_/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function answerSourceRequest(url: URL): unknown | undefined {
  if (!url.pathname.endsWith('/w/api.php')) return undefined;
  const p = url.searchParams;
  const action = p.get('action');

  if (action === 'parse' && p.get('page') === PERENNIAL && p.get('prop') === 'wikitext|templates')
    return perennialParse;
  if (action === 'query' && p.get('prop') === 'revisions' && p.get('titles')?.startsWith(`${PERENNIAL}/`)) {
    return perennialSubpages;
  }

  if (action === 'query' && p.get('titles') && /\b(extracts|pageprops)\b/.test(p.get('prop') ?? '')) {
    return wikipediaQuery(p);
  }
  if (action === 'wbgetentities' && p.get('ids')) return getEntities(p);
  if (action === 'wbsearchentities' && p.get('search')) return searchEntities(p.get('search')!);
  if (action === 'query' && p.get('list') === 'search' && p.get('srsearch')?.startsWith('haswbstatement:')) {
    return websiteSearch(p.get('srsearch')!);
  }
  return undefined;
}

function wikipediaQuery(p: URLSearchParams): unknown | undefined {
  const asked = (p.get('titles') ?? '').split('|');
  const normalized: { fromencoded: boolean; from: string; to: string }[] = [];
  const redirects: { from: string; to: string }[] = [];
  const pages: Record<string, unknown>[] = [];
  const props = (p.get('prop') ?? '').split('|');
  for (const raw of asked) {
    let title = normaliseTitle(raw);
    if (title !== raw) normalized.push({ fromencoded: false, from: raw, to: title });
    if (p.get('redirects') && wikipedia.redirects[title]) {
      redirects.push({ from: title, to: wikipedia.redirects[title]! });
      title = wikipedia.redirects[title]!;
    }
    const page = wikipedia.pages[title];
    // Only titles this folder knows are answered here; the rest go to the general stand-in.
    if (!page) return undefined;
    const out: Record<string, unknown> = { pageid: page.pageid, ns: page.ns, title: page.title };
    if (props.includes('extracts')) out.extract = page.extract;
    if (props.includes('description')) {
      out.description = page.description;
      out.descriptionsource = page.descriptionsource;
    }
    if (props.includes('pageprops')) out.pageprops = page.pageprops;
    pages.push(out);
  }
  const query: Record<string, unknown> = {};
  if (normalized.length) query.normalized = normalized;
  if (redirects.length) query.redirects = redirects;
  query.pages = pages;
  return { batchcomplete: true, query };
}

function getEntities(p: URLSearchParams): unknown | undefined {
  const ids = (p.get('ids') ?? '').split('|');
  if (!ids.every((id) => entities[id])) return undefined;
  const props = (p.get('props') ?? 'info|sitelinks|aliases|labels|descriptions|claims|datatype').split('|');
  const languages = p.get('languages')?.split('|');
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const e = entities[id]!;
    const cut: Record<string, unknown> = { type: e.type, id: e.id };
    for (const key of ['labels', 'descriptions', 'aliases', 'claims', 'sitelinks'] as const) {
      if (!props.includes(key)) continue;
      const value = e[key] as Record<string, unknown>;
      cut[key] =
        languages && key !== 'claims' && key !== 'sitelinks'
          ? Object.fromEntries(Object.entries(value).filter(([lang]) => languages.includes(lang)))
          : value;
    }
    out[id] = cut;
  }
  return { entities: out, success: 1 };
}

function searchEntities(search: string): unknown {
  const wanted = search.toLowerCase();
  const hits = Object.values(entities).filter((e) => {
    const labels = Object.values(e.labels as Record<string, { value: string }>).map((l) => l.value);
    const aliases = Object.values(e.aliases as Record<string, { value: string }[]>).flatMap((a) =>
      a.map((x) => x.value),
    );
    return [...labels, ...aliases].some((name) => name.toLowerCase().startsWith(wanted));
  });
  return {
    searchinfo: { search },
    search: hits.map((e) => {
      const label = (e.labels as Record<string, { value: string }>).en?.value ?? '';
      const description = (e.descriptions as Record<string, { value: string }>).en?.value;
      return {
        id: e.id,
        title: e.id,
        pageid: Number(String(e.id).slice(1)),
        concepturi: `http://www.wikidata.org/entity/${e.id}`,
        repository: 'wikidata',
        url: `//www.wikidata.org/wiki/${e.id}`,
        display: { label: { value: label, language: 'en' }, description: { value: description, language: 'en' } },
        label,
        description,
        match: { type: 'label', language: 'en', text: label },
      };
    }),
    success: 1,
  };
}

function websiteSearch(srsearch: string): unknown {
  const wanted = srsearch
    .slice('haswbstatement:'.length)
    .split('|')
    .map((s) => s.replace(/^P856=/, ''));
  const hits = Object.values(entities).filter((e) => {
    const claims = e.claims as Record<string, { mainsnak: { datavalue?: { value: unknown } } }[]>;
    return (claims.P856 ?? []).some((s) => wanted.includes(String(s.mainsnak.datavalue?.value)));
  });
  return {
    batchcomplete: '',
    query: {
      searchinfo: { totalhits: hits.length },
      search: hits.map((e) => ({
        ns: 0,
        title: e.id,
        pageid: Number(String(e.id).slice(1)),
        size: 4000,
        wordcount: 0,
      })),
    },
  };
}

/** A route for tests/e2e/server.ts: answers the requests above, leaves the rest to later routes. */
export function sourceRoute(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET') return false;
  const body = answerSourceRequest(url);
  if (body === undefined) return false;
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': '*',
  });
  res.end(JSON.stringify(body));
  return true;
}
