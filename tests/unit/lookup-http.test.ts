import { describe, expect, test } from 'vitest';
import { Http, parseRetryAfter } from '../../lib/wikimedia/http';

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' }, ...init });

describe('parseRetryAfter', () => {
  test('seconds, an HTTP date, or nothing', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    // A source asking for a day is left alone for ten minutes at most.
    expect(parseRetryAfter('86400', now)).toBe(600_000);
  });
});

describe('Http', () => {
  test('sends no credentials and no referrer, and the headers it is given', async () => {
    let seen: RequestInit | undefined;
    const http = new Http({
      fetch: async (_url, init) => {
        seen = init;
        return json({ ok: 1 });
      },
    });
    expect(await http.getJson('https://example.org/w/api.php?x=1', { 'Api-User-Agent': 'Sidenote/1.0.0' })).toEqual({
      ok: true,
      data: { ok: 1 },
    });
    expect(seen).toMatchObject({
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { 'Api-User-Agent': 'Sidenote/1.0.0' },
    });
  });

  test('a request that takes too long ends in "timeout"', async () => {
    const http = new Http({
      timeoutMs: 50,
      fetch: (_url, init) =>
        new Promise((_done, fail) =>
          init?.signal?.addEventListener('abort', () => fail(new DOMException('', 'AbortError'))),
        ),
    });
    expect(await http.getJson('https://example.org/a')).toEqual({
      ok: false,
      failure: { status: 'error', reason: 'timeout' },
    });
  });

  test('at most `concurrency` requests in flight', async () => {
    let active = 0;
    let peak = 0;
    const http = new Http({
      concurrency: 4,
      ratePerSecond: 0,
      fetch: async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((done) => setTimeout(done, 5));
        active -= 1;
        return json({});
      },
    });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => http.getJson(`https://example.org/${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(peak).toBe(4);
  });

  test('429 with a short Retry-After: waits that long, once, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const http = new Http({
      sleep: async (ms) => {
        waits.push(ms);
      },
      fetch: async () => {
        calls += 1;
        return calls === 1 ? new Response('', { status: 429, headers: { 'retry-after': '2' } }) : json({ ok: 1 });
      },
    });
    expect((await http.getJson('https://example.org/a')).ok).toBe(true);
    expect(waits).toEqual([2000]);
    expect(calls).toBe(2);
  });

  test('503 with a long Retry-After: no wait, a retry time, and the endpoint left alone until then', async () => {
    let now = 1_000_000;
    let calls = 0;
    const http = new Http({
      now: () => now,
      sleep: async () => {
        throw new Error('must not wait');
      },
      fetch: async () => {
        calls += 1;
        return calls === 1 ? new Response('busy', { status: 503, headers: { 'retry-after': '60' } }) : json({ ok: 1 });
      },
    });
    expect(await http.getJson('https://example.org/w/api.php?a')).toEqual({
      ok: false,
      failure: { status: 'error', reason: 'unavailable', retryAt: 1_060_000 },
    });
    expect(await http.getJson('https://example.org/w/api.php?b')).toEqual({
      ok: false,
      failure: { status: 'error', reason: 'rate-limited', retryAt: 1_060_000 },
    });
    // Another endpoint on the same host is not held back.
    expect((await http.getJson('https://example.org/other/api?c')).ok).toBe(true);
    expect(calls).toBe(2);
    now = 1_060_001;
    expect((await http.getJson('https://example.org/w/api.php?d')).ok).toBe(true);
  });

  test('bad answers become plain reasons: 500, HTML, broken JSON, offline', async () => {
    const answer = (response: () => Response | Promise<Response>) => new Http({ fetch: async () => response() });
    expect(await answer(() => new Response('<h1>oops</h1>', { status: 500 })).getJson('https://e.org/')).toMatchObject({
      failure: { reason: 'unavailable' },
    });
    expect(await answer(() => new Response('<!DOCTYPE html><p>busy</p>')).getJson('https://e.org/')).toMatchObject({
      failure: { reason: 'malformed' },
    });
    expect(await answer(() => new Response('{"query":')).getJson('https://e.org/')).toMatchObject({
      failure: { reason: 'malformed' },
    });
    expect(
      await answer(() => {
        throw new TypeError('Failed to fetch');
      }).getJson('https://e.org/'),
    ).toMatchObject({ failure: { reason: 'offline' } });
    let called = false;
    const offline = new Http({
      online: () => false,
      fetch: async () => {
        called = true;
        return json({});
      },
    });
    expect(await offline.getJson('https://e.org/')).toMatchObject({ failure: { reason: 'offline' } });
    expect(called).toBe(false);
  });

  test('a redirect is never followed, to another origin or any: the request ends at the address asked', async () => {
    let seen: RequestInit | undefined;
    const to = (location: string) =>
      new Http({
        fetch: async (_url, init) => {
          seen = init;
          return new Response(null, { status: 302, headers: { location } });
        },
      });
    expect(await to('https://collector.example/steal').getJson('https://en.wikipedia.org/w/api.php?q')).toEqual({
      ok: false,
      failure: { status: 'error', reason: 'unavailable' },
    });
    expect(seen?.redirect).toBe('manual');
    // What a browser gives for `redirect: 'manual'`: an opaque answer, its target hidden.
    const opaque = new Http({
      fetch: async () =>
        ({ type: 'opaqueredirect', status: 0, ok: false, body: null, headers: new Headers() }) as unknown as Response,
    });
    expect(await opaque.getJson('https://en.wikipedia.org/w/api.php?q')).toMatchObject({
      failure: { reason: 'unavailable' },
    });
  });

  test('an answer larger than the limit is refused, declared or streamed', async () => {
    const big = 'x'.repeat(2000);
    const declared = new Http({
      maxResponseBytes: 1000,
      fetch: async () => new Response(`"${big}"`, { headers: { 'content-length': String(big.length + 2) } }),
    });
    expect(await declared.getJson('https://e.org/')).toMatchObject({ failure: { reason: 'malformed' } });
    const streamed = new Http({
      maxResponseBytes: 1000,
      fetch: async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.enqueue(new TextEncoder().encode(big));
            },
          }),
        ),
    });
    expect(await streamed.getJson('https://e.org/')).toMatchObject({ failure: { reason: 'malformed' } });
    const small = new Http({ maxResponseBytes: 1000, fetch: async () => json({ ok: 'é'.repeat(100) }) });
    expect(await small.getJson('https://e.org/')).toEqual({ ok: true, data: { ok: 'é'.repeat(100) } });
  });

  test('one source gets at most `ratePerSecond` requests a second after a burst, however many ask', async () => {
    let now = 0;
    const sent: number[] = [];
    const http = new Http({
      concurrency: 100,
      ratePerSecond: 5,
      rateBurst: 10,
      now: () => now,
      // A fake clock: the requests let go run before it moves on.
      sleep: async (ms) => {
        await new Promise((done) => setTimeout(done, 0));
        now += ms;
      },
      fetch: async (url) => {
        sent.push(now);
        return json({ url: String(url) });
      },
    });
    // Requests from many tabs at once: one origin, one queue.
    await Promise.all(Array.from({ length: 30 }, (_, i) => http.getJson(`https://en.wikipedia.org/w/api.php?i=${i}`)));
    expect(sent.filter((t) => t === 0)).toHaveLength(10);
    // The other 20 leave at 5 a second: the last one 4 seconds after the first.
    expect(Math.max(...sent)).toBe(4000);
    for (let i = 1; i <= 4; i++) expect(sent.filter((t) => t <= i * 1000).length).toBeLessThanOrEqual(10 + i * 5);
  });

  test('a long Retry-After is kept across a worker restart: the next worker does not ask before then', async () => {
    const kept: Record<string, number>[] = [];
    const store = { load: async () => kept.at(-1) ?? {}, save: async (b: Record<string, number>) => void kept.push(b) };
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return new Response('', { status: 429, headers: { 'retry-after': '120' } });
    };
    const now = () => 5_000_000;
    const first = new Http({ now, fetch, backoffStore: store });
    expect(await first.getJson('https://en.wikipedia.org/w/api.php?a')).toMatchObject({
      failure: { reason: 'rate-limited', retryAt: 5_120_000 },
    });
    expect(calls).toBe(1);
    // The worker stops; a new one starts with a new client over the same store.
    const second = new Http({ now, fetch, backoffStore: store });
    expect(await second.getJson('https://en.wikipedia.org/w/api.php?b')).toMatchObject({
      failure: { reason: 'rate-limited', retryAt: 5_120_000 },
    });
    expect(calls).toBe(1);
    const later = new Http({ now: () => 5_120_001, fetch: async () => json({ ok: 1 }), backoffStore: store });
    expect((await later.getJson('https://en.wikipedia.org/w/api.php?c')).ok).toBe(true);
  });

  test('one tab’s hundreds of requests do not hold another tab’s behind them: lanes take turns', async () => {
    let now = 0;
    const order: string[] = [];
    const http = new Http({
      concurrency: 100,
      ratePerSecond: 5,
      rateBurst: 2,
      now: () => now,
      sleep: async (ms) => {
        await new Promise((done) => setTimeout(done, 0));
        now += ms;
      },
      fetch: async (url) => {
        order.push(new URL(String(url)).searchParams.get('q') ?? '');
        return json({});
      },
    });
    const big = http.lane('tab:1');
    const other = http.lane('tab:2');
    const heavy = Array.from({ length: 40 }, (_, i) => big.getJson(`https://en.wikipedia.org/w/api.php?q=big${i}`));
    await new Promise((done) => setTimeout(done, 0));
    const card = other.getJson('https://en.wikipedia.org/w/api.php?q=card');
    await Promise.all([...heavy, card]);
    // The other tab's one request goes within the next couple of turns, not 40th.
    expect(order.indexOf('card')).toBeLessThanOrEqual(4);
    expect(order).toHaveLength(41);
  });
});
