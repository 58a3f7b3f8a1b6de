/**
 * Claim features: what the check-worthiness model (`claim-score.ts`) reads about one sentence.
 * Two kinds, both cheap:
 * - named linguistic features, general to any text: figures, dates, entities, attribution,
 *   tense, modality, hedges, questions, person, length. Their learned weights stay readable in
 *   the generated model file;
 * - hashed word unigrams and bigrams. Names and numbers are masked to their shape first, so the
 *   words carry how a sentence says something ("more than", "voted for", "I think") rather than
 *   which people, places or programmes a training debate happened to discuss.
 * The training script (`scripts/train/claims.ts`) and detection compute them with this same code.
 */
import { hashString } from './hash';
import type { Token } from './tokens';
import type { EntityMention, Figure } from './types';

/** What the rest of detection already found in the sentence. */
export interface ClaimSignals {
  entities: readonly Pick<EntityMention, 'type'>[];
  figures: readonly Pick<Figure, 'unit'>[];
  dates: number;
  /** Every date in the sentence lies after the reference date: a plan or forecast. */
  futureOnly: boolean;
  /** The text names its source ("according to ..."). */
  attributed: boolean;
  /** A named speaker with a reporting verb ("Smith said"). */
  claimant: boolean;
  /** The sentence quotes someone. */
  quote: boolean;
}

/** A sentence as the model reads it: named feature values and hashed word-feature buckets. */
export interface ClaimFeatures {
  /** One value per entry of `NAMED_FEATURES`, in that order. */
  named: Float32Array;
  /** Bucket indices of the word unigrams and bigrams, each once. */
  words: Uint32Array;
}

/**
 * Cue words and phrases (up to three words, lower case) for the named features: general English
 * wording of quantity, change, comparison, evidence, tense, modality and stance, nothing about a
 * particular topic. Read token by token, so one pass over the sentence tests them all.
 */
const CUES: ReadonlyArray<readonly [NamedFeature, string]> = [
  [
    'quantityWord',
    'percent, per cent, percentage, million, billion, trillion, thousand, thousands, hundred, hundreds, dozen, dozens, half, twice, double, triple, quarter, majority, average, rate, ratio',
  ],
  [
    'changeWord',
    'increase, increased, increases, increasing, decrease, decreased, decreases, decreasing, rose, risen, fell, fallen, grew, grown, doubled, tripled, halved, dropped, declined, soared, plunged, cut, raised, lowered, reduced, expanded, lost, gained',
  ],
  [
    'comparison',
    'more than, less than, fewer than, as many as, at least, at most, highest, lowest, largest, biggest, smallest, greatest, fastest, most, least, record, worst, first time, ever, since',
  ],
  ['record', 'voted for, voted against, vetoed, signed, opposed, supported, sponsored, blocked, passed, approved'],
  [
    'evidence',
    'according to, reported, report, study, studies, survey, poll, data, statistics, figures, record, records',
  ],
  [
    'timeWord',
    'year, years, month, months, week, weeks, day, days, decade, decades, ago, last, since, during, until, today, yesterday',
  ],
  ['existential', 'there is, there are, there was, there were, there has been, there have been'],
  [
    'belief',
    'i think, i believe, i feel, i hope, i know, i suppose, i guess, we think, we believe, we feel, we hope, we know, in my view, in my opinion',
  ],
  ['obligation', 'should, must, ought to, need to, needs to, have to, has to, got to'],
  ['future', 'will, going to, gonna, would'],
  ['hedge', 'may, might, could, perhaps, maybe, probably, possibly, likely, seem, seems, appear, appears, hopefully'],
  ['intent', "want to, wants to, plan to, intend to, promise, let's, let us, let me"],
  ['negation', 'not, never, no, nobody, nothing, none'],
  ['firstSingular', "i, i'm, i've, i'd, i'll, me, my, mine, myself"],
  ['firstPlural', "we, we're, we've, we'd, we'll, us, our, ours, ourselves"],
  ['second', "you, you're, you've, your, yours"],
  [
    'courtesy',
    'thank you, thanks, congratulate, congratulations, welcome, good evening, good morning, pleasure, honored, honoured, appreciate',
  ],
  [
    'dispute',
    'disputed, contested, alleged, allegedly, denied, denies, deny, refuted, unfounded, unsubstantiated, baseless, fraudulent, rigged, debunked, falsely, false, untrue, lie, lies, lied',
  ],
];
/** Words that open a spoken turn rather than a statement. */
const OPENERS = new Set(['and', 'but', 'so', 'well', 'now', 'look', 'oh', 'yes', 'no', 'okay', 'ok']);
/** Irregular past tenses and participles common enough to matter. */
const IRREGULAR_PAST = new Set(
  'was were had did said made took gave went lost won spent paid sold built became began left brought sent held met saw told been done gone taken given seen known shown grown fallen risen written led kept put set run cut'.split(
    ' ',
  ),
);
/** Words ending in -ed that are not past forms. */
const NOT_PAST = new Set(['hundred', 'sacred', 'naked', 'wicked', 'kindred', 'red', 'bed', 'shed', 'need', 'indeed']);
const PERFECT_AUX = new Set(['has', 'have', 'had', "'ve"]);
const PERFECT_ADVERBS = new Set(['never', 'not', 'already', 'just', 'now', 'also']);

