import type { LookupFailure } from '../contracts/lookups';

/** What the sources' code needs of the client: one GET of JSON (the `Http` itself, or one lane of it). */
export type HttpClient = Pick<Http, 'getJson'>;

/** What a request gives back: parsed JSON (not yet validated), or why there is none. */
export type JsonResult = { ok: true; data: unknown } | { ok: false; failure: LookupFailure };

/**
 * The one network function the sources' code takes when the caller has already named Sidenote
 * to the source (the background passes `Http.getJson` with the `Api-User-Agent` header bound).
 */
export type GetJson = (url: string) => Promise<JsonResult>;

/** Why there is no answer, as every card reads it; `retryAt` when the source said when to ask again. */
export function failure(reason: LookupFailure['reason'], retryAt?: number): LookupFailure {
  return retryAt === undefined ? { status: 'error', reason } : { status: 'error', reason, retryAt };
}

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
  /** The most requests one source (origin) is sent per second, across every tab (`RATE_PER_SECOND`). */
  ratePerSecond: number;
  /** How many requests may leave at once before the rate applies (`RATE_BURST`). */
  rateBurst: number;
  /** The largest response body read, in bytes; a larger one is `malformed` (`MAX_RESPONSE_BYTES`). */
  maxResponseBytes: number;
  /**
   * Where backoffs are kept so a restarted worker still honours them (the background passes
   * `storage.session`); none in tests unless they ask.
   */
  backoffStore?: BackoffStore;
}

/** Keeps the "do not ask before" times per API endpoint across worker restarts. */
export interface BackoffStore {
  load(): Promise<Record<string, number>>;
  save(backoff: Record<string, number>): Promise<void>;
}

/**
 * The most requests a source is sent per second, whatever the number of tabs asking. Wikimedia
 * asks API clients to keep their request rate reasonable (serial requests are best); a page load
 * makes a handful (two batched title requests, one or two Wikidata ones), so 5 a second never slows
 * a normal page, while a page that asks for thousands of names, or many tabs at once, cannot
 * earn every tab a 429.
 */
export const RATE_PER_SECOND = 5;
/** A page's load (a few batched requests) and a card's lookups go out at once: the rate binds past 10. */
export const RATE_BURST = 10;

/**
 * The largest response read. MediaWiki caps a page at 2 MiB of wikitext ($wgMaxArticleSize), the
 * largest answer Sidenote asks for (the Perennial sources list, fetched whole); JSON escaping can
 * add to it, so twice that. Anything larger is not an answer to what was asked.
 */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

