/**
 * An article's metadata from its Document: title, publication date and publisher, read from
 * JSON-LD (NewsArticle/Article and their publisher), Open Graph and article:* meta tags, and
 * `<time>` elements. Reads only standard DOM APIs, so it works on the real page and on a linkedom
 * Document in Node. Every value is checked before it is used: pages carry malformed JSON-LD.
 */

export interface ArticleMetadata {
  title?: string;
  /** Publication date as YYYY-MM-DD. */
  publishedAt?: string;
  publisher?: { name: string; site?: string };
}

export const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|ScholarlyArticle|LiveBlogPosting)$/;

function meta(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

/** A date string as YYYY-MM-DD, or undefined when it is not a date. */
export function isoDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const d = new Date(t);
  // A date without a time zone parses as local time: take the calendar day it names.
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** All objects in the page's JSON-LD blocks, flattening arrays and `@graph`. */
export function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isObject(v)) {
      out.push(v);
      if (Array.isArray(v['@graph'])) visit(v['@graph'], depth + 1);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const source = script.textContent ?? '';
    // The cap the finder and the publisher reader use: a hostile page does not get to make us parse megabytes.
    if (source.length > 500_000) continue;
    try {
      visit(JSON.parse(source), 0);
    } catch {
      // Malformed JSON-LD is common; the meta tags still count.
    }
  }
  return out;
}

export function typesOf(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** Reads title, publication date and publisher from a Document. */
export function articleMetadata(doc: Document): ArticleMetadata {
  const objects = jsonLdObjects(doc);
  const article = objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)));
  const result: ArticleMetadata = {};

  const title =
    text(article?.headline) ??
    meta(doc, 'og:title', 'twitter:title') ??
    text(doc.querySelector('h1')?.textContent) ??
    text(doc.title);
  if (title) result.title = title.replace(/\s+/g, ' ');

  const published =
    isoDay(article?.datePublished) ??
    isoDay(meta(doc, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'DC.date.issued')) ??
    isoDay(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  if (published) result.publishedAt = published;

  let publisherName: string | undefined;
  let publisherSite: string | undefined;
  const pub = article?.publisher;
  const pubObject = Array.isArray(pub) ? pub.find(isObject) : pub;
  if (isObject(pubObject)) {
    publisherName = text(pubObject.name);
    publisherSite = text(pubObject.url);
  } else publisherName = text(pub);
  if (!publisherName) {
    const org = objects.find((o) => typesOf(o).some((t) => t === 'NewsMediaOrganization' || t === 'Organization'));
    publisherName = text(org?.name);
    publisherSite ??= text(org?.url);
  }
  publisherName ??= meta(doc, 'og:site_name', 'application-name', 'publisher');
  if (!publisherName) {
    // "Headline – Publisher": the part after the last dash or bar of <title>, when the title has one.
    const parts = (doc.title ?? '').split(/\s+[–—|-]\s+/);
    if (parts.length > 1) publisherName = text(parts[parts.length - 1]);
  }
  publisherSite ??= meta(doc, 'og:url');
  if (publisherName) {
    result.publisher = { name: publisherName };
    const site = publisherSite ? hostOf(publisherSite) : undefined;
    if (site) result.publisher.site = site;
  }
  return result;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
