import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type browser from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetWithLastPrivateWindow, type WindowsApi } from '../../lib/background/private';
import { backgroundResources } from '../../lib/background/resources';
import { backgroundHandlers } from '../../lib/background/start';
import { type CacheStore, openIdbStore } from '../../lib/cache/store';
import { backgroundListener } from '../../lib/messaging/channel';
import type { Reply } from '../../lib/messaging/reply';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { Http } from '../../lib/wikimedia/http';
import { type ApiStandIn, installApiStandIn } from '../e2e/api-stand-in';
import { startServer, type TestServer } from '../e2e/server';

type Sender = browser.Runtime.MessageSender;

/** A content script's sender: the web page's address, a tab. */
const PAGE: Sender = {
  id: 'test-extension-id',
  url: 'https://news.example/story',
  tab: { id: 7, incognito: false } as never,
};
/** The same page in a private window. */
const PRIVATE_PAGE: Sender = { ...PAGE, tab: { id: 8, incognito: true } as never };
/** The popup (an extension page; opened as a tab in tests, so with a tab). */
const POPUP: Sender = {
  id: 'test-extension-id',
  url: 'chrome-extension://test-extension-id/popup.html',
  tab: { id: 9 } as never,
};

let server: TestServer;
let standIn: ApiStandIn;
let store: CacheStore;
let dbs = 0;

beforeAll(async () => {
  server = await startServer();
  standIn = installApiStandIn(server);
});
afterAll(() => server.close());
beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  standIn.reset();
  await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, endpoints: standIn.endpoints } });
  dbs += 1;
  store = await openIdbStore(`background-messages-${dbs}`);
});

/** The background as the worker builds it, over an IndexedDB store this test can look into. */
function background(fetch?: typeof globalThis.fetch) {
  const resources = backgroundResources('9.9.9', async () => store, new Http(fetch ? { fetch } : {}));
  const listener = backgroundListener(backgroundHandlers(resources));
  const send = (name: string, request: unknown, sender: Sender) =>
    listener({ sidenote: 1, name, request }, sender) as Promise<Reply<unknown>> | undefined;
  return { resources, send };
}

const moscow = { language: 'en', entities: [{ key: 'm', name: 'Moscow', type: 'place', related: [] }] };

describe('privileged messages', () => {
  test('a content script cannot clear the cache or read its size; the extension pages can', async () => {
    const { send } = background();
    await send('lookupEntities', moscow, PAGE);
    const before = await store.totals();
    expect(before.entries).toBeGreaterThan(0);
    expect(await send('cacheClear', {}, PAGE)).toEqual({
      ok: false,
      error: "cacheClear is answered only to Sidenote's own pages",
    });
    expect(await send('cacheStats', {}, PAGE)).toMatchObject({ ok: false });
    expect(await store.totals()).toEqual(before);
    expect(await send('cacheStats', {}, POPUP)).toEqual({ ok: true, value: before });
    expect(await send('cacheClear', {}, POPUP)).toEqual({ ok: true, value: { entries: 0, bytes: 0 } });
  });

  test('another extension, or a page sender without an address, is not an extension page', async () => {
    const { send } = background();
    expect(await send('cacheStats', {}, { ...POPUP, id: 'another-extension' })).toMatchObject({ ok: false });
    expect(await send('cacheStats', {}, { id: 'test-extension-id' })).toMatchObject({ ok: false });
  });

  test('an unknown message is answered with an error, not left unanswered', async () => {
    const { send } = background();
    expect(await send('dropEverything', {}, PAGE)).toEqual({ ok: false, error: 'Unknown message dropEverything' });
  });
});

