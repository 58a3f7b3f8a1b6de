/**
 * Sources the article itself cites: "according to a Kremlin statement", "the UN said",
 * "a spokesperson told Reuters", and bracketed photo credits "[Press Office/Anadolu Agency]".
 */
import { NEWS_AGENCIES, REPORTING_VERBS } from './lexicon';
import type { Attribution, ClaimMention, EntityMention } from './types';

const ACCORDING =
  /\b[Aa]ccording to (?:(?:a|an|the)\s+)?((?:[\p{Lu}][\p{L}.'’-]*\s+){0,4}?[\p{Lu}][\p{L}.'’-]*)?((?:\s*'s|’s)?\s+(statement|report|spokes(?:man|woman|person)|officials?|sources?|data|figures|survey|study|ministry|website|news agency|agency))?/gu;
const SPOKES =
  /\b(?:[Aa]n?|[Tt]he)\s+((?:[\p{Lu}][\p{L}-]*\s+){0,3})?(spokes(?:man|woman|person))\b(?:\s+(?:for|of)\s+(?:the\s+)?((?:[\p{Lu}][\p{L}-]*\s*){1,4}))?/gu;
const TOLD = /\b(?:told|tells|said to|in an interview with)\s+((?:the\s+)?(?:[\p{Lu}][\p{L}.-]*\s?){1,4})/gu;
const CREDIT = /\[([^\]\n]{2,120})\]|\((?:photo|image|picture|credit)s?:?\s*([^)\n]{2,120})\)/giu;

export function findAttributions(text: string, entities: EntityMention[], claims: ClaimMention[]): Attribution[] {
  const found: Array<Omit<Attribution, 'claimIds'>> = [];
  const push = (a: Omit<Attribution, 'claimIds'>) => found.push(a);

  for (const m of text.matchAll(ACCORDING)) {
    const name = m[1]?.trim();
    const what = m[3]?.toLowerCase();
    if (!name && !what) continue;
    const source = name ?? what!;
    const kind: Attribution['kind'] = /spokes/.test(what ?? '')
      ? 'spokesperson'
      : /officials?/.test(what ?? '')
        ? 'official'
        : what
          ? 'statement'
          : NEWS_AGENCIES.has(source.toLowerCase().split(' ')[0]!)
            ? 'agency'
            : 'other';
    push({ start: m.index, end: m.index + m[0].trimEnd().length, text: m[0].trimEnd(), source, kind });
  }
  for (const m of text.matchAll(SPOKES)) {
    const owner = (m[3] ?? m[1])?.trim();
    push({
      start: m.index,
      end: m.index + m[0].trimEnd().length,
      text: m[0].trimEnd(),
      source: owner || m[2]!,
      kind: 'spokesperson',
    });
  }
  for (const m of text.matchAll(TOLD)) {
    const name = m[1]!.trim().replace(/^the\s+/i, '');
    const first = name.split(/\s+/)[0]!.toLowerCase().replace(/\W/g, '');
    const isOutlet =
      NEWS_AGENCIES.has(first) || /\b(?:News|Times|Post|Journal|Television|TV|Radio|Agency|Press)\b/.test(name);
    if (!isOutlet) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    push({ start, end: start + m[1]!.trimEnd().length, text: m[1]!.trimEnd(), source: name, kind: 'outlet' });
  }
  // "The UN said", "Turkey's foreign ministry announced": an organisation or place as the subject of a reporting verb.
  for (const e of entities) {
    if (e.type !== 'organization' && e.type !== 'place') continue;
    const after = /^\s+(\w+)/.exec(text.slice(e.end, e.end + 20));
    if (!after || !REPORTING_VERBS.has(after[1]!.toLowerCase())) continue;
    push({
      start: e.start,
      end: e.end + after[0].length,
      text: text.slice(e.start, e.end + after[0].length),
      source: e.name,
      kind: 'statement',
    });
  }
  for (const m of text.matchAll(CREDIT)) {
    const body = (m[1] ?? m[2])!;
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
  return withClaims(found, claims);
}

/**
 * Sorts attributions, drops a repeat of the same source over the same words (two patterns may
 * both see "according to a Kremlin statement"), and links each to the claims of its sentence.
 * Linear after the sort: pages can cite hundreds of sources.
 */
function withClaims(found: Array<Omit<Attribution, 'claimIds'>>, claims: ClaimMention[]): Attribution[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const sentences: Array<{ start: number; end: number; ids: string[] }> = [];
  for (const c of [...claims].sort((a, b) => a.sentence.start - b.sentence.start)) {
    const last = sentences[sentences.length - 1];
    if (last && last.start === c.sentence.start) last.ids.push(c.id);
    else sentences.push({ start: c.sentence.start, end: c.sentence.end, ids: [c.id] });
  }
  const lastEnd = new Map<string, number>();
  const out: Attribution[] = [];
  let k = 0;
  for (const a of found) {
    if ((lastEnd.get(a.source) ?? -1) > a.start) continue;
    lastEnd.set(a.source, a.end);
    while (k < sentences.length && sentences[k]!.end <= a.start) k++;
    const s = sentences[k];
    const ids = a.kind !== 'credit' && s && s.start <= a.start ? [...s.ids] : [];
    out.push({ ...a, claimIds: ids });
  }
  return out;
}
