/**
 * Sources the article itself cites: "according to a Kremlin statement", "the UN said",
 * "a spokesperson told Reuters", and bracketed photo credits "[Press Office/Anadolu Agency]".
 */
import { accordingPhrases } from './according';
import { NEWS_AGENCIES, REPORTING_VERBS } from './lexicon';
import type { Attribution, ClaimMention, EntityMention } from './types';

/** Capitalised words of a source the entity pass did not type: "Harbour Trust", "Office for Budget Data". */
const CAPITALS = /^[\p{Lu}][\p{L}.'’-]*(?:\s+(?:(?:of|for|and)\s+)?[\p{Lu}][\p{L}.'’-]*){0,5}/u;
/** What a source issued: "a Kremlin statement", "the ministry's report". */
const ISSUED =
  /^(?:\s*(?:'s|’s))?\s+(statement|report|spokes(?:man|woman|person)|officials?|sources?|data|figures|survey|study|website|news agency|agency)\b/;
const LOWER_SOURCE = /^(officials?|sources?|data|figures|estimates|police|witnesses|analysts|experts|reports?)\b/;
const SPOKES =
  /\b(?:[Aa]n?|[Tt]he)\s+(?:([\p{Lu}][\p{L}-]*(?:\s+[\p{Lu}][\p{L}-]*){0,2})\s+)?(spokes(?:man|woman|person))\b(?:\s+(?:for|of)\s+(?:the\s+)?)?/gu;
const TOLD = /\b(?:told|tells|said to|in an interview with)\s+((?:the\s+)?(?:[\p{Lu}][\p{L}.-]*\s?){1,4})/gu;
const CREDIT = /\[([^\]\n]{2,120})\]|\((?:photo|image|picture|credit)s?:?\s*([^)\n]{2,120})\)/giu;

/** An attribution as a pattern finds it, before repeats are dropped and claims are tied to it. */
type Found = Omit<Attribution, 'claimIds'>;
/** A source named at an offset: an entity found there, or else a run of capitalised words. */
type SourceAt = (at: number) => { name: string; end: number; entityId?: string } | undefined;

/** The entity a source was named by, if any: the page settles its name over the whole page. */
const entityOf = (named: { entityId?: string } | undefined) => (named?.entityId ? { entityId: named.entityId } : {});

/**
 * The sources `text` cites, each pattern in turn, sorted and without repeats; `claimIds` stay
 * empty until the claims are known (`linkClaims`).
 */
export function findAttributions(text: string, entities: EntityMention[]): Attribution[] {
  const entityAt = new Map<number, EntityMention>();
  for (const e of entities) if (!entityAt.has(e.start)) entityAt.set(e.start, e);
  const sourceAt: SourceAt = (at) => {
    const e = entityAt.get(at);
    if (e && e.type !== 'event') return { name: e.name, end: e.end, entityId: e.entityId };
    const caps = CAPITALS.exec(text.slice(at, at + 120));
    return caps ? { name: caps[0], end: at + caps[0].length } : undefined;
  };
  const found: Found[] = [
    ...accordingTo(text, sourceAt, entityAt),
    ...spokespeople(text, sourceAt),
    ...outlets(text),
    ...reportingSubjects(text, entities),
    ...credits(text),
  ];
  return withoutRepeats(found);
}

/** "according to a Kremlin statement", "according to officials". */
function accordingTo(text: string, sourceAt: SourceAt, entityAt: Map<number, EntityMention>): Found[] {
  const found: Found[] = [];
  for (const { start, sourceAt: at } of accordingPhrases(text)) {
    const named = sourceAt(at);
    const namedOrg = entityAt.get(at)?.type === 'organization';
    let end = named?.end ?? at;
    const issued = ISSUED.exec(text.slice(end, end + 40));
    let what = issued?.[1]?.toLowerCase();
    if (issued) end += issued[0].length;
    let source = named?.name;
    if (!source) {
      const lower = LOWER_SOURCE.exec(text.slice(at, at + 40));
      if (!lower) continue;
      source = lower[1]!;
      what = lower[1]!.toLowerCase();
      end = at + lower[0].length;
    }
    const kind = accordingKind(what, named !== undefined, source, namedOrg);
    found.push({ start, end, text: text.slice(start, end), source, kind, ...entityOf(named) });
  }
  return found;
}

/** What kind of source an "according to" names, from what it issued and who it is. */
function accordingKind(
  what: string | undefined,
  named: boolean,
  source: string,
  namedOrg: boolean,
): Attribution['kind'] {
  if (/spokes/.test(what ?? '')) return 'spokesperson';
  if (/officials?|police/.test(what ?? '')) return 'official';
  if (what && !named) return 'other';
  if (what) return 'statement';
  if (NEWS_AGENCIES.has(source.toLowerCase().split(' ')[0]!)) return 'agency';
  return namedOrg ? 'official' : 'other';
}