describe('sizes', () => {
  test('every string of a request is capped: a long language, key or date is refused, naming the field', async () => {
    const { send } = background();
    const long = 'x'.repeat(5000);
    const entity = moscow.entities[0]!;
    const cases: [string, unknown, RegExp][] = [
      ['lookupEntities', { ...moscow, language: long }, /language/],
      ['lookupEntities', { ...moscow, entities: [{ ...entity, key: long }] }, /entities\[0\]\.key/],
      ['lookupEntities', { ...moscow, entities: [{ ...entity, date: long }] }, /entities\[0\]\.date/],
      [
        'lookupClaim',
        {
          language: 'en',
          claim: { key: 'c', kind: 'factual', keyPhrase: 'x', entities: [], subjects: [], date: long },
        },
        /claim\.date/,
      ],
      ['lookupSource', { language: long, name: 'Reuters' }, /language/],
      ['checkFigure', { language: long, figure: { number: 1, unit: 'count' }, entity: { name: 'x' } }, /language/],
    ];
    for (const [name, request, field] of cases) {
      const reply = await send(name, request, PAGE);
      expect(reply?.ok, name).toBe(false);
      expect(!reply?.ok && reply?.error, name).toMatch(field);
    }
    expect(standIn.counts.wikipedia + standIn.counts.wikidata).toBe(0);
  });
});

describe('private windows', () => {
  test('a private tab’s lookups are answered but never written to IndexedDB', async () => {
    const { send } = background();
    const reply = await send('lookupEntities', moscow, PRIVATE_PAGE);
    expect(reply).toMatchObject({ ok: true, value: { results: { m: { status: 'found', title: 'Moscow' } } } });
    expect(await store.totals()).toEqual({ entries: 0, bytes: 0 });
    // Asked again in the private window: from its memory cache, no new request.
    const requests = standIn.counts.wikipedia;
    await send('lookupEntities', moscow, PRIVATE_PAGE);
    expect(standIn.counts.wikipedia).toBe(requests);
    // The same name from a normal tab is cached on disk, as before.
    await send('lookupEntities', moscow, PAGE);
    expect((await store.totals()).entries).toBeGreaterThan(0);
  });

  test('a private tab’s source and figure questions stay out of IndexedDB too', async () => {
    const { send } = background();
    await send('lookupSource', { language: 'en', name: 'Reuters' }, PRIVATE_PAGE);
    await send(
      'checkFigure',
      {
        language: 'en',
        figure: { number: 12, unit: 'count', of: 'people' },
        quantity: 'population',
        entity: { name: 'Moscow' },
      },
      PRIVATE_PAGE,
    );
    const db = await new Promise<IDBDatabase>((done) => {
      const open = indexedDB.open(`background-messages-${dbs}`);
      open.onsuccess = () => done(open.result);
    });
    const keys = await new Promise<string[]>((done) => {
      const request = db.transaction('entries').objectStore('entries').getAllKeys();
      request.onsuccess = () => done(request.result as string[]);
    });
    db.close();
    // Only the Perennial sources list may be kept: one public page, the same for every reader.
    expect(keys.filter((k) => !k.startsWith('perennial:list:'))).toEqual([]);
    expect(standIn.counts.wikidata).toBeGreaterThan(0);
  });

  test('when the last private window closes, what its tabs looked up is forgotten', async () => {
    const { resources, send } = background();
    const windows: { incognito: boolean }[] = [{ incognito: false }, { incognito: true }];
    const removed = new Set<(id: number) => void>();
    const api: WindowsApi = { getAll: async () => windows, onRemoved: { addListener: (l) => removed.add(l) } };
    forgetWithLastPrivateWindow(resources.privateCache, api);
    await send('lookupEntities', moscow, PRIVATE_PAGE);
    expect(resources.privateCache.holding).toBe(true);
    windows.pop();
    for (const l of removed) l(2);
    await new Promise((done) => setTimeout(done, 0));
    expect(resources.privateCache.holding).toBe(false);
    const requests = standIn.counts.wikipedia;
    await send('lookupEntities', moscow, PRIVATE_PAGE);
    expect(standIn.counts.wikipedia).toBeGreaterThan(requests);
  });
});
