import { describe, expect, test } from 'vitest';
import { migrateSettings } from '../../lib/settings/migrate';
import { DEFAULT_SETTINGS, isAllowedEndpoint } from '../../lib/settings/schema';
import { hostMatches, runsOn } from '../../lib/settings/store';

describe('settings migration and repair', () => {
  test('nothing stored gives the defaults', () => {
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

  test('version 0 (no version, flat switches, delay in seconds) migrates to version 1', () => {
    const { settings } = migrateSettings({
      enabled: true,
      showClaims: false,
      delay: 0.8,
      disabledSites: ['example.com'],
    });
    expect(settings.version).toBe(1);
    expect(settings.kinds).toEqual({ entities: true, claims: false, source: true });
    expect(settings.hoverDelayMs).toBe(800);
    expect(settings.disabledSites).toEqual(['example.com']);
    expect(settings).not.toHaveProperty('showClaims');
  });

  test('a list with one bad host keeps the list valid', () => {
    const { settings } = migrateSettings({ ...DEFAULT_SETTINGS, sites: ['ok.example', 'not a host!'] });
    expect(settings.sites).toEqual([]);
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