/** "a spokesperson for the Bank of England", "a Kremlin spokesman", or just "a spokesperson". */
function spokespeople(text: string, sourceAt: SourceAt): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(SPOKES)) {
    const after = m[0].match(/(?:for|of)\s+(?:the\s+)?$/) ? sourceAt(m.index + m[0].length) : undefined;
    const owner = after?.name ?? m[1]?.trim();
    const end = after?.end ?? m.index + m[0].replace(/\s+(?:for|of)\s+(?:the\s+)?$/, '').length;
    found.push({
      start: m.index,
      end,
      text: text.slice(m.index, end),
      source: owner || m[2]!,
      kind: 'spokesperson',
      ...entityOf(after),
    });
  }
  return found;
}

/** "told Reuters", "in an interview with the Financial Times": a news outlet spoken to. */
function outlets(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(TOLD)) {
    const name = m[1]!.trim().replace(/^the\s+/i, '');
    const first = name.split(/\s+/)[0]!.toLowerCase().replace(/\W/g, '');
    const isOutlet =
      NEWS_AGENCIES.has(first) || /\b(?:News|Times|Post|Journal|Television|TV|Radio|Agency|Press)\b/.test(name);
    if (!isOutlet) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    found.push({ start, end: start + m[1]!.trimEnd().length, text: m[1]!.trimEnd(), source: name, kind: 'outlet' });
  }
  return found;
}

/** "The UN said", "Turkey's foreign ministry announced": an organisation or place as the subject of a reporting verb. */
function reportingSubjects(text: string, entities: EntityMention[]): Found[] {
  const found: Found[] = [];
  for (const e of entities) {
    if (e.type !== 'organization' && e.type !== 'place') continue;
    const after = /^\s+(\w+)/.exec(text.slice(e.end, e.end + 20));
    if (!after || !REPORTING_VERBS.has(after[1]!.toLowerCase())) continue;
    found.push({
      start: e.start,
      end: e.end + after[0].length,
      text: text.slice(e.start, e.end + after[0].length),
      source: e.name,
      kind: 'statement',
      entityId: e.entityId,
    });
  }
  return found;
}

/** Bracketed photo credits: "[Press Office/Anadolu Agency]", "(Photo: Reuters)", a source per part. */
function credits(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(CREDIT)) {
    const body = (m[1] ?? m[2])!.replace(/^(?:photo|image|picture|credit)s?\s*(?:by)?:?\s*/i, '');
    // A credit names sources, not words: each part starts with a capital and none is a sentence.
    const parts = body.split(/\s*[/|;,]\s*/).filter(Boolean);
    if (!parts.length || !parts.every((p) => /^[\p{Lu}]/u.test(p) && p.split(/\s+/).length <= 5 && !/[.!?]$/.test(p)))
      continue;
    if (
      m[1] &&
      /\b(?:the|a|an|of|is|are|was)\b/.test(body) &&
      parts.length === 1 &&
      !/(?:Agency|Press|Office|Images|Photo|News)\b/.test(body)
    )
      continue;
    let from = m.index + m[0].indexOf(body);
    for (const p of parts) {
      const at = text.indexOf(p, from);
      from = at + p.length;
      found.push({ start: at, end: at + p.length, text: p, source: p, kind: 'credit' });
    }
  }
  return found;
}

/**
 * Sorts attributions and drops a repeat of the same source over the same words (two patterns may
 * both see "according to a Kremlin statement"). Linear after the sort: pages can cite hundreds of
 * sources.
 */
function withoutRepeats(found: Found[]): Attribution[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const lastEnd = new Map<string, number>();
  const out: Attribution[] = [];
  for (const a of found) {
    if ((lastEnd.get(a.source) ?? -1) > a.start) continue;
    lastEnd.set(a.source, a.end);
    out.push({ ...a, claimIds: [] });
  }
  return out;
}

/**
 * Ties each attribution (sorted, as `findAttributions` gives them) to the claims of its sentence;
 * a credit rests no claim. Linear after sorting the claims.
 */
export function linkClaims(attributions: Attribution[], claims: ClaimMention[]): void {
  const sentences: Array<{ start: number; end: number; ids: string[] }> = [];
  for (const c of [...claims].sort((a, b) => a.sentence.start - b.sentence.start)) {
    const last = sentences[sentences.length - 1];
    if (last && last.start === c.sentence.start) last.ids.push(c.id);
    else sentences.push({ start: c.sentence.start, end: c.sentence.end, ids: [c.id] });
  }
  let k = 0;
  for (const a of attributions) {
    while (k < sentences.length && sentences[k]!.end <= a.start) k++;
    const s = sentences[k];
    a.claimIds = a.kind !== 'credit' && s && s.start <= a.start ? [...s.ids] : [];
  }
}
