/**
 * Check-worthy claims, sentence by sentence: figures make a statistic, quoted words a quote,
 * the text's own doubt ("described as fraudulent", "denied") a disputed claim, a dated happening
 * an event, and other specific statements of fact a factual claim. Opinion and prediction are
 * labelled `opinion` so a card can say so, and never count as check-worthy.
 */
import { findFigures } from './figures';
import { REPORTING_VERBS } from './lexicon';
import { within } from './spans';
import type { Sentence, Token } from './tokens';
import type { ClaimKind, EntityMention, Figure, ResolvedDate } from './types';

const DISPUTED =
  /\b(?:described as (?:fraudulent|illegitimate|false|rigged|a sham|a farce)|disputed|contested|alleged(?:ly)?|denied|denies|deny|refuted|refutes|rejected (?:the|these|those) (?:claims?|allegations?|accusations?|reports?)|claimed without evidence|unfounded|unsubstantiated|baseless|fraudulent|rigged|debunked|falsely)\b/i;
const OPINION =
  /\b(?:I think|I believe|I feel|we believe|in my (?:view|opinion)|I hope|I'd like|I want|we want|we need to|we have to|we must|we should|you should|should be|ought to|let me|let's|let us|I'm going to|we're going to|will be|would be|I will|we will|predict|predicted|predictions?|expects?|expected to|forecasts?|probably|perhaps|maybe|likely to|seems?|appears? to|hopefully|I promise|thank you|thanks)\b/i;
const FACT_CUES =
  /\b(?:percent|per cent|million|billion|trillion|thousand|hundreds?|increase[ds]?|decrease[ds]?|rose|fell|doubled|tripled|cut|cuts|raised|lowered|record|highest|lowest|largest|biggest|smallest|fewer|more than|less than|most|least|average|rate|tax(?:es)?|debt|deficit|budget|jobs|unemployment|wages?|income|economy|spending|spent|funding|voted|vote[ds]? (?:for|against)|signed|passed|vetoed|opposed|supported|created|lost|killed|died|arrested|invaded|attacked|banned|approved|elected|won|according to|reported|data|statistics|study|survey|figures|since|ago|years?|times|every|each|nation|country|countries|world|americans?|people|citizens|workers|families|children|insurance|health care|medicare|medicaid|social security|troops|nuclear|weapons|oil|energy|crime|immigrants?|border|law|laws|bill|program|plan|government|regime|military|army|forces|militias?|rebels|opposition|sanctions|control(?:s|led)?|back(?:s|ed|ing)|police|court|parliament|election)\b/gi;
