import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { moveLegacySecrets } from '../../lib/background/secrets';
import { loadTrustedSettings, trustedEndpoints } from '../../lib/background/trusted-settings';
import {
  approveEndpoints,
  factCheckKeyFor,
  loadApprovedEndpoints,
  loadFactCheckSecret,
  recordEndpointsIfNone,
  saveFactCheckSecret,
} from '../../lib/secrets/store';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { loadSettings, updateSettings } from '../../lib/settings/store';

const KEY = `AIza${'s'.repeat(35)}`;
const FACT_CHECK = DEFAULT_SETTINGS.endpoints.factCheck;
/** Settings as version 2 stored them: the key among them, where every content script reads it. */
const V2 = { ...DEFAULT_SETTINGS, version: 2, factCheckApiKey: KEY };
/** Everything a content script can read: the whole of `storage.local`. */
const readableByPages = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

describe('the Fact Check key stays out of what web pages can read', () => {
  test('settings no longer hold a key, and the defaults have no such field', () => {
    expect('factCheckApiKey' in DEFAULT_SETTINGS).toBe(false);
  });

  test('the background moves a key stored by v2 out of storage.local, bound to its address', async () => {
    await fakeBrowser.storage.local.set({ settings: V2 });
    expect(await moveLegacySecrets()).toBe(true);
    expect(await readableByPages()).not.toContain(KEY);
    expect(await loadFactCheckSecret()).toEqual({ key: KEY, endpoint: FACT_CHECK });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    // Done once: a second start has nothing to move.
    expect(await moveLegacySecrets()).toBe(false);
  });

  test('a key moved from a custom address is given only to that address', async () => {
    const mirror = 'https://factcheck.mirror.example';
    await fakeBrowser.storage.local.set({
      settings: { ...V2, endpoints: { ...DEFAULT_SETTINGS.endpoints, factCheck: mirror } },
    });
    await moveLegacySecrets();
    expect(await factCheckKeyFor(mirror)).toBe(KEY);
    expect(await factCheckKeyFor(FACT_CHECK)).toBe('');
    // Asked for by another address, the key is dropped, not kept for a later change back.
    expect(await factCheckKeyFor(mirror)).toBe('');
  });

  test('a page or the popup writing settings before the background moved the key does not lose it', async () => {
    await fakeBrowser.storage.local.set({ settings: V2 });
    await loadSettings(); // repairs v2 → v3 and writes back
    await updateSettings((s) => ({ ...s, hoverDelayMs: 900 }));
    await moveLegacySecrets();
    expect(await loadFactCheckSecret()).toEqual({ key: KEY, endpoint: FACT_CHECK });
    expect(await readableByPages()).not.toContain(KEY);
    expect((await loadSettings()).hoverDelayMs).toBe(900);
  });

  test('when the key cannot be stored apart, it stays where it was rather than being lost', async () => {
    await fakeBrowser.storage.local.set({ settings: V2 });
    await expect(
      moveLegacySecrets(async () => {
        throw new Error('IndexedDB refused');
      }),
    ).rejects.toThrow();
    expect(await readableByPages()).toContain(KEY);
  });

  test('only a key of the right shape, for an allowed address, is stored', async () => {
    await expect(saveFactCheckSecret('secret', FACT_CHECK)).rejects.toThrow();
    await expect(saveFactCheckSecret(KEY, 'http://collect.example')).rejects.toThrow();
    expect(await loadFactCheckSecret()).toBeNull();
    await saveFactCheckSecret(KEY, FACT_CHECK);
    await saveFactCheckSecret('', FACT_CHECK);
    expect(await loadFactCheckSecret()).toBeNull();
  });
});

describe('source addresses: only the reader moves lookups to another host', () => {
  const mirror = 'https://wiki.mirror.example';
  const stored = { ...DEFAULT_SETTINGS.endpoints, wikidata: mirror };

  test('an address written into storage.local, as a content script can, is not used; the default is', async () => {
    // The background's first start records what the reader had (the defaults), then a page writes.
    expect((await loadTrustedSettings()).endpoints).toEqual(DEFAULT_SETTINGS.endpoints);
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, endpoints: stored } });
    expect((await loadSettings()).endpoints.wikidata).toBe(mirror);
    expect((await loadTrustedSettings()).endpoints).toEqual(DEFAULT_SETTINGS.endpoints);
  });

  test('an address the reader sets on the options page is used', async () => {
    await loadTrustedSettings();
    await updateSettings((s) => ({ ...s, endpoints: stored }), approveEndpoints);
    expect(await loadApprovedEndpoints()).toMatchObject({ wikidata: mirror });
    expect((await loadTrustedSettings()).endpoints).toEqual(stored);
    // Changed again outside the options page: back to the default, not to the last approved.
    const other = 'https://elsewhere.example';
    await fakeBrowser.storage.local.set({
      settings: { ...DEFAULT_SETTINGS, endpoints: { ...stored, wikidata: other } },
    });
    expect((await loadTrustedSettings()).endpoints.wikidata).toBe(DEFAULT_SETTINGS.endpoints.wikidata);
  });

  test('the first read ever (an update from a version without the record) keeps the reader’s addresses', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, endpoints: stored } });
    expect((await loadTrustedSettings()).endpoints).toEqual(stored);
    expect(await loadApprovedEndpoints()).toEqual(stored);
  });

  test('when the record cannot be read, only the default addresses are used', async () => {
    const settings = { ...DEFAULT_SETTINGS, endpoints: stored };
    const trusted = await loadTrustedSettings({
      load: async () => settings,
      approved: () => Promise.reject(new Error('IndexedDB unavailable')),
      recordFirst: async () => undefined,
    });
    expect(trusted.endpoints).toEqual(DEFAULT_SETTINGS.endpoints);
  });

  test('the first record never overwrites addresses approved while it read the settings', async () => {
    // The options page (or a test) approves the mirror while the first start is reading settings
    // that still hold the defaults.
    const trusted = await loadTrustedSettings({
      load: async () => {
        await approveEndpoints({ wikidata: mirror });
        return DEFAULT_SETTINGS;
      },
      approved: loadApprovedEndpoints,
      recordFirst: recordEndpointsIfNone,
    });
    expect(trusted.endpoints).toEqual(DEFAULT_SETTINGS.endpoints);
    expect(await loadApprovedEndpoints()).toEqual({ wikidata: mirror });
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, endpoints: stored } });
    expect((await loadTrustedSettings()).endpoints).toEqual(stored);
  });

  test('a change that leaves the addresses alone (the popup’s switches) records nothing', async () => {
    const heard: unknown[] = [];
    await updateSettings(
      (s) => ({ ...s, enabled: !s.enabled }),
      async (c) => void heard.push(c),
    );
    expect(heard).toEqual([]);
    expect(trustedEndpoints(stored, {})).toEqual(DEFAULT_SETTINGS.endpoints);
    expect(trustedEndpoints(stored, { wikidata: mirror })).toEqual(stored);
  });
});
