/**
 * The article's own date: the day it was published, from everything the page says. The page and
 * the command-line annotator both call `articleDate`; relative dates in the text ("on Wednesday",
 * "last year") are resolved against it, and when it is unknown they are not resolved at all.
 *
 * Sources, each a candidate day:
 * - metadata: JSON-LD (`datePublished`, `dateCreated`), microdata (`itemprop` with `content`,
 *   `datetime` or text), meta tags (`article:published_time`, `pubdate`, `date`, `DC.date`…);
 * - what the reader sees by the headline: `<time datetime>` and the byline's date in the forms
 *   news sites write it ("Feb. 21, 2019", "Updated 7:33 PM ET, Mon February 1, 2016", "posted on
 *   April 21, 2015, at 11:29 a.m.", "2 hours ago" when the page states its own clock);
 * - the address (`/2015/03/18/`, `2015-03-18`, `/20150318/`).
 *
 * Publication dates come before modification dates, which are used only when nothing else
 * names a day. Candidates within a day of each other agree (time zones move a day across
 * midnight); the day with the most support wins, each family of sources (metadata, the visible
 * byline, the address) counting once, and the visible byline by the headline weighing most: it
 * is what the reader is shown, and metadata is where a republished or updated page goes wrong.
 */
import { MONTH_ABBR, MONTHS } from '../calendar';
import { ARTICLE_TYPES, jsonLdObjects, typesOf } from './metadata';

export type ArticleDateSource = 'json-ld' | 'microdata' | 'meta' | 'time' | 'byline' | 'address' | 'modified' | 'none';

export interface ArticleDate {
  /** The day the article was published, YYYY-MM-DD, when the page says. */
  date?: string;
  /** Where the day was read; `modified` when only a modification date was found. */
  source: ArticleDateSource;
  /** What exactly was read, for the annotator's output: "meta article:published_time". */
  detail?: string;
}

type Family = 'metadata' | 'visible' | 'address';

interface Candidate {
  day: string;
  source: Exclude<ArticleDateSource, 'none' | 'modified'>;
  family: Family;
  /** A modification date ("Updated …", `dateModified`): used only when no publication date is known. */
  modified: boolean;
  weight: number;
  detail: string;
}

/** Support of each family of sources (see the module comment): the byline by the headline weighs most. */
const WEIGHT = { metadata: 2, visible: 3, address: 2.5 } as const;
/** Elements after the headline (in document order) where a byline or its `<time>` is looked for. */
const NEAR_AFTER = 60;
/** Elements before the headline: a dateline or kicker above it. */
const NEAR_BEFORE = 25;
/** A byline is short; longer text is the story (whose dates are its events, not its own). */
const BYLINE_MAX_CHARS = 160;
/** A parent longer than this is not read whole for the words before a date (see `siblingsBefore`). */
const PARENT_MAX_CHARS = 4000;
/** Class, id or itemprop words of elements that hold a byline or a date. */
const BYLINE_HINT = /date|time|byline|posted|publish|updated|meta|info|author|credit|stamp|dateline/i;
const MODIFIED_WORDS = /\b(?:updated?|modified|revised|edited|last changed)\b/i;
/** Three lower-case words in a row: prose, not a byline. */
const READS_AS_PROSE = /(?:^|\s)[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}(?=\s|[.,;:]|$)/;
const PUBLISHED_WORDS = /\b(?:published|posted|created|first appeared|filed)\b/i;

const META_PUBLISHED = new Set([
  'article:published_time',
  'article:published',
  'og:published_time',
  'og:article:published_time',
  'published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'published_date',
  'published-date',
  'publication_date',
  'pdate',
  'date',
  'dc.date',
  'dc.date.issued',
  'dc.date.created',
  'dcterms.date',
  'dcterms.issued',
  'dcterms.created',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
  'article_date_original',
  'original-publish-date',
  'originalpublicationdate',
  'displaydate',
  'citation_publication_date',
  'citation_date',
  'dcsext.articlefirstpublished',
  'live_date',
  'datecreated',
  'created',
]);
const META_MODIFIED = new Set([
  'article:modified_time',
  'og:updated_time',
  'datemodified',
  'lastmod',
  'last-modified',
  'dcterms.modified',
  'dc.date.modified',
  'revised',
]);
/** Where a page states its own clock (when it was served), for "2 hours ago". */
const META_CLOCK = new Set(['date', 'last-modified']);

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'NAV', 'BUTTON', 'SELECT', 'OPTION']);