/** Promises, plans and hypotheticals: what will or should happen cannot be checked yet. */
const FUTURE =
  /\b(?:will|'ll|going to|gonna|would|could|should|must|may|might|ought to|have to|has to|got to|need to|needs to|want to|wants to|hope to|plan to|intend to|let's|let us|can|cannot|can't)\b/i;
/** The speaker about themself ("I was in Houston on Tuesday"): anecdote more often than checkable fact. */
const FIRST_PERSON =
  /(?:^|\s)I(?:'m|'ve|'d| am| was| have| had| don't| do not| remember| ask| want| would| came| met)\b/;
/** Records and rankings: "voted against", "has never taken on", "number one", "the first time in history". */
const RECORD =
  /\b(?:voted (?:for|against)|opposed|vetoed|signed|blocked|sustained|cut|raised|doubled|tripled|halved|has never|have never|never once|number one|first time|in history|in decades|one of the (?:few|only)|more than any|less than|highest|lowest|worst|best .{0,20} since)\b/i;
/** Past-tense and perfect forms: something happened, which can be checked. */
const PAST =
  /\b(?:\w+ed|was|were|had|did|said|made|took|gave|went|cut|lost|won|spent|paid|sold|built|grew|fell|rose|became|began|left|brought|sent|held|met|saw|told)\b/i;
/**
 * Perfect tenses report a done thing: "has been", "have reduced", and the irregular forms and
 * adverbs ("we have cut", "has never taken", "we've brought down").
 */
const PERFECT =
  /\b(?:has|have|had|'ve)(?: never| not| already| just| now| since| also)? (?:been|\w+ed|cut|taken|made|brought|given|done|lost|won|spent|paid|sold|built|grown|fallen|risen|become|begun|left|sent|held|met|seen|told|gone|put|set|kept|led|run|written|shown|known|taught|thrown|broken|chosen|driven|fought|found|heard|hit|laid|meant|read|shut|sought|struck|sworn|undertaken)\b/i;
const QUOTE = /[“"]([^”"]{2,}?)[”"]/g;
const LABEL = /^(?:READ|WATCH|OPINION|ANALYSIS|UPDATE|BREAKING|EXCLUSIVE|LISTEN|SEE ALSO|RELATED)\s*[:|-]\s*/;
/** A news dateline before the first sentence: "LONDON (Reuters) - ", "KYIV, March 3 (AP) — ". */
const DATELINE = /^\p{Lu}[\p{Lu} .,'-]{1,40}(?:,[^()\n]{1,30})?\s*\([^)\n]{1,40}\)\s*[-–—]+\s*/u;
const CAPTION = /\((?:L|R|C|left|right|centre|center)\)|\[[^\]]*\/[^\]]*\]\s*$/;
const ACCORDING = /^(?:according to ([^,]{2,80}),\s*)/i;

export interface RawClaim {
  start: number;
  end: number;
  kind: ClaimKind;
  sentence: { start: number; end: number };
  figures: Figure[];
  dates: ResolvedDate[];
  claimant?: { name: string; entityId?: string };
  via?: string;
}

/** Minimum check-worthiness score for a statistic, event or factual claim. */
export const CHECK_WORTHY = 1.8;

/**
 * Scores how much a sentence reads as a checkable statement of fact: figures, dates, named
 * entities, policy and quantity words and past tense raise it; opinion, promises, questions and
 * small talk lower it.
 */
export function factualScore(
  s: string,
  f: { entities: number; figures: number; dates: number; attributed?: boolean; words?: number },
): number {
  const words = f.words ?? s.split(/\s+/).filter(Boolean).length;
  if (words < 5) return -2;
  let score = 0;
  const cues = s.match(FACT_CUES)?.length ?? 0;
  score += Math.min(cues, 3) * 0.8;
  // A record of what someone did or how things rank is the core of a checkable claim.
  if (RECORD.test(s)) score += 0.6;
  score += Math.min(f.entities, 2) * 0.5;
  if (f.figures) score += 2;
  if (f.dates) score += 1;
  if (PAST.test(s)) score += 0.3;
  if (PERFECT.test(s)) score += 0.4;
  if (/\?\s*$/.test(s)) score -= 2;
  if (OPINION.test(s)) score -= 1.2;
  if (FUTURE.test(s)) score -= 0.8;
  if (FIRST_PERSON.test(s)) score -= 0.6;
  if (/^(?:and|but|so|well|now|look)\b/i.test(s)) score -= 0.3;
  if (words > 14) score += 0.3;
  // "According to ...": the text names a source, so the statement can be checked against it.
  if (f.attributed) score += 0.5;
  return score;
}

/** The subject of a reporting verb in a stretch of text: the last entity before the verb, or the first after it ("…, said Smith"). */
function claimantOf(
  sentenceText: string,
  sentenceStart: number,
  tokens: Token[],
  sentence: Sentence,
  entities: EntityMention[],
): { name: string; entityId?: string } | undefined {
  void sentenceText;
  void sentenceStart;
  const inSentence = within(entities, sentence.start, sentence.end).filter(
    (e) => e.type === 'person' || e.type === 'organization',
  );
  for (let i = sentence.first; i < sentence.last; i++) {
    const t = tokens[i]!;
    if (!REPORTING_VERBS.has(t.lower)) continue;
    const before = inSentence.filter((e) => e.end <= t.start && t.start - e.end < 40);
    const subject = before[before.length - 1];
    if (subject) return { name: subject.name, entityId: subject.entityId };
    const after = inSentence.find((e) => e.start >= t.end && e.start - t.end < 8);
    if (after) return { name: after.name, entityId: after.entityId };
  }
  return undefined;
}

export function findClaims(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  dates: ResolvedDate[],
  entities: EntityMention[],
  refDay = '9999-12-31',
): RawClaim[] {
  const out: RawClaim[] = [];
  for (const s of sentences) {
    let start = s.start;
    const end = s.end;
    let sText = text.slice(start, end);
    const label = LABEL.exec(sText) ?? DATELINE.exec(sText);
    if (label) {
      start += label[0].length;
      sText = sText.slice(label[0].length);
    }
    const sentence = { start: s.start, end: s.end };
    // A photo caption ("... (L) and ... (R) in Sochi [Press Office/Agency]") describes a picture.
    if (CAPTION.test(sText)) continue;
    const sDates = within(dates, start, end);
    // Numbers inside dates ("17 May 2018") are dates, not figures.
    const figures = findFigures(sText, start).filter(
      (f) => f.unit !== 'year' && !sDates.some((d) => d.start < f.end && f.start < d.end),
    );
    const claimant = claimantOf(sText, start, tokens, s, entities);
    let via: string | undefined;
    const according = ACCORDING.exec(sText);
    if (according) {
      via = according[1]!.replace(/^(?:a|an|the)\s+/i, '');
      start += according[0].length;
      sText = sText.slice(according[0].length);
    } else {
      // "..., according to the statistics office." names the channel at the end.
      const trailing = /,\s*according to (?:(?:a|an|the)\s+)?([^,;]{2,80}?)[.!]?["”]?$/i.exec(sText);
      if (trailing) via = trailing[1]!;
    }
    // Quoted words: one claim from the first quote to the last when they sit close together.
    const quotes = [...sText.matchAll(QUOTE)].filter((q) => q[1]!.split(/\s+/).length >= 1);
    let quoteSpan: { start: number; end: number } | undefined;
    if (quotes.length) {
      const q0 = quotes[0]!;
      let qEnd = q0.index + q0[0].length;
      for (const q of quotes.slice(1)) if (q.index - qEnd <= 12) qEnd = q.index + q[0].length;
      quoteSpan = { start: start + q0.index, end: start + qEnd };
    }
    const inside = (x: { start: number; end: number }) =>
      quoteSpan && x.start >= quoteSpan.start && x.end <= quoteSpan.end;
    if (quoteSpan) {
      const qFigures = figures.filter(inside);
      const quoteWords = text.slice(quoteSpan.start, quoteSpan.end).split(/\s+/).length;
      const asks = /\?["”]?$/.test(text.slice(quoteSpan.start, quoteSpan.end));
      if ((claimant || quoteWords >= 4 || qFigures.length) && !asks) {
        const c: RawClaim = {
          start: quoteSpan.start,
          end: quoteSpan.end,
          kind: qFigures.length
            ? 'statistic'
            : DISPUTED.test(text.slice(quoteSpan.start, quoteSpan.end))
              ? 'disputed'
              : 'quote',
          sentence,
          figures: qFigures,
          dates: sDates.filter(inside),
        };
        if (claimant) c.claimant = claimant;
        if (via) c.via = via;
        out.push(c);
      } else quoteSpan = undefined;
    }
    const outFigures = figures.filter((f) => !inside(f));
    const outside = quoteSpan ? text.slice(start, quoteSpan.start) + text.slice(quoteSpan.end, end) : sText;
    let kind: ClaimKind | undefined;
    const outDates = sDates.filter((d) => !inside(d));
    // Only dates after the reference date: a forecast or a plan, not a happening to check.
    const futureOnly = outDates.length > 0 && outDates.every((d) => d.value > refDay);
    const score = factualScore(outside, {
      entities: within(entities, start, end).length,
      figures: outFigures.length,
      dates: outDates.length,
      attributed: via !== undefined,
      words: s.last - s.first,
    });
    if (DISPUTED.test(outside)) kind = 'disputed';
    else if (score >= CHECK_WORTHY) {
      if (outFigures.length) kind = 'statistic';
      else if (outDates.length) kind = 'event';
      else if (!quoteSpan) kind = 'factual';
    } else if (!quoteSpan && (OPINION.test(outside) || FUTURE.test(outside)) && s.last - s.first > 5) kind = 'opinion';
    if (futureOnly && kind === 'event') kind = 'opinion';
    if (!kind) continue;
    // Beside a quote, the sentence is a claim of its own only through what lies outside the quote.
    if (quoteSpan && (kind === 'factual' || kind === 'opinion')) continue;
    // The span: the sentence without its label and attribution, or for an event inside a
    // longer sentence, the clause between dashes or semicolons that holds the date.
    let cStart = start;
    let cEnd = end;
    if (quoteSpan && quoteSpan.start > start) cEnd = Math.min(cEnd, quoteSpan.start);
    else if (quoteSpan) cStart = quoteSpan.end;
    if (kind === 'event' || quoteSpan) {
      const d = sDates.find((x) => !inside(x));
      if (d) {
        const clauses = /[–—;]|\s-\s/g;
        let a = cStart;
        let b = cEnd;
        for (const m of text.slice(cStart, cEnd).matchAll(clauses)) {
          const pos = cStart + m.index;
          if (pos < d.start) a = pos + m[0].length;
          else if (pos >= d.end) {
            b = pos;
            break;
          }
        }
        cStart = a;
        cEnd = b;
      }
    }
    while (cStart < cEnd && /\s/.test(text[cStart]!)) cStart++;
    while (cEnd > cStart && /[\s.,;:–—-]/.test(text[cEnd - 1]!)) cEnd--;
    if (cEnd - cStart < 3) continue;
    const c: RawClaim = {
      start: cStart,
      end: cEnd,
      kind,
      sentence,
      figures: outFigures,
      dates: sDates.filter((d) => !inside(d)),
    };
    if (claimant && !quoteSpan) c.claimant = claimant;
    if (via && !quoteSpan) c.via = via;
    out.push(c);
  }
  return out.sort((a, b) => a.start - b.start);
}
