/**
 * Which mentions get a visible line. Every mention stays a mark (hoverable, focusable, listed in
 * the popup); only some show their underline until the reader hovers, focuses or asks for them:
 *
 * - names: the first mention of each entity in reading order, and again at its first mention in
 *   a later stretch of a long article (`sectionChars` after the last line it got), up to
 *   `namesPer100Words` lines per 100 words of the article: names the article comes
 *   back to, and people, places, organisations, events and laws, before names met once in passing
 *   and before peoples and groups ("Chinese", "Democrats");
 * - claims: the check-worthy ones (`score` at least `keyClaimScore`, or `keyDatedClaimScore` for a
 *   claim that dates what it states), strongest first, until a
 *   quarter of the article's sentences carry a claim line (`claimShare`, never fewer than
 *   `minClaimSentences` sentences on a short article). Disputed claims and figures the page
 *   attributes to a named source come first.
 *
 * Pure, DOM-free and order-independent (the mentions are sorted by reading position here), so the
 * page (which detects in slices nearest the viewport first) and the Node benchmark
 * (scripts/bench-marks.ts) choose the same lines for the same article.
 */

/** "Claims to underline": the key ones, or all of them. */
export const CLAIM_LINES = ['key', 'all'] as const;
export type ClaimLines = (typeof CLAIM_LINES)[number];
/** "Names": a line at the first mention, or at every mention. */
export const NAME_LINES = ['first', 'every'] as const;
export type NameLines = (typeof NAME_LINES)[number];

export interface LineChoice {
  claims: ClaimLines;
  names: NameLines;
}

/** What the selection needs to know of one mention. */
export interface LineCandidate {
  id: string;
  kind: 'entity' | 'claim' | 'source';
  /** Where it starts, in characters of the article's text in reading order. */
  at: number;
  /** An entity's identity on the page: every mention of one entity shares it. */
  entity?: string;
  /** An entity's type (`EntityMention.type`): peoples and groups come after named things. */
  entityType?: string;
  claim?: {
    /** How check-worthy, 0 to 1 (`ClaimMention.score`). */
    score: number;
    /** The claim's kind (`ClaimMention.kind`): "disputed" claims keep priority. */
    kind: string;
    /** Whether it states a figure. */
    hasFigure: boolean;
    /** Whether the page names who makes it or through what (a claimant or an "according to"). */
    attributed: boolean;
    /** Whether it dates what it states ("earlier this month", "in May"): a dated event can be checked. */
    dated?: boolean;
    /** Identifies the sentence it sits in (claims sharing a sentence share one line's worth). */
    sentence: string;
  };
}

export interface LineInput {
  /** Mentions of one article, in any order. */
  mentions: readonly LineCandidate[];
  /** How many sentences the article has (`countSentences` over its text). */
  sentences: number;
  /** How many words the article has (`countWords` over its text). */
  words: number;
  choice: LineChoice;
  /**
   * Mentions that already show a line and keep it: while the choice stays, lines are only ever
   * added (text the page appends later never takes a line away from what the reader sees).
   */
  kept?: ReadonlySet<string>;
}

/** The numbers that tune the selection (the benchmark tries others beside them). */
export interface LineLimits {
  /** A name gets a line again after this many characters of article without one (about 1,000 words). */
  sectionChars: number;
  /** At most this many names per 100 words of article show a line… */
  namesPer100Words: number;
  /** …but a short article may always show this many. */
  minNames: number;
  /** Claims scoring below this never get a line unless the reader asks (or chooses "all"). */
  keyClaimScore: number;
  /**
   * A claim that dates what it states ("implemented last year", "earlier this month") needs only
   * this: its card can show the date it refers to, and a dated event is one a reader can check.
   */
  keyDatedClaimScore: number;
  /** At most this share of an article's sentences carry a claim line… */
  claimShare: number;
  /** …but a short article may show claim lines on this many sentences. */
  minClaimSentences: number;
}

export const DEFAULT_LINE_LIMITS: LineLimits = {
  sectionChars: 6000,
  namesPer100Words: 2.5,
  minNames: 20,
  keyClaimScore: 0.6,
  keyDatedClaimScore: 0.45,
  claimShare: 0.25,
  minClaimSentences: 10,
};

