import type { LookupFailure } from './types';

/** What a request gives back: parsed JSON (not yet validated), or why there is none. */
export type JsonResult = { ok: true; data: unknown } | { ok: false; failure: LookupFailure };

export interface HttpOptions {
  /** Requests allowed in flight at once, across all sources. */
  concurrency: number;
  /** Each request's own limit, from when it leaves the queue. */
  timeoutMs: number;
  /** A `Retry-After` up to this long is waited out once; a longer one ends in `rate-limited`. */
  maxRetryWaitMs: number;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** `navigator.onLine`, where there is one. */
  online: () => boolean;
}

const DEFAULTS: HttpOptions = {
  concurrency: 4,
  timeoutMs: 8000,
  maxRetryWaitMs: 3000,
  fetch: (...args) => globalThis.fetch(...args),
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  online: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
};

/** The longest a source is left alone after it asked us to back off, whatever it said. */
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Reads `Retry-After` (seconds or an HTTP date) as a wait in milliseconds; undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_BACKOFF_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_BACKOFF_MS);
}

/**
 * The one way the background reaches the network: a small queue (a few requests in flight),
 * a timeout on each request, `Retry-After` honoured on 429/503 (waited out once when short,
 * remembered per API endpoint when long so the source is not asked again before then), and plain
 * failure reasons instead of exceptions.
 *
 * Requests carry no credentials and no referrer: only the URL the caller built (the phrases
 * being looked up) leaves the browser.
 */
export class Http {
  private readonly options: HttpOptions;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** API endpoint → time before which it must not be asked again. */
  private readonly backoff = new Map<string, number>();

  constructor(options: Partial<HttpOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** GETs `url` and parses its JSON body. Never throws. */
  async getJson(url: string, headers: Record<string, string> = {}): Promise<JsonResult> {
    const { now, online } = this.options;
    if (!online()) return failure('offline');
    // Backoff is per API endpoint (origin and path): Wikipedia asking for a pause says nothing about Wikidata.
    const { origin, pathname } = new URL(url);
    const endpoint = origin + pathname;
    const blockedUntil = this.backoff.get(endpoint);
    if (blockedUntil !== undefined) {
      if (blockedUntil > now()) return failure('rate-limited', blockedUntil);
      this.backoff.delete(endpoint);
    }
    let result: Attempt = await this.queued(() => this.once(url, headers));
    if (!result.ok && result.retryAfterMs !== undefined) {
      // A short wait asked of us is waited out once; a long one is remembered for the endpoint.
      if (result.retryAfterMs <= this.options.maxRetryWaitMs) {
        await this.options.sleep(result.retryAfterMs);
        result = await this.queued(() => this.once(url, headers));
      }
      if (!result.ok && result.retryAfterMs !== undefined) {
        const until = now() + result.retryAfterMs;
        this.backoff.set(endpoint, until);
        return failure(result.failure.reason, until);
      }
    }
    return result.ok ? result : { ok: false, failure: result.failure };
  }

  private async queued<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.concurrency) {
      await new Promise<void>((go) => this.waiting.push(go));
    }
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }

  private async once(url: string, headers: Record<string, string>): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    try {
      const response = await this.options.fetch(url, {
        method: 'GET',
        headers,
        signal: controller.signal,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'follow',
      });
      if (response.status === 429 || response.status === 503) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.now());
        await response.body?.cancel().catch(() => {});
        const reason = response.status === 429 ? 'rate-limited' : 'unavailable';
        // A 429 without Retry-After still means "slow down": back off for a minute.
        return {
          ok: false,
          failure: { status: 'error', reason },
          retryAfterMs: retryAfterMs ?? (response.status === 429 ? 60_000 : undefined),
        };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        return failure('unavailable');
      }
      const text = await response.text();
      try {
        return { ok: true, data: JSON.parse(text) as unknown };
      } catch {
        // An HTML error page or a cut-off body with a 200.
        return failure('malformed');
      }
    } catch (error) {
      if (timedOut) return failure('timeout');
      if (!this.options.online()) return failure('offline');
      // fetch rejects with a TypeError when the network is unreachable (or CORS refuses).
      return failure(error instanceof TypeError ? 'offline' : 'unavailable');
    } finally {
      clearTimeout(timer);
    }
  }
}

/** One attempt's result; a source that asked us to wait says for how long. */
type Attempt = { ok: true; data: unknown } | { ok: false; failure: LookupFailure; retryAfterMs?: number };

function failure(
  reason: LookupFailure['reason'],
  retryAt?: number,
): { ok: false; failure: LookupFailure; retryAfterMs?: number } {
  return {
    ok: false,
    failure: retryAt === undefined ? { status: 'error', reason } : { status: 'error', reason, retryAt },
  };
}

/** Builds a query string in a stable order (stable URLs make stable cache keys and logs). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search.toString();
}

/** Sidenote's name for the sources it asks (`Api-User-Agent`): one string for every request. */
export function userAgentFor(version: string): string {
  return `Sidenote/${version} (browser extension)`;
}
