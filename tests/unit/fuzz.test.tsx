// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, test } from 'vitest';
import type browser from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundResources } from '../../lib/background/resources';
import { backgroundHandlers } from '../../lib/background/start';
import { openMemoryStore } from '../../lib/cache/store';
import { backgroundListener } from '../../lib/messaging/channel';
import { EXTENSION_PAGES_ONLY, toBackground } from '../../lib/messaging/protocol';
import { Options } from '../../lib/options/options';
import { loadFactCheckSecret, saveFactCheckSecret } from '../../lib/secrets/store';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { validateImport } from '../../lib/settings/validate';
import { Http } from '../../lib/wikimedia/http';

/** A small seeded generator (mulberry32): the same messages on every run, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof random>;

const STRINGS = [
  '',
  ' ',
  'en',
  'x',
  'AIza',
  '__proto__',
  'constructor',
  '<img src=x onerror=alert(1)>',
  'Q42',
  '2021-13-45',
  '\u0000',
  '\ud800',
  'https://collect.example',
  'http://attacker.example',
  'Ω'.repeat(3),
];

/** Any JSON-ish value: wrong types, huge strings, deep and wide shapes. */
function anyValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 9)) {
    case 0:
      return r.pick(STRINGS);
    case 1:
      return 'x'.repeat(r.pick([201, 1_000, 60_000, 200_000]));
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -0, Number.NaN, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1]);
    case 3:
      return r.pick([true, false, null, undefined]);
    case 4:
      return r.pick([[], {}, [[]], { '': '' }]);
    case 5:
      return String.fromCharCode(...Array.from({ length: r.int(40) }, () => r.int(0xffff)));
    case 6:
      // Wide only at the top (501 entries of entries of entries would be billions).
      return Array.from({ length: depth === 0 ? r.pick([1, 3, 31, 501]) : r.pick([1, 2, 3]) }, () =>
        anyValue(r, depth + 1),
      );
    default: {
      const out: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--)
        out[r.pick(['language', 'name', 'key', 'text', 'entities', 'claim', 'publisher', 'figure', r.pick(STRINGS)])] =
          anyValue(r, depth + 1);
      return out;
    }
  }
}

/** Valid requests of each kind, to be broken one field at a time. */
const TEMPLATES: Record<string, unknown> = {
  ping: {},
  pageReport: { entities: 3, claims: 1, active: true },
  detectText: { text: 'Angela Merkel visited Paris on Monday.', referenceDate: '2021-05-01' },
  lookupEntities: { language: 'en', entities: [{ key: 'e1', name: 'Paris', type: 'place', related: ['France'] }] },
  lookupClaim: {
    language: 'en',
    claim: { key: 'c1', kind: 'statistic', keyPhrase: 'rose 5%', entities: [], subjects: [] },
  },
  lookupSource: { language: 'en', publisher: { name: 'Reuters', domain: 'reuters.com' } },
  checkFigure: { language: 'en', figure: { number: 3, unit: 'count', of: 'people' }, entity: { name: 'Paris' } },
  cacheStats: {},
  cacheClear: {},
};

/** A valid request with one part replaced, removed or stretched. */
function mutate(r: Rng, value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 4 || r.next() < 0.25) return anyValue(r);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (!keys.length) return r.next() < 0.5 ? anyValue(r) : { extra: anyValue(r) };
  const key = r.pick(keys);
  const action = r.int(4);
  if (action === 0) delete (copy as Record<string, unknown>)[key];
  else
    (copy as Record<string, unknown>)[key] =
      action === 1 ? anyValue(r) : mutate(r, (copy as Record<string, unknown>)[key], depth + 1);
  return copy;
}

