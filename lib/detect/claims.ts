/**
 * Check-worthy claims, sentence by sentence. Each sentence is read once (`readSentences`: its
 * figures, dates, speaker, source, quote and the model's features), scored by the learned model
 * (`claim-score.ts`), and a sentence at or above the threshold holds a claim whose kind is read
 * from the text for the cards: figures make a statistic, quoted words a quote, the text's own
 * doubt ("described as fraudulent", "denied") a disputed claim, a dated happening an event, any
 * other a factual claim. Opinion and prediction are labelled `opinion` so a card can say so, and
 * never count as check-worthy.
 */
import { channelOf } from './according';
import { claimFeatures } from './claim-features';
import { CLAIM_HASH_BITS, CLAIM_THRESHOLD, claimScore } from './claim-score';
import { REPORTING_VERBS } from './lexicon';
import type { Doc, RawClaim, SentenceReading } from './pipeline/doc';
import { within } from './spans';
import { statementOffset } from './statement';
import type { Sentence, Token } from './tokens';
import type { ClaimKind, EntityMention, ResolvedDate } from './types';

export type { RawClaim, SentenceReading } from './pipeline/doc';

const DISPUTED =
  /\b(?:described as (?:fraudulent|illegitimate|false|rigged|a sham|a farce)|disputed|contested|alleged(?:ly)?|denied|denies|deny|refuted|refutes|rejected (?:the|these|those) (?:claims?|allegations?|accusations?|reports?)|claimed without evidence|unfounded|unsubstantiated|baseless|fraudulent|rigged|debunked|falsely)\b/i;
/** Opinion and prediction wording: a sentence below the threshold that has it is labelled `opinion`. */
const OPINION =
  /\b(?:I think|I believe|I feel|we believe|in my (?:view|opinion)|I hope|I'd like|I want|we want|we need to|we have to|we must|we should|you should|should be|ought to|let me|let's|let us|I'm going to|we're going to|will be|would be|I will|we will|predict|predicted|predictions?|expects?|expected to|forecasts?|probably|perhaps|maybe|likely to|seems?|appears? to|hopefully|I promise|thank you|thanks)\b/i;
/** Promises, plans and hypotheticals: what will or should happen cannot be checked yet. */
const FUTURE =
  /\b(?:will|'ll|going to|gonna|would|could|should|must|may|might|ought to|have to|has to|got to|need to|needs to|want to|wants to|hope to|plan to|intend to|let's|let us|can|cannot|can't)\b/i;
/**
 * A forecast: what someone predicts or expects cannot be checked yet, however specific it is.
 * Such a sentence is labelled `opinion` whatever its score.
 */
const PREDICTION = /\b(?:predicts?|predicted|forecasts?|forecasted|expects?|expected to|anticipates?)\b/i;
const QUOTE = /[“"]([^”"]{2,}?)[”"]/g;
const CAPTION = /\((?:L|R|C|left|right|centre|center)\)|\[[^\]]*\/[^\]]*\]\s*$/;

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

/**
 * Reads each sentence of `doc` (which has its dates, figures and entities) for claims; captions
 * give none. `hashBits` is the word-feature hash size: the shipped model's, or the one a trainer
 * is trying.
 */
export function readSentences(doc: Doc, hashBits = CLAIM_HASH_BITS): SentenceReading[] {
  const out: SentenceReading[] = [];
  for (const s of doc.sentences) {
    const r = readSentence(doc, s, hashBits);
    if (r) out.push(r);
  }
  return out;
}

/** Quoted words: one span from the first quote to the last when they sit close together. */
function quoteSpanOf(sText: string, start: number): { start: number; end: number } | undefined {
  const quotes = [...sText.matchAll(QUOTE)];
  if (!quotes.length) return undefined;
  const q0 = quotes[0]!;
  let qEnd = q0.index + q0[0].length;
  for (const q of quotes.slice(1)) if (q.index - qEnd <= 12) qEnd = q.index + q[0].length;
  return { start: start + q0.index, end: start + qEnd };
}

/** The sentence's tokens from its statement's start on (a label or dateline before it is left out). */
function tokensFrom(tokens: Token[], s: Sentence, statementStart: number): Token[] {
  let firstToken = s.first;
  while (firstToken < s.last && tokens[firstToken]!.start < statementStart) firstToken++;
  return tokens.slice(firstToken, s.last);
}

function readSentence(doc: Doc, s: Sentence, hashBits: number): SentenceReading | undefined {
  const { text, tokens } = doc;
  const entities = doc.entities!;
  const refDay = doc.setting.refDay;
  let start = statementOffset(text, s);
  const end = s.end;
  let sText = text.slice(start, end);
  // A photo caption ("... (L) and ... (R) in Sochi [Press Office/Agency]") describes a picture.
  if (CAPTION.test(sText)) return undefined;
  const sDates = within(doc.dates!, start, end);
  const figures = within(doc.figures!, start, end);
  const claimant = claimantOf(sText, start, tokens, s, entities);
  const statementStart = start;
  const channel = channelOf(sText);
  const via = channel?.via;
  if (channel?.opening) {
    start += channel.opening;
    sText = sText.slice(channel.opening);
  }
  const quoteSpan = quoteSpanOf(sText, start);
  const sentenceTokens = tokensFrom(tokens, s, statementStart);
  const words = s.last - s.first;
  const futureOnly = sDates.length > 0 && sDates.every((d) => d.value > refDay);
  const features = claimFeatures(
    sentenceTokens,
    {
      entities: within(entities, statementStart, end),
      figures,
      dates: sDates.length,
      futureOnly,
      attributed: via !== undefined,
      claimant: claimant !== undefined,
      quote: quoteSpan !== undefined,
    },
    hashBits,
  );
  const reading: SentenceReading = {
    sentence: { start: s.start, end: s.end },
    start,
    end,
    figures,
    dates: sDates,
    prediction: PREDICTION.test(sText) || (futureOnly && figures.length === 0),
    words,
    features,
  };
  if (quoteSpan) reading.quoteSpan = quoteSpan;
  if (claimant) reading.claimant = claimant;
  if (via) reading.via = via;
  return reading;
}

