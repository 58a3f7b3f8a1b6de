import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '../../lib/settings/schema';
import { type ApiStandIn, type FailureMode, installApiStandIn, STAND_IN_API_KEY } from './api-stand-in';
import { SEED_EXPECTED, SEED_QUERIES } from './api-stand-in/seed-queries';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import { factCheckSecret, plantSettings } from './extension';
import { startServer, type TestServer } from './server';
import { closeAll } from './steps';

type Reply = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };
type Context = { status: string; title?: string; reason?: string; retryAt?: number; facts?: unknown[] };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.each(ENGINES)('lookups in %s', (engine) => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let browser: TestBrowser;
  let page: TestPage;

  /** Sends a background message the way the content script and popup do, from an extension page. */
  const send = (name: string, request: unknown) =>
    page.evaluate(
      async ([n, r]) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return (await api.runtime.sendMessage({ sidenote: 1, name: n, request: r })) as unknown;
      },
      [name, request] as const,
    ) as Promise<Reply>;

  const lookup = async (entities: unknown[]): Promise<Record<string, Context>> => {
    const reply = await send('lookupEntities', { language: 'en', entities });
    if (!reply.ok) throw new Error(reply.error);
    return reply.value.results as Record<string, Context>;
  };

  /** Writes a full, valid settings object, as `updateSettings` would store it. */
  const useSettings = (change: Partial<Settings>) =>
    plantSettings(page, settingsSchema.parse({ ...DEFAULT_SETTINGS, endpoints: standIn.endpoints, ...change }));

  const moscow = [{ key: 'm', name: 'Moscow', type: 'place', related: [] }];

  beforeAll(async () => {
    server = await startServer();
    standIn = installApiStandIn(server);
    browser = await launch(engine);
    page = await browser.openExtensionPage('popup.html');
    await useSettings({});
  });
  afterAll(() => closeAll(browser, server));

  test('the seed page, cold cache: every entity linked to its article in at most 4 Wikipedia requests', async () => {
    standIn.reset();
    const results = await lookup(SEED_QUERIES);
    const titles = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.title ?? r.status]));
    expect(titles).toEqual(SEED_EXPECTED);
    expect(standIn.counts.wikipedia).toBeLessThanOrEqual(4);
    expect(standIn.counts.wikidata).toBeLessThanOrEqual(2);
    expect(results['e-putin']?.facts).toContainEqual({
      label: 'Position',
      value: 'President of Russia',
      asOf: '2012-05-07',
    });
    console.log(
      `[${engine}] seed cold: wikipedia ${standIn.counts.wikipedia} requests (+${standIn.preflights.wikipedia} preflights), wikidata ${standIn.counts.wikidata} (+${standIn.preflights.wikidata} preflights)`,
    );
    // Privacy: nothing but the phrases; no referrer, no page address; Wikimedia told who asks.
    for (const entry of standIn.log) {
      expect(entry.referer).toBeUndefined();
      expect(entry.url).not.toMatch(/\.html|popup|moz-extension|chrome-extension/);
      expect(entry.apiUserAgent).toMatch(/^Sidenote\/\d+\.\d+\.\d+ \(browser extension\)$/);
    }
  });

  test('the same again: answered from the cache, 0 requests; the cache lives in IndexedDB', async () => {
    standIn.reset();
    const results = await lookup(SEED_QUERIES);
    expect(Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.title]))).toEqual(SEED_EXPECTED);
    expect(standIn.counts).toEqual({ wikipedia: 0, wikidata: 0, factcheck: 0 });
    console.log(`[${engine}] seed warm: ${standIn.counts.wikipedia + standIn.counts.wikidata} requests`);

    const stats = await send('cacheStats', {});
    expect(stats.ok && (stats.value.entries as number)).toBeGreaterThan(20);
    // The extension's pages share the background's origin: read the database directly.
    const stored = await page.evaluate(
      () =>
        new Promise<number>((done, fail) => {
          const open = indexedDB.open('sidenote-cache');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('entries').objectStore('entries').count();
            count.onsuccess = () => {
              done(count.result);
              open.result.close();
            };
          };
        }),
    );
    expect(stored).toBe(stats.ok ? stats.value.entries : -1);
  });

  test('cacheClear empties the cache, and the next lookup asks the sources again', async () => {
    const cleared = await send('cacheClear', {});
    expect(cleared).toEqual({ ok: true, value: { entries: 0, bytes: 0 } });
    standIn.reset();
    expect((await lookup(moscow)).m).toMatchObject({ status: 'found', title: 'Moscow' });
    expect(standIn.counts.wikipedia).toBe(1);
  });

  const modes: [FailureMode, string][] = [
    ['500', 'unavailable'],
    ['malformed', 'malformed'],
    ['html', 'malformed'],
    ['hang', 'timeout'],
  ];
  for (const [mode, reason] of modes) {
    test(`Wikipedia answering ${mode}: a clear "${reason}" state, not asked again at once`, async () => {
      await send('cacheClear', {});
      standIn.reset();
      standIn.fail('wikipedia', { mode });
      expect((await lookup(moscow)).m).toEqual({ status: 'error', reason });
      expect(standIn.counts.wikipedia).toBe(1);
      standIn.fail('wikipedia', null);
      // Remembered briefly: the dead source is not hammered by the next card.
      expect((await lookup(moscow)).m).toEqual({ status: 'error', reason });
      expect(standIn.counts.wikipedia).toBe(1);
    });
  }

  test('503 with Retry-After 4: unavailable until then, then asked again and answered', async () => {
    await send('cacheClear', {});
    standIn.reset();
    standIn.fail('wikipedia', { mode: '503', retryAfter: 4 });
    const first = (await lookup(moscow)).m;
    expect(first).toMatchObject({ status: 'error', reason: 'unavailable' });
    expect(first?.retryAt).toBeGreaterThan(Date.now() + 2000);
    standIn.fail('wikipedia', null);
    expect((await lookup(moscow)).m).toMatchObject({ status: 'error', reason: 'unavailable' });
    expect(standIn.counts.wikipedia).toBe(1);
    await sleep(Math.max(0, (first?.retryAt ?? 0) - Date.now()) + 300);
    expect((await lookup(moscow)).m).toMatchObject({ status: 'found', title: 'Moscow' });
    expect(standIn.counts.wikipedia).toBe(2);
  });

  test('429 with a short Retry-After is waited out and answered; a long one gives rate-limited', async () => {
    await send('cacheClear', {});
    standIn.reset();
    standIn.fail('wikipedia', { mode: '429', retryAfter: 1, times: 1 });
    expect((await lookup(moscow)).m).toMatchObject({ status: 'found', title: 'Moscow' });
    expect(standIn.counts.wikipedia).toBe(2);

    standIn.fail('wikidata', { mode: '429', retryAfter: 600 });
    // Facts are extra: Wikidata refusing leaves the summary in place.
    await send('cacheClear', {});
    const results = await lookup([{ key: 's', name: 'Syria', type: 'place', related: [] }]);
    expect(results.s).toMatchObject({ status: 'found', title: 'Syria', facts: [] });
    standIn.fail('wikidata', null);
  });

  test('requests carry neither Referer nor Origin; the content script’s host access exempts them from CORS', async () => {
    // Finding, kept as a test so a browser change shows: with content scripts on http(s)://*/*,
    // both browsers grant the extension host access, so the background's fetches are not CORS
    // requests (no Origin, no preflight) and are read even without Access-Control-Allow-Origin.
    await send('cacheClear', {});
    standIn.reset();
    standIn.fail('wikipedia', { mode: 'no-cors' });
    try {
      expect((await lookup(moscow)).m).toMatchObject({ status: 'found', title: 'Moscow' });
    } finally {
      standIn.fail('wikipedia', null);
    }
    expect(standIn.log.length).toBeGreaterThan(0);
    for (const entry of standIn.log) {
      expect(entry.origin).toBeUndefined();
      expect(entry.referer).toBeUndefined();
    }
    expect(standIn.preflights).toEqual({ wikipedia: 0, wikidata: 0, factcheck: 0 });
  });

  test('a source that cannot be reached: offline', async () => {
    await send('cacheClear', {});
    await useSettings({ endpoints: { ...standIn.endpoints, wikipedia: 'http://127.0.0.1:9/wikipedia/{lang}' } });
    try {
      expect((await lookup(moscow)).m).toEqual({ status: 'error', reason: 'offline' });
    } finally {
      await useSettings({});
    }
  });

  test('a claim: fact-checks only with a key, context with the passage that bears on it', async () => {
    await send('cacheClear', {});
    standIn.reset();
    const claim = {
      key: 'c0',
      kind: 'statistic',
      keyPhrase: 'Syrian government controls 90 per cent of the territory',
      entities: ['Vladimir Putin', 'Syria'],
      subjects: [],
      date: '2021-09-14',
    };
    const noKey = await send('lookupClaim', { language: 'en', claim });
    expect(noKey.ok && noKey.value.factChecks).toEqual({ status: 'no-key' });
    expect(noKey.ok && noKey.value.context).toMatchObject({ title: 'Syrian civil war' });
    expect(standIn.counts.factcheck).toBe(0);

    // The key lives in the extension's own IndexedDB (lib/secrets/store.ts), bound to the address.
    await factCheckSecret(page, { key: STAND_IN_API_KEY, endpoint: standIn.endpoints.factCheck });
    try {
      const withKey = await send('lookupClaim', { language: 'en', claim });
      expect(withKey.ok && withKey.value.factChecks).toMatchObject({
        status: 'ok',
        items: [{ publisher: 'Example Fact Desk', rating: 'Exaggerated', date: '2021-09-20' }],
      });
      expect(standIn.counts.factcheck).toBe(1);
    } finally {
      await factCheckSecret(page, null);
    }
  });

  test('a key stored the old way (v2, in storage.local) is moved where no web page can read it, and still used', async () => {
    await send('cacheClear', {});
    standIn.reset();
    const key = STAND_IN_API_KEY;
    await plantSettings(page, { ...DEFAULT_SETTINGS, version: 2, endpoints: standIn.endpoints, factCheckApiKey: key });
    try {
      // storage.local is what every content script can read: the key leaves it.
      await page.waitFor(async (k) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return !JSON.stringify(await api.storage.local.get(null)).includes(k);
      }, key);
      expect(await factCheckSecret(page)).toEqual({ key, endpoint: standIn.endpoints.factCheck });
      const claim = {
        key: 'c1',
        kind: 'statistic',
        keyPhrase: 'Syrian government controls 90 per cent of the territory',
        entities: ['Syria'],
        subjects: [],
      };
      const reply = await send('lookupClaim', { language: 'en', claim });
      expect(reply.ok && reply.value.factChecks).toMatchObject({ status: 'ok' });
      expect(standIn.counts.factcheck).toBe(1);
      // The Fact Check address changed (by anyone who can write storage.local): the key is not sent there.
      await useSettings({ endpoints: { ...standIn.endpoints, factCheck: `${standIn.endpoints.factCheck}/other` } });
      await send('cacheClear', {});
      const moved = await send('lookupClaim', { language: 'en', claim });
      expect(moved.ok && moved.value.factChecks).toEqual({ status: 'no-key' });
      expect(standIn.counts.factcheck).toBe(1);
    } finally {
      await factCheckSecret(page, null);
      await useSettings({});
    }
  });

  test('a malformed request gets a clear error reply, not a crash', async () => {
    const reply = await send('lookupEntities', { language: 'en', entities: [{ key: 'x', name: '', type: 'alien' }] });
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid request for lookupEntities: entities\[0\]/),
    });
    expect((await lookup(moscow)).m?.status).toBe('found');
  });
});
