import { z } from 'zod';
import type { KeyValueCache } from '../cache/cache';
import {
  PERENNIAL_STATUSES,
  type PerennialEntry,
  type PerennialStanding,
  type PerennialStatus,
  perennialEntrySchema,
} from '../contracts/sources';
import { askJson } from '../wikimedia/ask';
import { failure, type GetJson } from '../wikimedia/http';
import { wikipediaApi } from '../wikimedia/urls';
import { links, plainText, splitTopLevel, type Template, templates } from './wikitext';

/**
 * Wikipedia's "Reliable sources/Perennial sources" list: fetched, parsed into entries, and
 * matched against a source by domain and by name.
 *
 * Why wikitext and not the rendered HTML: Chrome's MV3 service worker has no DOMParser, so
 * HTML would need a hand-made HTML parser; the wikitext is a fraction of the HTML's size; and
 * its rows carry the status and domains as template arguments (`{{WP:RSPSTATUS|gu}}`,
 * `{{WP:RSPUSES|example.com}}`) rather than as icons and search links.
 *
 * The list's rows live in subpages that the list page transcludes (".../Perennial sources/1",
 * "/2", …), so it takes two requests, then a day in the cache:
 *  1. `action=parse&prop=wikitext|templates` on the list page: its own wikitext (rows, if any
 *     are kept there) and the pages it transcludes;
 *  2. `action=query&prop=revisions&rvprop=content` for the transcluded subpages, up to 50 at once.
 */

export const PERENNIAL_TITLE = 'Wikipedia:Reliable sources/Perennial sources';
/** The list is English Wikipedia's, whatever language the reader uses. */
export const PERENNIAL_LANGUAGE = 'en';
/** The list changes a few times a week; a day old is fresh enough. */
export const PERENNIAL_TTL_MS = 24 * 3_600_000;
const CACHE_KEY = 'perennial:list:v1';
const MAX_SUBPAGES = 50;
const MAX_CONTINUATIONS = 4;
const MAX_ENTRIES = 5000;

const STATUS_CODES: Record<string, PerennialStatus> = {
  gr: 'generally-reliable',
  nc: 'no-consensus',
  gu: 'generally-unreliable',
  d: 'deprecated',
  b: 'blacklisted',
};

/** The address of a page on the list's wiki, https only (the card's links must be). */
export function wikiPageUrl(title: string, anchor?: string): string {
  const path = encodeURIComponent(title.replace(/ /g, '_')).replace(/%2F/g, '/').replace(/%3A/g, ':');
  const hash = anchor ? `#${encodeURIComponent(anchor.replace(/ /g, '_'))}` : '';
  return `https://${PERENNIAL_LANGUAGE}.wikipedia.org/wiki/${path}${hash}`;
}

export const PERENNIAL_LIST_URL = wikiPageUrl(PERENNIAL_TITLE);

/** Turns a discussion reference in the list into the title of the page it points at. */
function discussionTitle(target: string): string {
  return target.replace(/^WP:/i, 'Wikipedia:').replace(/^WT:/i, 'Wikipedia talk:');
}

/** Parses the rows of a Perennial sources table (the wikitext of the list or one of its subpages). */
export function parsePerennialWikitext(wikitext: string): PerennialEntry[] {
  const entries: PerennialEntry[] = [];
  const chunks = wikitext.split(/\n\|-/);
  for (const chunk of chunks.slice(1)) {
    const entry = parseRow(chunk);
    if (entry) entries.push(entry);
    if (entries.length >= MAX_ENTRIES) break;
  }
  return entries;
}