const SENDERS: browser.Runtime.MessageSender[] = [
  { id: 'test-extension-id', url: 'https://news.example/a', tab: { id: 1, incognito: false } as never },
  { id: 'test-extension-id', url: 'https://news.example/b', tab: { id: 2, incognito: true } as never },
  { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' },
  { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' },
  {},
];

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

describe('fuzz: the background handlers', () => {
  test('3,000 random and malformed messages: no throw, each answered with a clear error, nothing fetched or stored', async () => {
    const r = random(20);
    const store = openMemoryStore();
    const fetched: string[] = [];
    const http = new Http({
      fetch: async (url) => {
        fetched.push(String(url));
        return new Response('{}', { status: 503 });
      },
    });
    await fakeBrowser.storage.local.set({ settings: DEFAULT_SETTINGS });
    const storageBefore = JSON.stringify(await fakeBrowser.storage.local.get(null));
    const listener = backgroundListener(backgroundHandlers(backgroundResources('9.9.9', async () => store, http)));
    const names = [
      ...Object.keys(toBackground),
      'lookupEverything',
      '',
      'x'.repeat(10_000),
      '__proto__',
      'constructor',
      'toString',
    ];
    let sent = 0;
    let ignored = 0;
    while (sent < 3000) {
      const name = r.pick(names);
      const sender = r.pick(SENDERS);
      const request = name in TEMPLATES && r.next() < 0.8 ? mutate(r, TEMPLATES[name]) : anyValue(r);
      const kind = r.int(20);
      // Now and then not our envelope at all (another extension's message): left alone, unanswered.
      const message =
        kind === 0 ? anyValue(r) : kind === 1 ? { sidenote: 2, name, request } : { sidenote: 1, name, request };
      const known = Object.hasOwn(toBackground, name);
      const valid =
        kind > 1 &&
        known &&
        toBackground[name as keyof typeof toBackground].request.safeParse(request).success &&
        (!EXTENSION_PAGES_ONLY.includes(name) || sender.url?.startsWith('chrome-extension://test-extension-id/'));
      if (valid) continue; // only bad messages here: a good one may rightly fetch and store
      let reply: unknown;
      try {
        reply = await listener(message, sender);
      } catch (error) {
        throw new Error(`message ${sent} threw: ${String(error)}`);
      }
      sent += 1;
      if (
        kind <= 1 &&
        !(typeof message === 'object' && message && (message as { sidenote?: unknown }).sidenote === 1)
      ) {
        expect(reply).toBeUndefined();
        ignored += 1;
        continue;
      }
      expect(reply, `message ${sent}`).toMatchObject({ ok: false, error: expect.any(String) });
      const error = (reply as { error: string }).error;
      expect(error.length).toBeLessThanOrEqual(300);
      expect(error).toMatch(/^(Invalid request for |Unknown message|\w+ is answered only to Sidenote's own pages)/);
    }
    expect(ignored).toBeGreaterThan(0);
    expect(fetched).toEqual([]);
    expect(await store.totals()).toEqual({ entries: 0, bytes: 0 });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toBe(storageBefore);
  }, 120_000);
});

/** A settings file as a careless or hostile hand might write it. */
function settingsFile(r: Rng): string {
  switch (r.int(6)) {
    case 0:
      return r.pick(['', '{', 'null', '[]', '42', '"settings"', 'enabled = false', '{"version": 3,}']);
    case 1:
      return JSON.stringify(anyValue(r)) ?? 'undefined';
    default: {
      const file = mutate(r, { ...DEFAULT_SETTINGS, factCheckApiKey: '' }) as Record<string, unknown>;
      return JSON.stringify(file) ?? 'undefined';
    }
  }
}

describe('fuzz: importing settings files', () => {
  test('500 random files: never a throw; each refused with a message naming what is wrong, or a valid result', () => {
    const r = random(7);
    let refused = 0;
    let slowest = 0;
    for (let i = 0; i < 500; i++) {
      const text = settingsFile(r);
      const began = performance.now();
      const result = validateImport(text);
      slowest = Math.max(slowest, performance.now() - began);
      if (result.ok) continue;
      refused += 1;
      expect(result.error, text.slice(0, 200)).toMatch(/^(Not imported|This file|The field|These settings)/);
    }
    expect(refused).toBeGreaterThan(300);
    // Large files are refused by size before this in the options page; even unbounded, none takes long.
    expect(slowest).toBeLessThan(5_000);
  }, 60_000);

  test('200 random files chosen in the options page: a refused one stores nothing, the key included', async () => {
    const KEY = `AIza${'f'.repeat(35)}`;
    await fakeBrowser.storage.local.set({ settings: DEFAULT_SETTINGS });
    await saveFactCheckSecret(KEY, DEFAULT_SETTINGS.endpoints.factCheck);
    const root = document.createElement('div');
    document.body.append(root);
    const flush = async () => {
      for (let i = 0; i < 3; i++) await act(() => new Promise((done) => setTimeout(done, 0)));
    };
    await act(() => render(<Options />, root));
    await flush();
    const r = random(11);
    let refused = 0;
    try {
      for (let i = 0; i < 200; i++) {
        const text = settingsFile(r);
        if (validateImport(text).ok) continue;
        const input = root.querySelector<HTMLInputElement>('input[name="import"]')!;
        Object.defineProperty(input, 'files', { value: [new File([text], 'f.json')], configurable: true });
        await act(() => {
          input.dispatchEvent(new Event('change', { bubbles: true }));
        });
        await flush();
        refused += 1;
        expect(root.querySelector('.sn-status')?.getAttribute('role')).toBe('alert');
        expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(DEFAULT_SETTINGS);
      }
      expect(await loadFactCheckSecret()).toEqual({ key: KEY, endpoint: DEFAULT_SETTINGS.endpoints.factCheck });
      expect(refused).toBeGreaterThan(100);
    } finally {
      render(null, root);
      root.remove();
    }
  }, 120_000);
});