const DEFAULTS: HttpOptions = {
  concurrency: 4,
  timeoutMs: 8000,
  maxRetryWaitMs: 3000,
  fetch: (...args) => globalThis.fetch(...args),
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  online: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
  ratePerSecond: RATE_PER_SECOND,
  rateBurst: RATE_BURST,
  maxResponseBytes: MAX_RESPONSE_BYTES,
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
 * The one way the background reaches the network: a small queue (a few requests in flight), a
 * rate per source across every tab, a timeout on each request, a size limit on each answer, no
 * redirects, `Retry-After` honoured on 429/503 (waited out once when short, remembered per API
 * endpoint when long so the source is not asked again before then, also by a restarted worker),
 * and plain failure reasons instead of exceptions.
 *
 * Requests carry no credentials and no referrer: only the URL the caller built (the phrases
 * being looked up) leaves the browser, and only to the address the settings name.
 */
export class Http {
  private readonly options: HttpOptions;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** API endpoint → time before which it must not be asked again. */
  private readonly backoff = new Map<string, number>();
  /** Per origin: its theoretical arrival time (a generic cell rate algorithm) and who waits, by lane. */
  private readonly sources = new Map<string, SourceQueue>();
  private restored: Promise<void> | undefined;

  constructor(options: Partial<HttpOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Backoffs a previous worker kept, read once before the first request. */
  private restore(): Promise<void> {
    this.restored ??= (async () => {
      try {
        const kept = (await this.options.backoffStore?.load()) ?? {};
        const now = this.options.now();
        for (const [endpoint, until] of Object.entries(kept)) {
          if (typeof until === 'number' && until > now && !this.backoff.has(endpoint)) {
            this.backoff.set(endpoint, Math.min(until, now + MAX_BACKOFF_MS));
          }
        }
      } catch {
        // Nothing kept, or the store is unreadable: start without.
      }
    })();
    return this.restored;
  }

  private remember(endpoint: string, until: number): void {
    this.backoff.set(endpoint, until);
    const now = this.options.now();
    const kept: Record<string, number> = {};
    for (const [e, u] of this.backoff) if (u > now) kept[e] = u;
    void this.options.backoffStore?.save(kept).catch(() => undefined);
  }

  /**
   * Waits for the source's turn: after a burst of `rateBurst`, at most `ratePerSecond` requests
   * leave for one origin each second, whichever tab asked. Waiting requests leave lane by lane in
   * turn (a lane is a tab): a page with hundreds of names does not hold another tab's card behind
   * all of them.
   */
  private async paced(origin: string, lane: string): Promise<void> {
    if (!(this.options.ratePerSecond > 0)) return;
    let source = this.sources.get(origin);
    if (!source) {
      source = { arrival: 0, lanes: new Map(), pumping: false };
      this.sources.set(origin, source);
    }
    const queue = source.lanes.get(lane) ?? [];
    source.lanes.set(lane, queue);
    await new Promise<void>((go) => {
      queue.push(go);
      void this.pump(source);
    });
  }

  /** Lets waiting requests of one source go, one lane after another, as the rate allows. */
  private async pump(source: SourceQueue): Promise<void> {
    if (source.pumping) return;
    source.pumping = true;
    const { now, sleep, ratePerSecond, rateBurst } = this.options;
    const interval = 1000 / ratePerSecond;
    const tolerance = Math.max(0, rateBurst - 1) * interval;
    try {
      for (;;) {
        // The first lane with a request waiting; it moves to the back once served.
        const entry = [...source.lanes].find(([, queue]) => queue.length);
        if (!entry) return;
        const at = Math.max(source.arrival, now());
        const wait = at - tolerance - now();
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        source.arrival = at + interval;
        const [lane, queue] = entry;
        source.lanes.delete(lane);
        queue.shift()?.();
        if (queue.length) source.lanes.set(lane, queue);
      }
    } finally {
      source.pumping = false;
    }
  }

  /**
   * This client as one lane sees it (a tab: `tab:12`): the same queue, rate and backoff, with the
   * lane's requests taking turns with other lanes' at each source.
   */
  lane(lane: string): HttpClient {
    return { getJson: (url, headers) => this.getJson(url, headers, lane) };
  }

  /** GETs `url` and parses its JSON body. Never throws. */
  async getJson(url: string, headers: Record<string, string> = {}, lane = ''): Promise<JsonResult> {
    const { now, online } = this.options;
    if (!online()) return failed('offline');
    await this.restore();
    // Backoff is per API endpoint (origin and path): Wikipedia asking for a pause says nothing about Wikidata.
    const { origin, pathname } = new URL(url);
    const endpoint = origin + pathname;
    const blockedUntil = this.backoff.get(endpoint);
    if (blockedUntil !== undefined) {
      if (blockedUntil > now()) return failed('rate-limited', blockedUntil);
      this.backoff.delete(endpoint);
    }
    let result: Attempt = await this.queued(origin, lane, () => this.once(url, headers));
    if (!result.ok && result.retryAfterMs !== undefined) {
      // A short wait asked of us is waited out once; a long one is remembered for the endpoint.
      if (result.retryAfterMs <= this.options.maxRetryWaitMs) {
        await this.options.sleep(result.retryAfterMs);
        result = await this.queued(origin, lane, () => this.once(url, headers));
      }
      if (!result.ok && result.retryAfterMs !== undefined) {
        const until = now() + result.retryAfterMs;
        this.remember(endpoint, until);
        return failed(result.failure.reason, until);
      }
    }
    return result.ok ? result : { ok: false, failure: result.failure };
  }

  private async queued<T>(origin: string, lane: string, task: () => Promise<T>): Promise<T> {
    // The source's rate first (fair between lanes), then a place among the requests in flight.
    await this.paced(origin, lane);
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
        // No redirect is followed: a source (or a hostile address in imported settings) could
        // bounce the request, and the names in it, to any other host the worker can reach. The
        // APIs Sidenote asks answer at their address; browsers hide a redirect's target from
        // `manual`, so same-origin redirects are refused too.
        redirect: 'manual',
      });
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        await response.body?.cancel().catch(() => {});
        return failed('unavailable');
      }
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
        return failed('unavailable');
      }
      const text = await readCapped(response, this.options.maxResponseBytes);
      if (text === undefined) return failed('malformed');
      try {
        return { ok: true, data: JSON.parse(text) as unknown };
      } catch {
        // An HTML error page or a cut-off body with a 200.
        return failed('malformed');
      }
    } catch (error) {
      if (timedOut) return failed('timeout');
      if (!this.options.online()) return failed('offline');
      // fetch rejects with a TypeError when the network is unreachable (or CORS refuses).
      return failed(error instanceof TypeError ? 'offline' : 'unavailable');
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The body as text, or undefined when it is larger than `max` bytes: a declared length over the
 * cap is refused unread, and a body without one is read only up to the cap.
 */
async function readCapped(response: Response, max: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!response.body) {
    const text = await response.text();
    return text.length > max ? undefined : text;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** One source's place in the rate: when its next request may go, and who waits, by lane, in turn. */
interface SourceQueue {
  arrival: number;
  lanes: Map<string, (() => void)[]>;
  pumping: boolean;
}

/** One attempt's result; a source that asked us to wait says for how long. */
type Attempt = { ok: true; data: unknown } | { ok: false; failure: LookupFailure; retryAfterMs?: number };

function failed(
  reason: LookupFailure['reason'],
  retryAt?: number,
): { ok: false; failure: LookupFailure; retryAfterMs?: number } {
  return { ok: false, failure: failure(reason, retryAt) };
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