/** The named features, in the order of `ClaimFeatures.named`; the model file keys its weights by these names. */
export const NAMED_FEATURES = [
  'bias',
  'figure',
  'figures2',
  'percent',
  'money',
  'date',
  'futureDate',
  'person',
  'place',
  'organization',
  'otherEntity',
  'entities3',
  'attributed',
  'claimant',
  'quote',
  'quantityWord',
  'changeWord',
  'comparison',
  'record',
  'evidence',
  'timeWord',
  'past',
  'perfect',
  'existential',
  'belief',
  'obligation',
  'future',
  'hedge',
  'intent',
  'negation',
  'firstSingular',
  'firstPlural',
  'second',
  'courtesy',
  'opener',
  'question',
  'exclamation',
  'dispute',
  'short',
  'medium',
  'long',
] as const;

export type NamedFeature = (typeof NAMED_FEATURES)[number];

/** Length bands, in words: below SHORT_WORDS a sentence rarely states anything checkable. */
const SHORT_WORDS = 6;
const MEDIUM_WORDS = 14;
const LONG_WORDS = 28;

const START_HASH = hashString('<s>');

/**
 * A token as the word features see it: numbers become "0", capitalised words other than the
 * sentence's first become "Name", so no particular figure or name is learned.
 */
function wordForm(t: Token, first: boolean): string | undefined {
  if (!t.word) return t.text === '?' || t.text === '!' || t.text === '"' || t.text === '“' ? t.text : undefined;
  if (hasDigit(t.text)) return '0';
  if (t.cap && !first && t.lower !== 'i' && !t.lower.startsWith("i'")) return 'Name';
  return t.lower;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Which buckets the sentence being read has used: a bucket is used when its stamp is the current
 * sentence's. One table for all sentences, so keeping features unique allocates nothing.
 */
let stamps = new Uint32Array(0);
let stamp = 0;

/** Bucket indices of the unigrams and bigrams of `tokens` (one sentence), in `1 << bits` buckets. */
export function wordBuckets(tokens: readonly Token[], bits: number): Uint32Array {
  const mask = (1 << bits) - 1;
  if (stamps.length !== mask + 1 || stamp === 0xffffffff) {
    stamps = new Uint32Array(mask + 1);
    stamp = 0;
  }
  const current = ++stamp;
  const seen = stamps;
  // In order of first use: the score sums their weights in this order.
  const out: number[] = [];
  const add = (b: number) => {
    if (seen[b] !== current) {
      seen[b] = current;
      out.push(b);
    }
  };
  let prev = START_HASH;
  let first = true;
  for (const t of tokens) {
    const w = wordForm(t, first);
    if (w === undefined) continue;
    first = false;
    const h = hashString(w);
    add(h & mask);
    add(hashString(w, prev) & mask);
    prev = h;
  }
  add(hashString('</s>', prev) & mask);
  return Uint32Array.from(out);
}

/** Cue phrase → the named features it turns on. */
const CUE_INDEX = new Map<string, number[]>();
for (const [feature, list] of CUES) {
  for (const phrase of list.split(',')) {
    const key = phrase.trim();
    const at = CUE_INDEX.get(key) ?? [];
    at.push(NAMED_FEATURES.indexOf(feature));
    CUE_INDEX.set(key, at);
  }
}
const MAX_CUE_WORDS = 3;
/** First words of the cues longer than one word: only these start a phrase lookup. */
const PHRASE_STARTS = new Set([...CUE_INDEX.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));
const I = Object.fromEntries(NAMED_FEATURES.map((n, i) => [n, i])) as Record<NamedFeature, number>;

const isPast = (w: string) =>
  IRREGULAR_PAST.has(w) || (w.length >= 5 && w.endsWith('ed') && !w.endsWith('eed') && !NOT_PAST.has(w));
const isParticiple = (w: string) => isPast(w) || (w.length >= 5 && w.endsWith('en'));

/**
 * The features of one sentence: `tokens` are its tokens (without a leading label), `signals`
 * what detection found in it, `bits` the size of the word-feature hash.
 */
export function claimFeatures(tokens: readonly Token[], signals: ClaimSignals, bits: number): ClaimFeatures {
  const named = new Float32Array(NAMED_FEATURES.length);
  const words: string[] = [];
  for (const t of tokens) if (t.word) words.push(t.lower.includes('’') ? t.lower.replace(/’/g, "'") : t.lower);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const hits = CUE_INDEX.get(w);
    if (hits) for (const h of hits) named[h] = 1;
    if (PHRASE_STARTS.has(w)) {
      let phrase = w;
      for (let n = 2; n <= MAX_CUE_WORDS && i + n <= words.length; n++) {
        phrase += ` ${words[i + n - 1]}`;
        const more = CUE_INDEX.get(phrase);
        if (more) for (const h of more) named[h] = 1;
      }
    }
    if (w.endsWith("n't")) named[I.negation] = 1;
    if (isPast(w)) named[I.past] = 1;
    if (PERFECT_AUX.has(w) || w.endsWith("'ve")) {
      const next = PERFECT_ADVERBS.has(words[i + 1] ?? '') ? words[i + 2] : words[i + 1];
      if (next !== undefined && isParticiple(next)) named[I.perfect] = 1;
    }
    if (w.endsWith("'ll")) named[I.future] = 1;
  }
  if (OPENERS.has(words[0] ?? '')) named[I.opener] = 1;
  let last = tokens.length - 1;
  while (last > 0 && /^["”’')\]]$/.test(tokens[last]!.text)) last--;
  const end = tokens[last]?.text;
  if (end === '?') named[I.question] = 1;
  if (end === '!') named[I.exclamation] = 1;
  const types = new Set(signals.entities.map((e) => e.type));
  named[I.bias] = 1;
  named[I.figure] = Number(signals.figures.length > 0);
  named[I.figures2] = Number(signals.figures.length > 1);
  named[I.percent] = Number(signals.figures.some((f) => f.unit === 'percent'));
  named[I.money] = Number(signals.figures.some((f) => f.unit === 'money'));
  named[I.date] = Number(signals.dates > 0);
  named[I.futureDate] = Number(signals.futureOnly);
  named[I.person] = Number(types.has('person'));
  named[I.place] = Number(types.has('place'));
  named[I.organization] = Number(types.has('organization'));
  named[I.otherEntity] = Number(
    signals.entities.some((e) => e.type !== 'person' && e.type !== 'place' && e.type !== 'organization'),
  );
  named[I.entities3] = Number(signals.entities.length >= 3);
  named[I.attributed] = Number(signals.attributed);
  named[I.claimant] = Number(signals.claimant);
  named[I.quote] = Number(signals.quote);
  named[I.short] = Number(words.length < SHORT_WORDS);
  named[I.medium] = Number(words.length >= MEDIUM_WORDS);
  named[I.long] = Number(words.length >= LONG_WORDS);
  return { named, words: wordBuckets(tokens, bits) };
}