function parseRow(chunk: string): PerennialEntry | undefined {
  const newline = chunk.indexOf('\n');
  const attributes = newline >= 0 ? chunk.slice(0, newline) : chunk;
  const body = (newline >= 0 ? chunk.slice(newline + 1) : '').split(/\n\|\}/)[0] ?? '';
  const cells = rowCells(body);
  if (cells.length < 2) return undefined;

  // Per cell, so one unclosed template cannot swallow the cells after it.
  const all = cells.flatMap((cell) => templates(cell));
  const status = rowStatus(all, attributes);
  if (!status) return undefined;

  const id = /\bid="([^"]+)"/.exec(attributes)?.[1];
  const { name, aliases, qualifier } = readName(cells[0] ?? '');
  if (!name) return undefined;

  const domains = rowDomains(all);
  const discussions = rowDiscussions(cells[2] ?? '');
  const listUrl = wikiPageUrl(PERENNIAL_TITLE, id ?? name);
  const lastTemplate = all.find((t) => /^(WP:|Wikipedia:)?RSPLAST$/i.test(t.name));
  const summaryCell = cells[4] ?? cells.find((c, i) => i > 0 && !/RSPUSES|RSPSTATUS|RSPLAST/.test(c)) ?? '';
  const candidate = {
    name,
    qualifier,
    aliases,
    domains: [...domains],
    status,
    summary: oneLine(plainText(summaryCell)),
    discussionUrl: discussions[discussions.length - 1] ?? listUrl,
    listUrl,
    lastDiscussed: lastTemplate?.args[0]?.match(/^\d{4}$/)?.[0],
  };
  const parsed = perennialEntrySchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A row's status: the most severe status template in it (a blacklisted source is usually also
 * marked deprecated); the row's class ("s-gu") when the templates are missing.
 */
function rowStatus(all: Template[], attributes: string): PerennialStatus | undefined {
  let status: PerennialStatus | undefined;
  for (const t of all) {
    if (!/^(WP:|Wikipedia:)?RSPSTATUS$/i.test(t.name)) continue;
    const codes = [...t.args, t.named.b && /^y/i.test(t.named.b) ? 'b' : ''];
    for (const code of codes) {
      const s = STATUS_CODES[code.trim().toLowerCase()];
      if (s && (!status || PERENNIAL_STATUSES.indexOf(s) > PERENNIAL_STATUSES.indexOf(status))) status = s;
    }
  }
  if (!status) {
    const cls = /class="[^"]*\bs-(gr|nc|gu|d|b)\b/.exec(attributes)?.[1];
    status = cls ? STATUS_CODES[cls] : undefined;
  }
  return status;
}

/** The domains a row's uses templates name, normalised, each once. */
function rowDomains(all: Template[]): Set<string> {
  const domains = new Set<string>();
  for (const t of all) {
    if (!/^(WP:|Wikipedia:)?RSPUSES$/i.test(t.name)) continue;
    for (const arg of t.args) {
      const d = normaliseDomain(arg);
      if (d) domains.add(d);
    }
  }
  return domains;
}

/**
 * The discussion cell's addresses: `{{rsnl|archive|section|year}}` and `[[…/Archive N#…|1]]`
 * links, oldest first, so the last is the most recent.
 */
function rowDiscussions(discussionCell: string): string[] {
  const discussions: string[] = [];
  for (const m of discussionCell.matchAll(/\{\{\s*rsnl\s*\|[^{}]*\}\}|\[\[[^[\]]+\]\]/gi)) {
    const token = m[0];
    if (token.startsWith('{{')) {
      const t = templates(token)[0];
      if (t?.args[0] && /^\d+$/.test(t.args[0])) {
        discussions.push(wikiPageUrl(`Wikipedia:Reliable sources/Noticeboard/Archive ${t.args[0]}`, t.args[1]));
      }
    } else {
      const link = links(token)[0];
      const [title, anchor] = discussionTitle(link?.target ?? '').split('#');
      if (title?.trim()) discussions.push(wikiPageUrl(title.trim(), anchor?.trim()));
    }
  }
  return discussions;
}

/** Cells of one row: lines starting with "|" (or "||" separated on one line), continuations joined. */
function rowCells(body: string): string[] {
  const cells: string[] = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('|') && !line.startsWith('|}') && !line.startsWith('|+')) {
      for (const part of splitTopLevel(line.slice(1), '||')) cells.push(dropAttributes(part));
    } else if (line.startsWith('!')) {
      return []; // a header row
    } else if (cells.length > 0) {
      cells[cells.length - 1] += `\n${line}`;
    }
  }
  return cells.map((c) => c.trim());
}

