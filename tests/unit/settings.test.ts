import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { migrateSettings, upgradeSettings } from '../../lib/settings/migrate';
import { DEFAULT_SETTINGS, isAllowedEndpoint, SETTINGS_VERSION, settingsSchema } from '../../lib/settings/schema';
import {
  hostMatches,
  loadSettings,
  runsOn,
  saveSettings,
  updateSettings,
  watchSettings,
} from '../../lib/settings/store';

describe('settings migration and repair', () => {
  test('nothing stored gives the defaults, which the schema accepts, as a copy of their own', () => {
    expect(migrateSettings(undefined).settings).toEqual(DEFAULT_SETTINGS);
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
    const first = migrateSettings(undefined).settings;
    first.kinds.claims = false;
    first.sites.push('example.com');
    expect(migrateSettings(undefined).settings).toEqual(DEFAULT_SETTINGS);
  });

  test('a valid value is kept as it is and not rewritten', () => {
    const stored = { ...DEFAULT_SETTINGS, hoverDelayMs: 800 };
    expect(migrateSettings(stored)).toEqual({ settings: stored, repaired: false });
  });

  test('a bad field falls back to its default and the others are kept', () => {
    const stored = { ...DEFAULT_SETTINGS, enabled: false, hoverDelayMs: 'soon', kinds: { entities: false, claims: 7 } };
    const { settings, repaired } = migrateSettings(stored);
    expect(repaired).toBe(true);
    expect(settings.enabled).toBe(false);
    expect(settings.hoverDelayMs).toBe(500);
    expect(settings.kinds).toEqual({ entities: false, claims: true, source: true });
  });

  test('a malformed endpoint is repaired alone', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      endpoints: { ...DEFAULT_SETTINGS.endpoints, wikidata: 'ftp://evil', factCheck: 'http://127.0.0.1:9000' },
    };
    const { settings } = migrateSettings(stored);
    expect(settings.endpoints.wikidata).toBe('https://www.wikidata.org');
    expect(settings.endpoints.factCheck).toBe('http://127.0.0.1:9000');
  });

  test('a value that is not an object at all gives the defaults', () => {
    for (const junk of [null, 42, 'on', [1, 2]]) expect(migrateSettings(junk).settings).toEqual(DEFAULT_SETTINGS);
  });

  test('version 0 (no version, flat switches, delay in seconds) migrates through version 1', () => {
    const { settings } = migrateSettings({
      enabled: true,
      showClaims: false,
      delay: 0.8,
      disabledSites: ['example.com'],
    });
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.kinds).toEqual({ entities: true, claims: false, source: true });
    expect(settings.hoverDelayMs).toBe(800);
    expect(settings.disabledSites).toEqual(['example.com']);
    expect(settings).not.toHaveProperty('showClaims');
  });

  test('version 1 migrates through version 2: every field kept, lines default to key claims and first mentions', () => {
    const { lines: _lines, ...v2 } = DEFAULT_SETTINGS;
    const v1 = {
      ...v2,
      version: 1,
      enabled: false,
      kinds: { entities: true, claims: false, source: true },
      hoverDelayMs: 900,
      sites: ['news.example'],
    };
    const { settings, repaired } = migrateSettings(v1);
    expect(repaired).toBe(true);
    expect(settings).toEqual({ ...v1, version: SETTINGS_VERSION, lines: { claims: 'key', names: 'first' } });
  });

  test('version 2 migrates to version 3 without the Fact Check key (moved apart by the background)', () => {
    const v2 = { ...DEFAULT_SETTINGS, version: 2, hoverDelayMs: 800, factCheckApiKey: `AIza${'x'.repeat(35)}` };
    const { settings } = migrateSettings(v2);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 800 });
    expect(settings).not.toHaveProperty('factCheckApiKey');
  });

  test("version 2 keeps the reader's choice of lines; a broken one falls back to the default alone", () => {
    const chosen = { ...DEFAULT_SETTINGS, lines: { claims: 'all', names: 'every' } };
    expect(migrateSettings(chosen)).toEqual({ settings: chosen, repaired: false });
    const broken = migrateSettings({
      ...DEFAULT_SETTINGS,
      hoverDelayMs: 700,
      lines: { claims: 'most', names: 'every' },
    });
    expect(broken.settings.lines).toEqual({ claims: 'key', names: 'every' });
    expect(broken.settings.hoverDelayMs).toBe(700);
  });

  test('a list with one bad host keeps its good hosts', () => {
    const { settings, repaired } = migrateSettings({
      ...DEFAULT_SETTINGS,
      sites: ['ok.example', 'not a host!', 42, 'News.Example'],
    });
    expect(repaired).toBe(true);
    expect(settings.sites).toEqual(['ok.example', 'news.example']);
  });

  test('a list that is not a list falls back to empty', () => {
    expect(migrateSettings({ ...DEFAULT_SETTINGS, disabledSites: 'example.com' }).settings.disabledSites).toEqual([]);
  });

  test('version 0 with nested kinds already present keeps them and drops the flat switches', () => {
    const { settings } = migrateSettings({
      kinds: { entities: false, claims: true, source: false },
      showClaims: false,
    });
    expect(settings.kinds).toEqual({ entities: false, claims: true, source: false });
    expect(settings).not.toHaveProperty('showClaims');
  });

  test('version 0 with a bad delay keeps the default delay and the other fields', () => {
    const { settings } = migrateSettings({ delay: 'slow', enabled: false, language: 'fr' });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, enabled: false, language: 'fr' });
  });

  test('a value from a newer version keeps every field that still fits', () => {
    const { settings, repaired } = migrateSettings({
      ...DEFAULT_SETTINGS,
      version: 7,
      hoverDelayMs: 900,
      mode: 'someday',
      futureField: true,
    });
    expect(repaired).toBe(true);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 900 });
  });

  test('each migration step runs once, in order, up to the current version', () => {
    expect(upgradeSettings({ showEntities: false })).toEqual({
      version: SETTINGS_VERSION,
      kinds: { entities: false, claims: true, source: true },
      lines: { claims: 'key', names: 'first' },
    });
    expect(upgradeSettings({ version: -3, delay: 1 })).toEqual({
      version: SETTINGS_VERSION,
      kinds: expect.any(Object),
      lines: expect.any(Object),
      hoverDelayMs: 1000,
    });
    expect(upgradeSettings({ version: SETTINGS_VERSION + 1 })).toBeNull();
  });
});