/**
 * Whether a sentence holds a check-worthy claim: its score reaches the model's threshold and it
 * is not a forecast. The trainer decides the same way when it chooses the threshold.
 */
export function isCheckWorthy(
  r: Pick<SentenceReading, 'prediction'>,
  score: number,
  threshold = CLAIM_THRESHOLD,
): boolean {
  return score >= threshold && !r.prediction;
}

/**
 * The claims of each sentence: a sentence the model scores at or above its threshold holds a
 * claim (a quote, and what lies outside the quote when that is a statistic, event or disputed
 * statement); one below it that voices opinion or prediction is labelled `opinion`.
 */
export function findClaims(doc: Doc): RawClaim[] {
  const { text } = doc;
  const out: RawClaim[] = [];
  for (const r of doc.readings!) {
    const score = claimScore(r.features);
    const worthy = isCheckWorthy(r, score);
    const quoted = r.quoteSpan ? quoteClaim(text, r, r.quoteSpan, score, worthy) : undefined;
    if (quoted) out.push(quoted);
    const rest = outsideClaim(text, r, quoted ? r.quoteSpan : undefined, score, worthy);
    if (rest) out.push(rest);
  }
  return out.sort((a, b) => a.start - b.start);
}

type Span = { start: number; end: number };

/** The claim a sentence's quote makes, if it is worthy and says enough (a question does not). */
function quoteClaim(
  text: string,
  r: SentenceReading,
  quoteSpan: Span,
  score: number,
  worthy: boolean,
): RawClaim | undefined {
  const { sentence, claimant, via } = r;
  const inside = (x: Span) => x.start >= quoteSpan.start && x.end <= quoteSpan.end;
  const qText = text.slice(quoteSpan.start, quoteSpan.end);
  const qFigures = r.figures.filter(inside);
  const quoteWords = qText.split(/\s+/).length;
  const asks = /\?["”]?$/.test(qText);
  if (!(worthy && (claimant || quoteWords >= 4 || qFigures.length) && !asks)) return undefined;
  const c: RawClaim = {
    start: quoteSpan.start,
    end: quoteSpan.end,
    kind: qFigures.length ? 'statistic' : DISPUTED.test(qText) ? 'disputed' : 'quote',
    score,
    sentence,
    figures: qFigures,
    dates: r.dates.filter(inside),
  };
  if (claimant) c.claimant = claimant;
  if (via) c.via = via;
  return c;
}

/**
 * The claim a sentence makes outside its quote (`quoteSpan`, when the quote made a claim), or as a
 * whole when it has none.
 */
function outsideClaim(
  text: string,
  r: SentenceReading,
  quoteSpan: Span | undefined,
  score: number,
  worthy: boolean,
): RawClaim | undefined {
  const { start, end, sentence, claimant, via } = r;
  const inside = (x: Span) => quoteSpan !== undefined && x.start >= quoteSpan.start && x.end <= quoteSpan.end;
  const outFigures = r.figures.filter((f) => !inside(f));
  const outDates = r.dates.filter((d) => !inside(d));
  const outside = quoteSpan
    ? text.slice(start, quoteSpan.start) + text.slice(quoteSpan.end, end)
    : text.slice(start, end);
  let kind: ClaimKind | undefined;
  if (worthy) {
    if (DISPUTED.test(outside)) kind = 'disputed';
    else if (outFigures.length) kind = 'statistic';
    else if (outDates.length) kind = 'event';
    else if (!quoteSpan) kind = 'factual';
  } else if (!quoteSpan && r.words > 5 && (r.prediction || OPINION.test(outside) || FUTURE.test(outside)))
    kind = 'opinion';
  if (!kind) return undefined;
  // Beside a quote, the sentence is a claim of its own only through what lies outside the quote.
  if (quoteSpan && (kind === 'factual' || kind === 'opinion')) return undefined;
  const span = claimSpan(text, start, end, kind, quoteSpan, outDates[0]);
  if (!span) return undefined;
  const c: RawClaim = { ...span, kind, score, sentence, figures: outFigures, dates: outDates };
  if (claimant && !quoteSpan) c.claimant = claimant;
  if (via && !quoteSpan) c.via = via;
  return c;
}

/**
 * A claim's span: the sentence without its label and attribution, or for an event inside a
 * longer sentence, the clause between dashes or semicolons that holds the date `d`.
 */
function claimSpan(
  text: string,
  start: number,
  end: number,
  kind: ClaimKind,
  quoteSpan: { start: number; end: number } | undefined,
  d: ResolvedDate | undefined,
): { start: number; end: number } | undefined {
  let cStart = start;
  let cEnd = end;
  if (quoteSpan && quoteSpan.start > start) cEnd = Math.min(cEnd, quoteSpan.start);
  else if (quoteSpan) cStart = quoteSpan.end;
  if ((kind === 'event' || quoteSpan) && d) {
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
  while (cStart < cEnd && /\s/.test(text[cStart]!)) cStart++;
  while (cEnd > cStart && /[\s.,;:–—-]/.test(text[cEnd - 1]!)) cEnd--;
  return cEnd - cStart < 3 ? undefined : { start: cStart, end: cEnd };
}