const YEAR_MIN = 1990;
const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar day as YYYY-MM-DD when it exists (no 31 February). */
function dayOf(y: number, m: number, d: number): string | undefined {
  if (y < YEAR_MIN || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.indexOf(w);
  if (i >= 0) return i + 1;
  return MONTH_ABBR[w] ?? (w === 'may' ? 5 : undefined);
}

const MONTH_WORD = `(?:${MONTHS.join('|')}|${Object.keys(MONTH_ABBR).join('|')})\\.?`;
const DAY_NUM = '([12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR_NUM = '((?:19|20)\\d\\d)';
/** "March 18, 2015", "Feb. 21, 2019", "Mon February 1, 2016". */
/** A time of day between a date's day and its year: "November 20 15:23 2019". */
const CLOCK_TIME = '(?:\\d{1,2}[:.]\\d\\d\\s*(?:[ap]\\.?m\\.?)?,?\\s+)?';
const MONTH_DAY_YEAR = new RegExp(`\\b(${MONTH_WORD})\\s+${DAY_NUM},?\\s+${CLOCK_TIME}${YEAR_NUM}\\b`, 'i');
/** "18 March 2015", "Wednesday 18 March, 2015". */
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY_NUM}\\s+(${MONTH_WORD}),?\\s+${YEAR_NUM}\\b`, 'i');
/** "2015-03-18", "2015/03/18", "2015.03.18". */
const NUMERIC_YMD = /\b((?:19|20)\d\d)[-/.](0?[1-9]|1[0-2])[-/.]([12]\d|3[01]|0?[1-9])(?!\d)/;
/** "03/18/2015" (month first, as US sites write it) or "18/03/2015" when the first number cannot be a month. */
const NUMERIC_MDY = /\b([0-3]?\d)[/.]([0-3]?\d)[/.]((?:19|20)\d\d)\b/;
/** "2 hours ago", "45 minutes ago", "3 days ago": needs the page's clock. */
const AGO = /\b(\d{1,2}|an?|one)\s+(minute|min|hour|hr|day)s?\s+ago\b/i;

/**
 * The first calendar date written in a short text (a byline, a `datetime` value), as YYYY-MM-DD,
 * with where it was found; "N hours ago" counts when `clock` (the page's own date) is given.
 */
export function dateInText(text: string, clock?: string): { day: string; index: number } | undefined {
  const found: Array<{ day: string; index: number }> = [];
  const iso = /^\s*((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?:[T\s]|$)/.exec(text);
  if (iso) {
    const day = dayOf(+iso[1]!, +iso[2]!, +iso[3]!);
    if (day) return { day, index: 0 };
  }
  let m = MONTH_DAY_YEAR.exec(text);
  if (m) {
    const day = dayOf(+m[3]!, monthNumber(m[1]!) ?? 0, Number.parseInt(m[2]!, 10));
    if (day) found.push({ day, index: m.index });
  }
  m = DAY_MONTH_YEAR.exec(text);
  if (m) {
    const day = dayOf(+m[3]!, monthNumber(m[2]!) ?? 0, Number.parseInt(m[1]!, 10));
    if (day) found.push({ day, index: m.index });
  }
  m = NUMERIC_YMD.exec(text);
  if (m) {
    const day = dayOf(+m[1]!, +m[2]!, +m[3]!);
    if (day) found.push({ day, index: m.index });
  }
  m = NUMERIC_MDY.exec(text);
  if (m) {
    const [a, b] = [+m[1]!, +m[2]!];
    const day = a > 12 ? dayOf(+m[3]!, b, a) : dayOf(+m[3]!, a, b);
    if (day) found.push({ day, index: m.index });
  }
  m = AGO.exec(text);
  if (m && clock) {
    const n = /^\d/.test(m[1]!) ? +m[1]! : 1;
    const unit = m[2]!.toLowerCase();
    const days = unit === 'day' ? n : 0;
    const t = Date.parse(`${clock}T00:00:00Z`) - days * 86_400_000;
    if (!Number.isNaN(t)) found.push({ day: new Date(t).toISOString().slice(0, 10), index: m.index });
  }
  found.sort((x, y) => x.index - y.index);
  return found[0];
}

/** A date from a machine-readable value: ISO with any offset, compact ISO, or a written date. */
function dayOfValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (!s || s.length > 80) return undefined;
  // Seconds or milliseconds since 1970, as some CMSs write `content`.
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 10 ? +s * 1000 : +s;
    const d = new Date(ms);
    return dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  // The day as the publisher wrote it (its own time zone), so "2017-01-18T23:00:00-0800" is the 18th.
  return dateInText(s)?.day;
}

/** An element's text with a space between its nodes ("November 20" and "2019" in two <div>s). */
function spacedText(el: Element, withLinks = true): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) parts.push(child.textContent ?? '');
      else if (child.nodeType !== 1) continue;
      else if (!SKIP.has((child as Element).tagName) && (withLinks || (child as Element).tagName !== 'A')) walk(child);
    }
  };
  walk(el);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * An element's text (its `textContent`) when it is at most `max` characters, else null: read text
 * node by text node and given up past `max`, so a container holding the whole story (a 10 MB page's
 * article) is never joined into one string just to learn it is too long.
 */
function textUpTo(el: Element, max: number): string | null {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    text += node.nodeValue ?? '';
    if (text.length > max) return null;
  }
  return text;
}

/**
 * The text of the siblings just before `el` and `own` (its own text), for a parent too long to
 * read whole.
 */
function siblingsBefore(el: Element, own: string): string {
  const parts = [own];
  let length = 0;
  for (let node = el.previousSibling; node && length < 80; node = node.previousSibling) {
    const text = node.nodeType === 1 ? (textUpTo(node as Element, 200) ?? '') : (node.nodeValue ?? '');
    parts.unshift(text);
    length += text.length;
  }
  return parts.join('');
}

function attr(el: Element, name: string): string {
  return el.getAttribute(name)?.trim() ?? '';
}

/** The page's addresses: the one given (the tab's), the canonical link and `og:url`. */
function addressesOf(doc: Document, url?: string): string[] {
  const out: string[] = [];
  if (url) out.push(url);
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  if (canonical) out.push(canonical);
  const og = doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  if (og) out.push(og);
  return out;
}

/** A day in an address's path: `/2015/03/18/`, `2015-03-18`, `/20150318/`. */
export function dateInAddress(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url, 'https://example.invalid/').pathname;
  } catch {
    return undefined;
  }
  const patterns = [
    /(?:^|\/)((?:19|20)\d\d)\/(0?[1-9]|1[0-2])\/([12]\d|3[01]|0?[1-9])(?=\/|$|[-_.])/,
    /(?:^|[/_-])((?:19|20)\d\d)[-_](0[1-9]|1[0-2])[-_]([12]\d|3[01]|0[1-9])(?=$|[/_.-])/,
    /(?:^|[/_-])((?:19|20)\d\d)(0[1-9]|1[0-2])([12]\d|3[01]|0[1-9])(?=$|[/_.-])/,
  ];
  for (const re of patterns) {
    const m = re.exec(path);
    if (m) {
      const day = dayOf(+m[1]!, +m[2]!, +m[3]!);
      if (day) return day;
    }
  }
  // "/2019/nov/18/", as some sites write the month.
  const named = /(?:^|\/)((?:19|20)\d\d)\/([a-z]{3,9})\/([12]\d|3[01]|0?[1-9])(?=\/|$)/i.exec(path);
  const month = named ? monthNumber(named[2]!) : undefined;
  return named && month ? dayOf(+named[1]!, month, +named[3]!) : undefined;
}

/** The page's own clock (when it was served), for "2 hours ago" in a byline. */
function pageClock(doc: Document): string | undefined {
  for (const el of Array.from(doc.querySelectorAll('meta[http-equiv]'))) {
    if (!META_CLOCK.has(attr(el, 'http-equiv').toLowerCase())) continue;
    const day = dayOfValue(attr(el, 'content'));
    if (day) return day;
  }
  return undefined;
}

/**
 * The element the article's headline is in: of the `<h1>`s (and `<h2>`s and `itemprop=headline`,
 * for pages whose `<h1>` is the site's name), the one sharing most words with the page's title.
 */
function headlineOf(doc: Document): Element | undefined {
  const title = (
    doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ??
    doc.title ??
    ''
  ).toLowerCase();
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\d]+/gu) ?? []);
  const want = words(title);
  let best: Element | undefined;
  let bestScore = 0;
  for (const h of Array.from(doc.querySelectorAll('h1, h2, [itemprop="headline"]'))) {
    const have = words(h.textContent ?? '');
    if (!have.size) continue;
    let shared = 0;
    for (const w of have) if (want.has(w)) shared++;
    // Share of the heading's words in the title; an <h1> wins ties.
    const score = shared / have.size + (h.tagName === 'H1' ? 0.01 : 0) + (shared > 2 ? 1 : 0);
    if (score > bestScore) {
      best = h;
      bestScore = score;
    }
  }
  return best ?? doc.querySelector('h1') ?? undefined;
}

/** Whether the element or its near ancestors say, by class, id or itemprop, that they hold a date or byline. */
function hinted(el: Element): boolean {
  let e: Element | null = el;
  for (let i = 0; e && i < 3; i++, e = e.parentElement) {
    if (BYLINE_HINT.test(`${attr(e, 'class')} ${attr(e, 'id')} ${attr(e, 'itemprop')}`)) return true;
  }
  return false;
}

function metadataCandidates(doc: Document, out: Candidate[]): void {
  const objects = jsonLdObjects(doc);
  const articles = objects.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)));
  // An article's own object first; a page whose JSON-LD only says WebPage still dates itself.
  const dated = articles.length ? articles : objects.filter((o) => o.datePublished !== undefined);
  for (const o of dated.slice(0, 1)) {
    for (const [key, modified] of [
      ['datePublished', false],
      ['dateCreated', false],
      ['dateModified', true],
    ] as const) {
      const day = dayOfValue(o[key]);
      if (day)
        out.push({
          day,
          source: 'json-ld',
          family: 'metadata',
          modified,
          weight: WEIGHT.metadata,
          detail: `JSON-LD ${key}`,
        });
    }
  }
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const key = (attr(el, 'property') || attr(el, 'name') || attr(el, 'itemprop')).toLowerCase();
    const modified = META_MODIFIED.has(key);
    if (!modified && !META_PUBLISHED.has(key)) continue;
    const day = dayOfValue(attr(el, 'content'));
    if (!day) continue;
    const source = el.hasAttribute('itemprop') && !el.hasAttribute('name') ? 'microdata' : 'meta';
    out.push({ day, source, family: 'metadata', modified, weight: WEIGHT.metadata, detail: `${source} ${key}` });
  }
}

/** The elements by the headline, in document order: where visible dates count as the article's. */
interface NearHeadline {
  headline: Element | null | undefined;
  all: Element[];
  from: number;
  to: number;
  /** Elements already taken (a date element, or a byline and everything inside it). */
  seen: Set<Element>;
}

/**
 * What the reader sees by the headline: `<time>` elements, microdata dates and short byline-like
 * text, weighted by how near the headline they are (in elements, document order).
 */
function visibleCandidates(doc: Document, clock: string | undefined, out: Candidate[]): void {
  const headline = headlineOf(doc);
  const all = Array.from(doc.querySelectorAll('body *'));
  const at = headline ? all.indexOf(headline) : -1;
  const near: NearHeadline = {
    headline,
    all,
    from: at >= 0 ? Math.max(0, at - NEAR_BEFORE) : 0,
    to: at >= 0 ? Math.min(all.length, at + NEAR_AFTER) : 0,
    seen: new Set<Element>(),
  };
  markedUpDates(doc, clock, near, out);
  bylineDates(clock, near, out);
}

/** One visible candidate; `before`: the words just before the date ("Updated", "Posted on"). */
function pushVisible(
  out: Candidate[],
  el: Element,
  found: { day: string; source: 'time' | 'byline' | 'microdata'; label: string; before: string; near: boolean },
): void {
  const { day, source, label, before, near } = found;
  const own = `${attr(el, 'class')} ${attr(el, 'itemprop')}`;
  const modified = /modified|updated/i.test(own) || (MODIFIED_WORDS.test(before) && !PUBLISHED_WORDS.test(before));
  const weight = near ? WEIGHT.visible : WEIGHT.metadata / 2;
  const family: Family = near || source !== 'microdata' ? 'visible' : 'metadata';
  out.push({ day, source, family, modified, weight, detail: `${source} “${label.trim().slice(0, 80)}”` });
}

/** The words before an element's own text (`ownText`, as read) in its parent's. */
function wordsBefore(el: Element, ownText: string): string {
  const parent = (
    el.parentElement ? (textUpTo(el.parentElement, PARENT_MAX_CHARS) ?? siblingsBefore(el, ownText)) : ''
  ).replace(/\s+/g, ' ');
  const own = ownText.replace(/\s+/g, ' ').trim();
  const at = own ? parent.indexOf(own) : -1;
  return at > 0 ? parent.slice(Math.max(0, at - 40), at) : '';
}

/** Microdata on any element, and every `<time datetime>`: machine-readable, near the headline or not. */
function markedUpDates(doc: Document, clock: string | undefined, near: NearHeadline, out: Candidate[]): void {
  for (const el of Array.from(
    doc.querySelectorAll('[itemprop="datePublished"], [itemprop="dateCreated"], [itemprop="dateModified"], time'),
  )) {
    if (el.tagName === 'META') continue;
    const own = textUpTo(el, BYLINE_MAX_CHARS * 4) ?? '';
    const value = attr(el, 'datetime') || attr(el, 'content') || own.trim();
    const day = dayOfValue(value) ?? dateInText(own, clock)?.day;
    if (!day) continue;
    near.seen.add(el);
    const i = near.all.indexOf(el);
    const isNear = i >= near.from && i < near.to;
    const itemprop = attr(el, 'itemprop');
    const label = `${itemprop ? `${itemprop} ` : ''}${own.trim() || value}`;
    if (!isNear && !itemprop) continue;
    const before = `${itemprop === 'dateModified' ? 'updated ' : ''}${wordsBefore(el, own)}`;
    pushVisible(out, el, { day, source: itemprop ? 'microdata' : 'time', label, before, near: isNear });
  }
}

/**
 * Byline text: the largest elements near the headline whose whole text is short (document order
 * visits a container before its children, and a container taken takes its children with it).
 */
function bylineDates(clock: string | undefined, near: NearHeadline, out: Candidate[]): void {
  const { headline, all, seen } = near;
  for (let i = near.from; i < near.to; i++) {
    const el = all[i]!;
    if (SKIP.has(el.tagName) || seen.has(el) || el === headline) continue;
    const raw = textUpTo(el, BYLINE_MAX_CHARS * 4);
    if (!raw?.trim()) continue;
    // A link's date is another story's, unless the element says it is a byline (a permalink).
    const text = spacedText(el, hinted(el));
    if (!text || text.length > BYLINE_MAX_CHARS) continue;
    // The headline's own container is not its byline (the elements inside it still are).
    if (headline && el.contains(headline)) continue;
    // A link is another story, its date that story's; asides and footers hold other stories and
    // the page's own notices, unless marked as the story's byline.
    if (el.closest('a, aside, nav') || (el.closest('footer') && !hinted(el))) continue;
    const found = dateInText(text, clock);
    if (!found) continue;
    // A byline is names and labels around the date ("By Jane Roe | Posted on …"); an element that
    // is not marked as one and reads as a sentence ("The museum reopened on …") is the story's.
    if (!hinted(el) && (text.split(' ').length > 14 || READS_AS_PROSE.test(text))) continue;
    for (const d of el.querySelectorAll('*')) seen.add(d);
    const before = text.slice(Math.max(0, found.index - 40), found.index);
    pushVisible(out, el, { day: found.day, source: 'byline', label: text, before, near: true });
  }
}

function addressCandidates(doc: Document, url: string | undefined, out: Candidate[]): void {
  for (const address of addressesOf(doc, url)) {
    const day = dateInAddress(address);
    if (day) {
      out.push({
        day,
        source: 'address',
        family: 'address',
        modified: false,
        weight: WEIGHT.address,
        detail: `address ${day}`,
      });
      return;
    }
  }
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Every candidate day the page gives, for the annotator's and the benchmark's explanations. */
export function articleDateCandidates(doc: Document, url?: string): Candidate[] {
  const out: Candidate[] = [];
  const clock = pageClock(doc);
  metadataCandidates(doc, out);
  visibleCandidates(doc, clock, out);
  addressCandidates(doc, url, out);
  // No story is dated after the page's own clock (a day of slack for time zones).
  if (!clock) return out;
  return out.filter((c) => dayNumber(c.day) <= dayNumber(clock) + 1);
}

/** Source order among candidates that agree: what the reader sees, then the address, then metadata. */
const PREFERENCE: Record<Candidate['source'], number> = {
  byline: 0,
  time: 1,
  microdata: 2,
  address: 3,
  'json-ld': 4,
  meta: 5,
};

/**
 * The article's publication day from everything the page says (see the module comment), and
 * where it was read. `url` is the page's address (the tab's, or the saved page's).
 */
export function articleDate(doc: Document, url?: string): ArticleDate {
  const candidates = articleDateCandidates(doc, url);
  // A date shown by the headline that is the page's modification date, and none of its
  // publication dates, is when it was updated ("Updated Nov 13" shown without the word).
  const metadata = candidates.filter((c) => c.family === 'metadata');
  const publishedMeta = metadata.filter((c) => !c.modified);
  const modifiedMeta = new Set(metadata.filter((c) => c.modified).map((c) => c.day));
  for (const c of candidates)
    if (
      c.family === 'visible' &&
      !c.modified &&
      modifiedMeta.has(c.day) &&
      publishedMeta.length &&
      !publishedMeta.some((p) => Math.abs(dayNumber(p.day) - dayNumber(c.day)) <= 1)
    )
      c.modified = true;
  const published = candidates.filter((c) => !c.modified);
  const pool = published.length ? published : candidates;
  if (!pool.length) return { source: 'none' };
  let best: { support: number; members: Candidate[] } | undefined;
  for (const c of pool) {
    const members = pool.filter((o) => Math.abs(dayNumber(o.day) - dayNumber(c.day)) <= 1);
    const byFamily = new Map<Family, number>();
    for (const m of members) byFamily.set(m.family, Math.max(byFamily.get(m.family) ?? 0, m.weight));
    const support = [...byFamily.values()].reduce((a, b) => a + b, 0);
    if (!best || support > best.support) best = { support, members };
  }
  const chosen = [...best!.members].sort(
    (a, b) => b.weight - a.weight || PREFERENCE[a.source] - PREFERENCE[b.source],
  )[0]!;
  return {
    date: chosen.day,
    source: published.length ? chosen.source : 'modified',
    detail: chosen.detail,
  };
}