/** A cell may start with attributes: `data-sort-value="Guardian" | The Guardian`. */
function dropAttributes(cell: string): string {
  const parts = splitTopLevel(cell, '|');
  if (parts.length > 1 && /^\s*([\w-]+\s*=\s*("[^"]*"|'[^']*'|\S+)\s*)+$/.test(parts[0] ?? '')) {
    return parts.slice(1).join('|');
  }
  return cell;
}

function readName(cell: string): { name?: string; aliases: string[]; qualifier?: string } {
  const aliases: string[] = [];
  // Small print after the name gives other names: "{{small|(AFP)}}", "{{small|(''The Observer'')}}".
  for (const t of templates(cell)) {
    if (/^small(er)?$/i.test(t.name) && t.args[0]) {
      for (const part of plainText(t.args[0])
        .replace(/^\(|\)$/g, '')
        .split(/,|\band\b|;/)) {
        const alias = part.trim();
        if (alias.length > 1) aliases.push(alias);
      }
    }
  }
  const withoutSmall = cell.replace(/\{\{\s*small(er)?\s*\|[^{}]*\}\}/gi, '');
  const firstLink = links(withoutSmall)[0];
  if (firstLink && firstLink.target !== firstLink.label && !firstLink.target.startsWith('#')) {
    aliases.push(firstLink.target.replace(/_/g, ' '));
  }
  const text = plainText(withoutSmall);
  const qualifier = /\(([^)]+)\)\s*$/.exec(text)?.[1]?.trim();
  const name = text.replace(/\s*\([^)]*\)\s*$/, '').trim();
  return { name: name || undefined, aliases: [...new Set(aliases)].filter((a) => a !== name), qualifier };
}

function oneLine(text: string): string {
  if (text.length <= 600) return text;
  const cut = text.slice(0, 600);
  const end = cut.lastIndexOf('. ');
  return end > 200 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

/** A domain as the list and the page are compared: lower-case, no scheme, path or "www.". */
export function normaliseDomain(value: string): string | undefined {
  const d = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\d?\./, '')
    .replace(/\.$/, '');
  return /^([a-z0-9-]+\.)+[a-z0-9-]{2,}$/.test(d) ? d : undefined;
}

/** A name as the list and a page are compared: no case, accents, punctuation or leading "The". */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** Entries whose domains cover `domain` (the domain itself or a parent: news.bbc.co.uk → bbc.co.uk). */
export function matchByDomain(entries: PerennialEntry[], domain: string): PerennialEntry[] {
  const d = normaliseDomain(domain);
  if (!d) return [];
  return entries.filter((e) => e.domains.some((listed) => d === listed || d.endsWith(`.${listed}`)));
}

/** Normalised names per entry, worked out once per entry (the list has over a thousand). */
const normalisedNames = new WeakMap<PerennialEntry, string[]>();

/** Entries whose name, or one of its other names, is `name`. */
export function matchByName(entries: PerennialEntry[], name: string): PerennialEntry[] {
  const n = normaliseName(name);
  if (!n) return [];
  return entries.filter((e) => {
    let names = normalisedNames.get(e);
    if (!names) {
      names = [e.name, ...e.aliases].map(normaliseName);
      normalisedNames.set(e, names);
    }
    return names.includes(n);
  });
}

/**
 * A source's standing: matched by domain first (a domain is unambiguous), then by name;
 * "not listed" when neither finds it.
 */
export function perennialStanding(
  entries: PerennialEntry[],
  source: { names: string[]; domains: string[] },
): PerennialStanding {
  for (const domain of source.domains) {
    const found = matchByDomain(entries, domain);
    if (found.length)
      return { status: 'listed', entries: found.slice(0, 10), matchedBy: 'domain', listUrl: PERENNIAL_LIST_URL };
  }
  for (const name of source.names) {
    const found = matchByName(entries, name);
    if (found.length)
      return { status: 'listed', entries: found.slice(0, 10), matchedBy: 'name', listUrl: PERENNIAL_LIST_URL };
  }
  return { status: 'not-listed', listUrl: PERENNIAL_LIST_URL };
}

const parseResponseSchema = z.object({
  parse: z.object({
    title: z.string(),
    wikitext: z.string(),
    templates: z.array(z.object({ ns: z.number(), title: z.string(), exists: z.boolean().optional() })).optional(),
  }),
});

