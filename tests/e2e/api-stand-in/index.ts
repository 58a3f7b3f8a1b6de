import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestServer } from '../server';
import { FACT_CHECKS, type FixturePage, PAGES, REDIRECTS, wikidataEntity } from './fixtures';

/**
 * A local stand-in for the remote APIs Sidenote calls, mounted on the fixture server:
 *
 * - `/wikipedia/{lang}/w/api.php`: MediaWiki's Action API (`action=query` with titles, the
 *   search and links generators, extracts, pageprops, pageimages, description), formatversion=2
 * - `/wikipedia/{lang}/api/rest_v1/page/summary/{title}`: the REST API's page summary
 * - `/wikidata/w/api.php`: `action=wbgetentities`
 * - `/factcheck/v1alpha1/claims:search`: Google Fact Check Tools
 *
 * It answers CORS like the real services (`Access-Control-Allow-Origin: *` on the Action API
 * only when `origin=*` is given; preflights allowing `Api-User-Agent`), counts requests per API,
 * logs the headers that matter for privacy, and can be told to fail.
 */

export type Api = 'wikipedia' | 'wikidata' | 'factcheck';
/**
 * `no-cors`: a correct answer without CORS headers, as a server that does not allow
 * cross-origin reads gives it: shows whether the browser applies CORS to the extension.
 */
export type FailureMode = '500' | '429' | '503' | 'malformed' | 'html' | 'hang' | 'no-cors';

export interface Failure {
  mode: FailureMode;
  /** Seconds for `Retry-After` on 429/503 (omitted when undefined). */
  retryAfter?: number;
  /** Fail only this many requests, then answer normally again; forever when undefined. */
  times?: number;
}

export interface LoggedRequest {
  api: Api;
  method: string;
  url: string;
  referer?: string;
  origin?: string;
  apiUserAgent?: string;
}

export interface ApiStandIn {
  /** `settings.endpoints` pointing at the stand-in. */
  endpoints: { wikipedia: string; wikidata: string; factCheck: string };
  /** GET requests per API since the last reset (failed ones included). */
  counts: Record<Api, number>;
  /** CORS preflights per API. */
  preflights: Record<Api, number>;
  log: LoggedRequest[];
  fail(api: Api, failure: Failure | null): void;
  reset(): void;
}

/** The API key the stand-in accepts; any other is refused like Google refuses a bad key. */
export const STAND_IN_API_KEY = `AIza${'S'.repeat(35)}`;

const byTitle = new Map(PAGES.map((p) => [p.title, p]));

