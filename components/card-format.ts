import type { Figure, ResolvedDate } from '../lib/contracts/detection';
import type { LookupFailure } from '../lib/contracts/lookups';
import type { PerennialStatus } from '../lib/contracts/sources';
import { formatDate } from '../lib/format-date';

export { formatDate };

/** Labels for claim kinds, as the card shows them. */
export const CLAIM_KIND_LABEL: Record<string, string> = {
  statistic: 'Statistic',
  quote: 'Quote',
  disputed: 'Disputed',
  event: 'Event',
  factual: 'Claim',
  opinion: 'Opinion',
};

export const ENTITY_TYPE_LABEL: Record<string, string> = {
  person: 'Person',
  place: 'Place',
  organization: 'Organisation',
  event: 'Event',
  law: 'Law',
  group: 'Group',
  other: 'Entity',
};

export const SOURCE_KIND_LABEL: Record<string, string> = {
  statement: 'Statement',
  outlet: 'News outlet',
  agency: 'News agency',
  credit: 'Credit',
  spokesperson: 'Spokesperson',
  official: 'Official',
  other: 'Source',
};

/** A figure as a reader would say it: "90%", "320 types of weapons", "US$4.5 million". */
export function formatFigure(figure: Pick<Figure, 'number' | 'unit' | 'currency' | 'of' | 'text'>): string {
  const n = figure.number.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  switch (figure.unit) {
    case 'percent':
      return `${n}%`;
    case 'money':
      return figure.currency ? `${figure.currency} ${n}` : figure.text;
    case 'count':
      return figure.of ? `${n} ${figure.of}` : n;
    case 'rank':
      return `#${n}`;
    case 'year':
      return String(figure.number);
    default:
      return figure.text;
  }
}

/** What the card says when a relative date cannot be resolved: it never guesses from today. */
export const UNKNOWN_ARTICLE_DATE = 'the article’s date is unknown';

/**
 * A claim's dates as the card shows them: "14 September 2021 (“yesterday”)" when resolved, and a
 * relative date the article's unknown date leaves open as the text says it, "“on Wednesday” (the
 * article’s date is unknown)".
 */
export function formatDates(
  dates: readonly Pick<ResolvedDate, 'value' | 'text'>[],
  unresolved: readonly Pick<ResolvedDate, 'text'>[] = [],
): string {
  const resolved = dates.map((d) => (formatDate(d.value) === d.text ? d.text : `${formatDate(d.value)} (“${d.text}”)`));
  const open = unresolved.length
    ? [`${unresolved.map((d) => `“${d.text}”`).join(', ')} (${UNKNOWN_ARTICLE_DATE})`]
    : [];
  return [...resolved, ...open].join('; ');
}

/** What a failed lookup means for the reader, in one sentence. */
export function failureText(failure: Pick<LookupFailure, 'reason' | 'retryAt'>, now = Date.now()): string {
  switch (failure.reason) {
    case 'offline':
      return 'You are offline, so Sidenote cannot look this up right now.';
    case 'timeout':
      return 'The source did not answer in time. Try again in a moment.';
    case 'rate-limited': {
      const seconds = failure.retryAt ? Math.max(1, Math.ceil((failure.retryAt - now) / 1000)) : 0;
      return seconds
        ? `The source is limiting requests. Try again in ${seconds} s.`
        : 'The source is limiting requests. Try again shortly.';
    }
    case 'malformed':
      return 'The source sent an answer Sidenote could not read.';
    default:
      return 'Context is unavailable right now.';
  }
}

/**
 * Only https links reach the page; anything else is dropped. (Every address was already checked
 * by the reply's schema when it arrived; this second look keeps the cards from trusting that.)
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The words a card shows for each status on Wikipedia's perennial sources list. */
export const PERENNIAL_STATUS_LABELS: Record<PerennialStatus, string> = {
  'generally-reliable': 'Generally reliable',
  'no-consensus': 'No consensus',
  'generally-unreliable': 'Generally unreliable',
  deprecated: 'Deprecated',
  blacklisted: 'Blacklisted',
};