/** Peoples and groups, often named by an adjective ("Chinese officials"), get their lines last. */
const GROUP_TYPES = new Set(['group', 'other']);

/** Disputed claims, and figures attributed to a named source, are selected before the rest. */
export function isPriorityClaim(claim: NonNullable<LineCandidate['claim']>): boolean {
  return claim.kind === 'disputed' || (claim.hasFigure && claim.attributed);
}

/** The score a claim needs for a line of its own: a dated claim needs less (see `keyDatedClaimScore`). */
function keyCut(claim: NonNullable<LineCandidate['claim']>, limits: LineLimits): number {
  return claim.dated ? Math.min(limits.keyDatedClaimScore, limits.keyClaimScore) : limits.keyClaimScore;
}

/** How many sentences a text holds: each sentence end, and at least one for any text with a word. */
export function countSentences(text: string): number {
  const ends = text.match(/[.!?…]+["'”’)\]]*(?=\s|$)/g)?.length ?? 0;
  // A heading or a caption without a full stop is one sentence of its own.
  const tail = /[\p{L}\p{N}]["'”’)\]]*\s*$/u.test(text) ? 1 : 0;
  return ends + tail || (/[\p{L}\p{N}]/u.test(text) ? 1 : 0);
}

/** How many words a text holds. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** How many names may show a line in an article of `words` words. */
export function nameLineBudget(words: number, limits = DEFAULT_LINE_LIMITS): number {
  return Math.max(limits.minNames, Math.floor((words * limits.namesPer100Words) / 100));
}

/** How many sentences may carry a claim line in an article of `sentences` sentences. */
export function claimLineBudget(sentences: number, limits = DEFAULT_LINE_LIMITS): number {
  return Math.max(limits.minClaimSentences, Math.floor(sentences * limits.claimShare));
}

/** The ids of the mentions that show a line. */
export function selectLines(input: LineInput, limits = DEFAULT_LINE_LIMITS): Set<string> {
  const kept = input.kept ?? new Set<string>();
  const ordered = [...input.mentions].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lined = new Set<string>();
  for (const m of ordered) if (m.kind === 'source') lined.add(m.id);
  for (const id of selectNames(ordered, input, limits)) lined.add(id);
  // Claims: the key ones, strongest first, within the article's budget of sentences.
  const claims = ordered.filter((m) => m.kind === 'claim' && m.claim);
  if (input.choice.claims === 'all') {
    for (const m of claims) lined.add(m.id);
    return lined;
  }
  const sentences = new Set<string>();
  for (const m of claims) {
    if (!kept.has(m.id)) continue;
    lined.add(m.id);
    sentences.add(m.claim!.sentence);
  }
  const budget = claimLineBudget(input.sentences, limits);
  const candidates = claims
    .filter((m) => !kept.has(m.id) && (isPriorityClaim(m.claim!) || m.claim!.score >= keyCut(m.claim!, limits)))
    .sort(
      (a, b) =>
        Number(isPriorityClaim(b.claim!)) - Number(isPriorityClaim(a.claim!)) ||
        b.claim!.score - a.claim!.score ||
        a.at - b.at,
    );
  for (const m of candidates) {
    const sentence = m.claim!.sentence;
    if (!sentences.has(sentence) && sentences.size >= budget) continue;
    sentences.add(sentence);
    lined.add(m.id);
  }
  return lined;
}

/** What the line selection needs of a placed page mention (a `PageMention`'s relevant fields). */
export interface PlacedMention {
  id: string;
  kind: 'entity' | 'claim' | 'source';
  /** Entity type, claim kind or attribution kind. */
  type: string;
  /** Where it starts in its block's text. */
  start: number;
  entity?: { pageEntityId: string };
  claim?: {
    score: number;
    kind: string;
    figures: readonly unknown[];
    dates?: readonly unknown[];
    claimant?: unknown;
    via?: string;
    /** The sentence, in the coordinates of the detection run that found the claim. */
    sentence: { start: number };
  };
}

/**
 * The selection's input for one article: its blocks in reading order (their texts) and the
 * mentions placed in them (`block`: an index into `blocks`).
 */
export function articleLineInput(
  blocks: readonly { text: string }[],
  placed: readonly { mention: PlacedMention; block: number }[],
  choice: LineChoice,
  kept?: ReadonlySet<string>,
  sentencesOf: (text: string) => number = countSentences,
  wordsOf: (text: string) => number = countWords,
): LineInput {
  const starts: number[] = [];
  let at = 0;
  let sentences = 0;
  let words = 0;
  for (const block of blocks) {
    starts.push(at);
    at += block.text.length + 1;
    sentences += sentencesOf(block.text);
    words += wordsOf(block.text);
  }
  const mentions: LineCandidate[] = placed.map(({ mention: m, block }) => {
    const candidate: LineCandidate = { id: m.id, kind: m.kind, at: (starts[block] ?? 0) + m.start };
    if (m.entity) {
      candidate.entity = m.entity.pageEntityId;
      candidate.entityType = m.type;
    }
    if (m.claim)
      candidate.claim = {
        score: m.claim.score,
        kind: m.claim.kind,
        hasFigure: m.claim.figures.length > 0,
        attributed: m.claim.claimant !== undefined || m.claim.via !== undefined,
        dated: (m.claim.dates?.length ?? 0) > 0,
        sentence: `${block}:${m.claim.sentence.start}`,
      };
    return candidate;
  });
  return kept ? { mentions, sentences, words, choice, kept } : { mentions, sentences, words, choice };
}

/** How many names show a line, and how many sentences lie under a claim line, for the benchmark and tests. */
export function lineStats(
  input: LineInput,
  lined: ReadonlySet<string>,
): { entityLines: number; claimSentences: number; sentences: number } {
  let entityLines = 0;
  const sentences = new Set<string>();
  for (const m of input.mentions) {
    if (!lined.has(m.id)) continue;
    if (m.kind === 'entity') entityLines += 1;
    else if (m.claim) sentences.add(m.claim.sentence);
  }
  return { entityLines, claimSentences: sentences.size, sentences: input.sentences };
}

/**
 * Names: each entity's first mention, and its first mention in each later stretch of a long
 * article, as long as the article's budget lasts. The entities the article mentions more than
 * once, then named things before peoples and groups, then reading order, decide who gets a
 * line when the budget is short.
 */
function selectNames(ordered: readonly LineCandidate[], input: LineInput, limits: LineLimits): string[] {
  const kept = input.kept ?? new Set<string>();
  const names = ordered.filter((m) => m.kind === 'entity');
  if (input.choice.names === 'every') return names.map((m) => m.id);
  // The mentions that would show a line with no budget, and how often each entity is named.
  const wanted: LineCandidate[] = [];
  const lastLine = new Map<string, number>();
  const mentions = new Map<string, number>();
  const firsts = new Set<string>();
  for (const m of names) {
    const key = m.entity ?? m.id;
    mentions.set(key, (mentions.get(key) ?? 0) + 1);
    const last = lastLine.get(key);
    if (last === undefined) firsts.add(m.id);
    if (kept.has(m.id) || last === undefined || m.at - last >= limits.sectionChars) {
      wanted.push(m);
      lastLine.set(key, m.at);
    }
  }
  const rank = (m: LineCandidate) => {
    const key = m.entity ?? m.id;
    return (
      (kept.has(m.id) ? 0 : 16) +
      (firsts.has(m.id) ? 0 : 8) +
      // A people or group ("Russian officials") is the least worth a line, even named twice.
      (GROUP_TYPES.has(m.entityType ?? '') ? 3 : 0) +
      ((mentions.get(key) ?? 1) > 1 ? 0 : 2)
    );
  };
  const ranked = wanted.map((m) => ({ m, rank: rank(m) })).sort((a, b) => a.rank - b.rank || a.m.at - b.m.at);
  const budget = Math.max(nameLineBudget(input.words, limits), ranked.filter((r) => kept.has(r.m.id)).length);
  return ranked.slice(0, budget).map((r) => r.m.id);
}