/** MediaWiki's title normalisation: underscores to spaces, first letter upper-case. */
function normalizeTitle(title: string): string {
  const spaced = title.replace(/_/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function firstSentences(text: string, n: number): string {
  const parts = text.split(/(?<=[.!?])\s+(?=[A-Z0-9"“])/);
  return parts.slice(0, n).join(' ');
}

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));

/** A small full-text search: every term must occur; title matches weigh most. */
function search(query: string): FixturePage[] {
  const terms = words(query);
  if (!terms.length) return [];
  return PAGES.filter((p) => !p.disambiguation)
    .map((p) => {
      const title = words(p.title);
      const text = words(`${p.title} ${p.intro} ${p.body ?? ''}`);
      if (!terms.every((t) => text.some((w) => w.startsWith(t)))) return null;
      const score =
        terms.filter((t) => title.some((w) => w.startsWith(t))).length * 10 +
        terms.reduce((n, t) => n + text.filter((w) => w.startsWith(t)).length, 0);
      return { p, score };
    })
    .filter((x): x is { p: FixturePage; score: number } => x !== null)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.p);
}

interface PageOptions {
  props: Set<string>;
  exintro: boolean;
  sentences?: number;
  thumbSize: number;
  withExtract: boolean;
}

/** One page object as the Action API gives it with formatversion=2. */
function pageJson(p: FixturePage, o: PageOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { pageid: p.pageid, ns: 0, title: p.title };
  if (o.props.has('pageprops')) {
    const pageprops: Record<string, string> = {};
    if (p.disambiguation) pageprops.disambiguation = '';
    if (p.wikidata) pageprops.wikibase_item = p.wikidata;
    if (Object.keys(pageprops).length) out.pageprops = pageprops;
  }
  if (o.props.has('extracts') && o.withExtract) {
    const full = o.exintro ? p.intro : `${p.intro}\n\n${p.body ?? ''}`.trim();
    out.extract = o.sentences ? firstSentences(full, o.sentences) : full;
  }
  if (o.props.has('pageimages') && p.thumbnail) {
    const scale = Math.min(1, o.thumbSize / Math.max(p.thumbnail.width, p.thumbnail.height));
    out.thumbnail = {
      source: `https://upload.wikimedia.org/wikipedia/commons/thumb/a/ab/${p.thumbnail.file}/${o.thumbSize}px-${p.thumbnail.file}`,
      width: Math.round(p.thumbnail.width * scale),
      height: Math.round(p.thumbnail.height * scale),
    };
    out.pageimage = p.thumbnail.file;
  }
  if (o.props.has('description') && p.description) {
    out.description = p.description;
    out.descriptionsource = 'local';
  }
  return out;
}

function actionQuery(params: URLSearchParams, lang: string): Record<string, unknown> {
  const props = new Set((params.get('prop') ?? '').split('|').filter(Boolean));
  const exintro = params.has('exintro') && params.get('exintro') !== 'false';
  const exlimitRaw = params.get('exlimit') ?? '20';
  // TextExtracts gives one extract a request unless exintro is set, and at most 20 even then.
  const exlimit = exintro ? Math.min(20, exlimitRaw === 'max' ? 20 : Number(exlimitRaw) || 20) : 1;
  const sentences = params.get('exsentences') ? Number(params.get('exsentences')) : undefined;
  const thumbSize = Number(params.get('pithumbsize') ?? 50);
  const base = { props, exintro, ...(sentences ? { sentences } : {}), thumbSize };
  const known = lang === 'en';

  const pages: Record<string, unknown>[] = [];
  const query: Record<string, unknown> = {};
  const result: Record<string, unknown> = {};
  let extractsGiven = 0;
  const add = (p: FixturePage, extra: Record<string, unknown> = {}) => {
    const withExtract = extractsGiven < exlimit;
    if (props.has('extracts') && withExtract) extractsGiven += 1;
    pages.push({ ...pageJson(p, { ...base, withExtract }), ...extra });
  };

  const generator = params.get('generator');
  if (generator === 'search') {
    const limit = Math.min(50, Number(params.get('gsrlimit') ?? 10));
    const offset = Number(params.get('gsroffset') ?? 0);
    const hits = known ? search(params.get('gsrsearch') ?? '') : [];
    hits.slice(offset, offset + limit).forEach((p, i) => {
      add(p, { index: offset + i + 1 });
    });
    if (hits.length > offset + limit) result.continue = { gsroffset: offset + limit, continue: 'gsroffset||' };
  } else {
    const titles = (params.get('titles') ?? '').split('|').filter(Boolean);
    if (titles.length > 50) {
      return {
        error: { code: 'toomanyvalues', info: 'Too many values supplied for parameter "titles". The limit is 50.' },
      };
    }
    const normalized: { fromencoded: boolean; from: string; to: string }[] = [];
    const redirects: { from: string; to: string }[] = [];
    const targets: string[] = [];
    for (const raw of titles) {
      const title = normalizeTitle(raw);
      if (title !== raw) normalized.push({ fromencoded: false, from: raw, to: title });
      const target = params.get('redirects') && known ? REDIRECTS[title] : undefined;
      if (target) {
        if (!redirects.some((r) => r.from === title)) redirects.push({ from: title, to: target });
        targets.push(target);
      } else targets.push(title);
    }
    const unique = [...new Set(targets)];
    if (generator === 'links') {
      const limit = Math.min(500, Number(params.get('gpllimit') ?? 10));
      const linked = unique.flatMap((t) => (known ? (byTitle.get(t)?.links ?? []) : [])).slice(0, limit);
      for (const t of linked) {
        const p = byTitle.get(t);
        if (p) add(p);
        else pages.push({ ns: 0, title: t, missing: true });
      }
    } else {
      for (const t of unique) {
        const p = known ? byTitle.get(t) : undefined;
        if (p) add(p);
        else pages.push({ ns: 0, title: t, missing: true });
      }
    }
    if (normalized.length) query.normalized = normalized;
    if (redirects.length) query.redirects = redirects;
  }
  if (props.has('extracts') && pages.length > extractsGiven && extractsGiven === exlimit) {
    result.continue = { excontinue: extractsGiven, continue: '||' };
  }
  if (!result.continue) result.batchcomplete = true;
  if (pages.length) query.pages = pages;
  if (Object.keys(query).length) result.query = query;
  return result;
}

function wbgetentities(params: URLSearchParams): Record<string, unknown> {
  const ids = (params.get('ids') ?? '').split('|').filter(Boolean);
  if (ids.length > 50) {
    return { error: { code: 'toomanyvalues', info: 'Too many values supplied for parameter "ids". The limit is 50.' } };
  }
  const props = (params.get('props') ?? 'info|sitelinks|aliases|labels|descriptions|claims|datatype').split('|');
  const languages = (params.get('languages') ?? 'en').split('|');
  const entities: Record<string, unknown> = {};
  for (const id of ids) {
    if (!/^Q\d+$/.test(id)) {
      return { error: { code: 'no-such-entity', info: `Could not find an entity with the ID "${id}".`, id } };
    }
    entities[id] = wikidataEntity(id, props, languages) ?? { id, missing: '' };
  }
  return { entities, success: 1 };
}

function factCheckSearch(params: URLSearchParams): { status: number; body: Record<string, unknown> } {
  if (params.get('key') !== STAND_IN_API_KEY) {
    return {
      status: 400,
      body: {
        error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' },
      },
    };
  }
  const terms = words(params.get('query') ?? '');
  // Google matches loosely: a review counts when most of the query's words occur in the claim.
  const claims = FACT_CHECKS.filter((c) => {
    const text = words(c.text);
    const hits = terms.filter((t) => text.some((w) => w.startsWith(t))).length;
    return terms.length > 0 && hits / terms.length >= 0.5;
  });
  return { status: 200, body: claims.length ? { claims } : {} };
}

/** The REST API's page summary (`/api/rest_v1/page/summary/{title}`), for clients that want one page. */
function restSummary(
  rawTitle: string,
  lang: string,
  origin: string,
): { status: number; body: unknown; location?: string } {
  const title = normalizeTitle(rawTitle);
  const target = REDIRECTS[title];
  if (target) return { status: 302, body: '', location: encodeURIComponent(target.replace(/ /g, '_')) };
  const p = lang === 'en' ? byTitle.get(title) : undefined;
  if (!p) {
    return {
      status: 404,
      body: {
        type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found',
        title: 'Not found.',
        method: 'get',
        detail: 'Page or revision not found.',
        uri: `/${lang}.wikipedia.org/v1/page/summary/${encodeURIComponent(rawTitle)}`,
      },
    };
  }
  const path = encodeURIComponent(p.title.replace(/ /g, '_'));
  return {
    status: 200,
    body: {
      type: p.disambiguation ? 'disambiguation' : 'standard',
      title: p.title.replace(/ /g, '_'),
      displaytitle: p.title,
      namespace: { id: 0, text: '' },
      ...(p.wikidata ? { wikibase_item: p.wikidata } : {}),
      titles: { canonical: p.title.replace(/ /g, '_'), normalized: p.title, display: p.title },
      pageid: p.pageid,
      lang,
      dir: 'ltr',
      ...(p.description ? { description: p.description, description_source: 'local' } : {}),
      content_urls: {
        desktop: { page: `${origin}/wiki/${path}` },
        mobile: { page: `${origin}/wiki/${path}` },
      },
      extract: firstSentences(p.intro, 3),
      extract_html: `<p>${firstSentences(p.intro, 3).replace(/[<>&]/g, '')}</p>`,
    },
  };
}

/** Mounts the stand-in on a fixture server. */
export function installApiStandIn(server: TestServer): ApiStandIn {
  const zero = (): Record<Api, number> => ({ wikipedia: 0, wikidata: 0, factcheck: 0 });
  const failures = new Map<Api, Failure>();
  const standIn: ApiStandIn = {
    endpoints: {
      wikipedia: `${server.origin}/wikipedia/{lang}`,
      wikidata: `${server.origin}/wikidata`,
      factCheck: `${server.origin}/factcheck`,
    },
    counts: zero(),
    preflights: zero(),
    log: [],
    fail: (api, failure) => {
      if (failure) failures.set(api, { ...failure });
      else failures.delete(api);
    },
    reset: () => {
      standIn.counts = zero();
      standIn.preflights = zero();
      standIn.log = [];
      failures.clear();
    },
  };

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string>) => {
    res.writeHead(status, headers).end(body);
  };

  server.addRoute((req: IncomingMessage, res: ServerResponse, url: URL) => {
    const rest = /^\/wikipedia\/([a-z-]+)\/api\/rest_v1\/page\/summary\/([^/]+)$/.exec(url.pathname);
    if (rest) {
      standIn.counts.wikipedia += 1;
      const { status, body, location } = restSummary(decodeURIComponent(rest[2]!), rest[1]!, server.origin);
      res
        .writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'access-control-allow-origin': '*',
          ...(location ? { location } : {}),
        })
        .end(typeof body === 'string' ? body : JSON.stringify(body));
      return true;
    }
    const match =
      /^\/(wikipedia\/([a-z-]+)\/w\/api\.php|wikidata\/w\/api\.php|factcheck\/v1alpha1\/claims:search)$/.exec(
        url.pathname,
      );
    if (!match) return false;
    const api: Api = match[1]!.startsWith('wikipedia')
      ? 'wikipedia'
      : match[1]!.startsWith('wikidata')
        ? 'wikidata'
        : 'factcheck';
    const origin = req.headers.origin;

    if (req.method === 'OPTIONS') {
      standIn.preflights[api] += 1;
      // MediaWiki allows Api-User-Agent in cross-origin requests; Google's APIs echo what is asked.
      const allowHeaders =
        api === 'factcheck' ? String(req.headers['access-control-request-headers'] ?? '') : 'Api-User-Agent';
      res
        .writeHead(200, {
          'access-control-allow-origin': api === 'factcheck' ? (origin ?? '*') : '*',
          'access-control-allow-methods': 'GET, HEAD, OPTIONS',
          'access-control-allow-headers': allowHeaders,
          'content-length': '0',
        })
        .end();
      return true;
    }

    standIn.counts[api] += 1;
    standIn.log.push({
      api,
      method: req.method ?? 'GET',
      url: url.pathname + url.search,
      ...(req.headers.referer ? { referer: req.headers.referer } : {}),
      ...(origin ? { origin } : {}),
      ...(req.headers['api-user-agent'] ? { apiUserAgent: String(req.headers['api-user-agent']) } : {}),
    });

    // The Action API adds CORS headers only when asked with origin=*; Google's API always does.
    const cors: Record<string, string> =
      api === 'factcheck'
        ? { 'access-control-allow-origin': origin ?? '*', vary: 'Origin' }
        : url.searchParams.get('origin') === '*'
          ? { 'access-control-allow-origin': '*' }
          : {};
    const json = { 'content-type': 'application/json; charset=utf-8', ...cors };
    // What MediaWiki answers to an action it does not serve at that address (HTTP 200, an error body).
    const badAction = () => {
      send(
        res,
        200,
        JSON.stringify({ error: { code: 'badvalue', info: 'Unrecognized value for parameter "action".' } }),
        json,
      );
      return true;
    };

    const failure = failures.get(api);
    if (failure?.mode === 'no-cors') {
      for (const key of Object.keys(cors)) delete cors[key];
      delete (json as Record<string, string>)['access-control-allow-origin'];
      delete (json as Record<string, string>).vary;
    }
    if (failure && failure.mode !== 'no-cors') {
      if (failure.times !== undefined) {
        failure.times -= 1;
        if (failure.times <= 0) failures.delete(api);
      }
      const retry: Record<string, string> =
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      switch (failure.mode) {
        case 'hang':
          return true; // never answers; the server closes the socket at shutdown
        case '500':
          send(res, 500, '<!DOCTYPE html><html><body><h1>Internal error</h1></body></html>', {
            'content-type': 'text/html; charset=utf-8',
            ...cors,
          });
          return true;
        case '429':
          send(res, 429, JSON.stringify({ error: { code: 'ratelimited', info: 'Too many requests' } }), {
            ...json,
            ...retry,
          });
          return true;
        case '503':
          send(res, 503, '<!DOCTYPE html><html><body>Service unavailable</body></html>', {
            'content-type': 'text/html; charset=utf-8',
            ...cors,
            ...retry,
          });
          return true;
        case 'malformed':
          send(res, 200, '{"batchcomplete":true,"query":{"pages":[{"title":', json);
          return true;
        case 'html':
          // A proxy's or CDN's error page delivered with a 200.
          send(
            res,
            200,
            '<!DOCTYPE html><html><head><title>Error</title></head><body>Our servers are busy.</body></html>',
            {
              'content-type': 'text/html; charset=utf-8',
              ...cors,
            },
          );
          return true;
      }
    }

    if (api === 'wikipedia') {
      const lang = match[2]!;
      if (url.searchParams.get('action') !== 'query') {
        return badAction();
      }
      send(res, 200, JSON.stringify(actionQuery(url.searchParams, lang)), json);
      return true;
    }
    if (api === 'wikidata') {
      if (url.searchParams.get('action') !== 'wbgetentities') {
        return badAction();
      }
      send(res, 200, JSON.stringify(wbgetentities(url.searchParams)), json);
      return true;
    }
    const { status, body } = factCheckSearch(url.searchParams);
    send(res, status, JSON.stringify(body), json);
    return true;
  });
  return standIn;
}
