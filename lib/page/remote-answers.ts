import type { LookupFailure } from '../contracts/lookups';
import type { Reply } from '../messaging/reply';

/** A failed lookup is tried again when a card opens, but not more often than this. */
export const RETRY_MS = 10_000;

/** Why a message to the background failed, as a card shows it. */
export function failureOf(): LookupFailure {
  return {
    status: 'error',
    reason: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'unavailable',
  };
}

const failed = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'error';

/**
 * What the background answered to one kind of question (entities, claims, sources, figures), by
 * key, for the life of the page: what was asked and when, and what is known. A question is asked
 * once, and again only when its answer was a failure, not more often than `RETRY_MS`.
 */
export class RemoteAnswers<T> {
  private readonly known = new Map<string, T | LookupFailure>();
  private readonly asked = new Map<string, number>();

  get(key: string): T | LookupFailure | undefined {
    return this.known.get(key);
  }

  wasAsked(key: string): boolean {
    return this.asked.has(key);
  }

  /** Whether `key` may be asked at `now`: never asked, or answered with a failure long enough ago. */
  due(key: string, now: number): boolean {
    const asked = this.asked.get(key);
    return asked === undefined || (failed(this.known.get(key)) && now - asked >= RETRY_MS);
  }

  markAsked(key: string, now: number): void {
    this.asked.set(key, now);
  }

  set(key: string, answer: T | LookupFailure): void {
    this.known.set(key, answer);
  }

  /** Keeps a reply's value, or the failure of a message that brought none. */
  settle(key: string, reply: Reply<T>): void {
    this.known.set(key, reply.ok ? reply.value : failureOf());
  }
}