const revisionsResponseSchema = z.object({
  continue: z.record(z.string(), z.string()).optional(),
  query: z.object({
    pages: z.array(
      z.object({
        title: z.string(),
        missing: z.boolean().optional(),
        revisions: z
          .array(z.object({ slots: z.object({ main: z.object({ content: z.string().optional() }) }) }))
          .optional(),
      }),
    ),
  }),
});

/** The action API address on the list's wiki, from the reader's Wikipedia endpoint setting. */
export function apiUrl(wikipediaEndpoint: string, params: Record<string, string>): string {
  return wikipediaApi({ wikipedia: wikipediaEndpoint }, PERENNIAL_LANGUAGE, params);
}

/** Fetches and parses the whole list (two requests). Never throws. */
export async function fetchPerennialList(
  getJson: GetJson,
  wikipediaEndpoint: string,
): Promise<PerennialEntry[] | ReturnType<typeof failure>> {
  const page = await askJson(
    getJson,
    apiUrl(wikipediaEndpoint, { action: 'parse', page: PERENNIAL_TITLE, prop: 'wikitext|templates' }),
    parseResponseSchema,
  );
  if (!page.ok) return page.failure;

  const entries = parsePerennialWikitext(page.value.parse.wikitext);
  const prefix = `${page.value.parse.title}/`;
  const subpages = (page.value.parse.templates ?? [])
    .filter((t) => t.ns === 4 && t.exists !== false && t.title.startsWith(prefix) && !/\.(css|js)$/i.test(t.title))
    .map((t) => t.title)
    .slice(0, MAX_SUBPAGES);

  if (subpages.length > 0) {
    // The API hands back page contents in parts when they are large (`continue`); follow a few.
    const contents = new Map<string, string>();
    let cont: Record<string, string> = {};
    for (let round = 0; round < MAX_CONTINUATIONS; round++) {
      const revisions = await askJson(
        getJson,
        apiUrl(wikipediaEndpoint, {
          action: 'query',
          prop: 'revisions',
          rvprop: 'content',
          rvslots: 'main',
          titles: subpages.join('|'),
          ...cont,
        }),
        revisionsResponseSchema,
      );
      if (!revisions.ok) return revisions.failure;
      for (const p of revisions.value.query.pages) {
        const content = p.revisions?.[0]?.slots.main.content;
        if (content && !contents.has(p.title)) contents.set(p.title, content);
      }
      if (!revisions.value.continue) break;
      cont = revisions.value.continue;
    }
    // Keep the list's order: the subpages in the order the list page transcludes them.
    for (const title of subpages) {
      const content = contents.get(title);
      if (content) entries.push(...parsePerennialWikitext(content));
    }
  }
  // A list with no rows at all means the page's shape changed under us: say so, do not
  // answer "not listed" for every source.
  return entries.length > 0 ? entries : failure('malformed');
}

const cachedListSchema = z.array(perennialEntrySchema);

/**
 * The list, from the cache when it is less than a day old, else fetched and cached.
 * Concurrent callers share one fetch. Failures are not cached here (the HTTP client and the
 * shared cache keep them briefly), so a later card tries again.
 */
export class PerennialList {
  private inFlight: Promise<PerennialEntry[] | ReturnType<typeof failure>> | undefined;

  constructor(
    private readonly getJson: GetJson,
    private readonly cache: KeyValueCache,
    private readonly wikipediaEndpoint: () => Promise<string>,
  ) {}

  async entries(): Promise<PerennialEntry[] | ReturnType<typeof failure>> {
    const endpoint = await this.wikipediaEndpoint();
    const key = `${CACHE_KEY}:${endpoint}`;
    const cached = cachedListSchema.safeParse(await this.cache.get(key));
    if (cached.success && cached.data.length > 0) return cached.data;
    this.inFlight ??= fetchPerennialList(this.getJson, endpoint)
      .then(async (result) => {
        if (Array.isArray(result)) await this.cache.set(key, result, PERENNIAL_TTL_MS);
        return result;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  /** A source's standing, or why the list could not be read. */
  async standing(source: { names: string[]; domains: string[] }): Promise<PerennialStanding> {
    const entries = await this.entries();
    return Array.isArray(entries) ? perennialStanding(entries, source) : entries;
  }
}