describe('where Sidenote runs', () => {
  test('endpoints must be https, or http on loopback', () => {
    expect(isAllowedEndpoint('https://{lang}.wikipedia.org')).toBe(true);
    expect(isAllowedEndpoint('http://localhost:8080')).toBe(true);
    expect(isAllowedEndpoint('http://example.com')).toBe(false);
    expect(isAllowedEndpoint('javascript:alert(1)')).toBe(false);
  });

  test('site rules match the host and its subdomains only', () => {
    expect(hostMatches('news.example.com', 'example.com')).toBe(true);
    expect(hostMatches('example.com', 'www.example.com')).toBe(true);
    expect(hostMatches('badexample.com', 'example.com')).toBe(false);
  });

  test('modes, the global switch and disabled sites decide', () => {
    expect(runsOn(DEFAULT_SETTINGS, 'example.com')).toBe(true);
    expect(runsOn({ ...DEFAULT_SETTINGS, enabled: false }, 'example.com')).toBe(false);
    expect(runsOn({ ...DEFAULT_SETTINGS, disabledSites: ['example.com'] }, 'a.example.com')).toBe(false);
    expect(runsOn({ ...DEFAULT_SETTINGS, mode: 'sites', sites: ['example.org'] }, 'example.com')).toBe(false);
    expect(runsOn({ ...DEFAULT_SETTINGS, mode: 'sites', sites: ['example.org'] }, 'example.org')).toBe(true);
    expect(runsOn({ ...DEFAULT_SETTINGS, mode: 'click' }, 'example.com')).toBe(false);
  });
});

describe('settings in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  test('loading writes the repaired value back, so the bad one does not outlive the start', async () => {
    await fakeBrowser.storage.local.set({ settings: { version: 1, enabled: false, hoverDelayMs: -5, language: 'de' } });
    const loaded = await loadSettings();
    expect(loaded).toEqual({ ...DEFAULT_SETTINGS, enabled: false, language: 'de' });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(loaded);
  });

  test('loading valid settings does not write them again', async () => {
    const stored = { ...DEFAULT_SETTINGS, mode: 'click' as const };
    await fakeBrowser.storage.local.set({ settings: stored });
    const writes: unknown[] = [];
    fakeBrowser.storage.onChanged.addListener((changes) => writes.push(changes));
    expect(await loadSettings()).toEqual(stored);
    expect(writes).toEqual([]);
  });

  test('an update that would store a bad value is refused and nothing changes', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, hoverDelayMs: 700 });
    await expect(
      updateSettings((s) => ({ ...s, endpoints: { ...s.endpoints, wikidata: 'http://example.com' } })),
    ).rejects.toThrow();
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({
      ...DEFAULT_SETTINGS,
      hoverDelayMs: 700,
    });
  });

  test('watchers get repaired settings when something writes a bad value directly', async () => {
    const seen: unknown[] = [];
    const stop = watchSettings((s) => seen.push(s));
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, kinds: { claims: false } } });
    stop();
    await fakeBrowser.storage.local.set({ settings: DEFAULT_SETTINGS });
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, kinds: { entities: true, claims: false, source: true } }]);
  });
});
