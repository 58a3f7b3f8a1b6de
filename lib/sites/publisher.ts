/**
 * Who publishes the page, read from the page's own metadata: schema.org publisher data,
 * Open Graph's site name, the application name, a title suffix that matches the domain, and
 * the domain itself (the page's host, its canonical address, og:url, the publisher's url).
 *
 * Pure DOM reading (querySelector, getAttribute, textContent), so it runs on the real DOM in
 * the content script and on a linkedom Document in Node tests.
 */
import type { SourceQuery } from '../contracts/sources';

export interface Publisher {
  /** The best name, when the page gives one. */
  name?: string;
  /** Every name found, best first, without duplicates. */
  names: string[];
  /** The best domain ("middleeastmonitor.com": lower-case, "www." dropped), when there is one. */
  domain?: string;
  /** Every domain found, best first, without duplicates. */
  domains: string[];
}

const MAX_NAME = 200;
/** JSON-LD types whose `publisher` names the outlet. */
const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|WebPage|LiveBlogPosting)$/;
/** JSON-LD types that are the outlet itself when they stand alone in the graph. */
const OUTLET_TYPES = /^(NewsMediaOrganization|Organization|Corporation)$/;

/**
 * Reads the publisher from the document. `pageUrl` is the address the reader is on (the
 * content script passes `location.href`); it is only used locally, to take its host as a
 * domain candidate, and never leaves the browser through this function.
 */
export function detectPublisher(doc: Document, pageUrl?: string): Publisher {
  const names: string[] = [];
  const domains: string[] = [];
  const addName = (value: unknown) => {
    const name = cleanName(value);
    if (name && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  };
  const addDomain = (value: unknown) => {
    const domain = domainOf(value);
    if (domain && !domains.includes(domain)) domains.push(domain);
  };

  const ld = jsonLdPublishers(doc);
  for (const p of ld) addName(p.name);
  addName(metaContent(doc, 'meta[property="og:site_name"]'));
  addName(metaContent(doc, 'meta[name="application-name"]'));

  // The reader's own host first: it is where the page really comes from. A local or numeric
  // host (a saved copy, a test server) says nothing about the outlet, so it is skipped.
  addDomain(pageUrl);
  addDomain(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  addDomain(metaContent(doc, 'meta[property="og:url"]'));
  for (const p of ld) addDomain(p.url);

  // A title suffix ("… – Middle East Monitor") counts only when it spells the domain, so a
  // headline's last clause is never taken for the outlet.
  const suffix = titleSuffix(doc.querySelector('title')?.textContent ?? '');
  if (suffix && domains.some((d) => spellsDomain(suffix, d))) addName(suffix);

  return { name: names[0], names, domain: domains[0], domains };
}

/** The query for the page's publisher: its name and bare domain, nothing of the page's address. */
export function publisherQuery(publisher: Publisher): SourceQuery | undefined {
  if (!publisher.name && !publisher.domain) return undefined;
  return { publisher: { name: publisher.name, domain: publisher.domain } };
}

/** Lower-case host without "www.", or undefined for anything that is not a public web host. */
export function domainOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host.includes('.') || host === 'localhost' || /^[\d.]+$/.test(host) || host.startsWith('[')) return undefined;
  return host.replace(/^www\d?\./, '');
}

/** Whether a name is the domain written out: "Middle East Monitor" ~ middleeastmonitor.com. */
export function spellsDomain(name: string, domain: string): boolean {
  const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const label = domain.split('.').find((part) => part.length > 3 && part !== 'news') ?? domain.split('.')[0] ?? '';
  return squashed.length > 2 && (squashed === label || squashed === label.replace(/-/g, ''));
}

function metaContent(doc: Document, selector: string): string | undefined {
  return doc.querySelector(selector)?.getAttribute('content') ?? undefined;
}

function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(/\s+/g, ' ').trim();
  if (!name || name.length > MAX_NAME || /^https?:/i.test(name)) return undefined;
  return name;
}

function titleSuffix(title: string): string | undefined {
  const parts = title.split(/\s[|–—-]\s/);
  return parts.length > 1 ? cleanName(parts[parts.length - 1]) : undefined;
}

interface LdPublisher {
  name?: unknown;
  url?: unknown;
}

/** Publisher objects from every JSON-LD block, following `@graph` and `@id` references. */
function jsonLdPublishers(doc: Document): LdPublisher[] {
  const nodes: Record<string, unknown>[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const text = script.textContent ?? '';
    if (text.length > 500_000) continue; // a hostile page does not get to make us parse megabytes
    try {
      collectNodes(JSON.parse(text), nodes, 0);
    } catch {
      // Malformed JSON-LD is common on real pages; the other metadata still counts.
    }
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  const resolve = (value: unknown): LdPublisher | undefined => {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') return { name: first };
    if (!isObject(first)) return undefined;
    const target = typeof first['@id'] === 'string' && !first.name ? (byId.get(first['@id']) ?? first) : first;
    return { name: target.name, url: target.url };
  };

  const found: LdPublisher[] = [];
  for (const node of nodes) {
    if (types(node).some((t) => ARTICLE_TYPES.test(t)) && node.publisher) {
      const p = resolve(node.publisher);
      if (p) found.push(p);
    }
  }
  if (found.length === 0) {
    for (const node of nodes) {
      if (types(node).some((t) => OUTLET_TYPES.test(t))) found.push({ name: node.name, url: node.url });
    }
  }
  return found;
}

function collectNodes(value: unknown, into: Record<string, unknown>[], depth: number): void {
  if (depth > 4 || into.length > 200) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into, depth + 1);
  } else if (isObject(value)) {
    into.push(value);
    if (Array.isArray(value['@graph'])) collectNodes(value['@graph'], into, depth + 1);
  }
}

function types(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
