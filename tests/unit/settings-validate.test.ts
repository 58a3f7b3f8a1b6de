import { describe, expect, test } from 'vitest';
import { apiKeySchema, DEFAULT_SETTINGS, endpointSchema, languageSchema } from '../../lib/settings/schema';
import {
  exportFileName,
  exportText,
  fieldError,
  hoverDelaySchema,
  parseSite,
  validateImport,
} from '../../lib/settings/validate';

const KEY = `AIza${'a1B2_-c3D4e'.repeat(3)}56`; // 39 characters

describe('validation messages on the options page', () => {
  test('an address that is neither https nor loopback gets the endpoint message', () => {
    const message = 'Use an https:// address, or http:// on localhost or 127.0.0.1';
    for (const bad of ['http://example.com', 'ftp://127.0.0.1', 'wikidata.org', 'https://user:pw@example.org', '']) {
      expect(fieldError(endpointSchema, bad)).toBe(message);
    }
    for (const good of [
      'https://www.wikidata.org',
      'http://localhost:8080',
      'http://127.0.0.1:9/w',
      'http://[::1]:3000',
    ]) {
      expect(fieldError(endpointSchema, good)).toBeNull();
    }
  });

  test('an API key of the wrong shape gets the key message; empty means none and is fine', () => {
    const message = 'A Fact Check Tools API key is 39 characters and starts with "AIza"';
    expect(fieldError(apiKeySchema, 'my-key')).toBe(message);
    expect(fieldError(apiKeySchema, `${KEY}x`)).toBe(message);
    expect(fieldError(apiKeySchema, KEY.replace('AIza', 'BIza'))).toBe(message);
    expect(fieldError(apiKeySchema, `${KEY.slice(0, 20)} ${KEY.slice(21)}`)).toBe(message);
    expect(fieldError(apiKeySchema, KEY)).toBeNull();
    expect(fieldError(apiKeySchema, ` ${KEY} `)).toBeNull();
    expect(fieldError(apiKeySchema, '')).toBeNull();
  });

  test('the hover delay must be whole milliseconds from 0 to 5000', () => {
    expect(fieldError(hoverDelaySchema, 'soon')).toBe('Enter a whole number of milliseconds, like 500');
    expect(fieldError(hoverDelaySchema, '')).toBe('Enter a whole number of milliseconds, like 500');
    expect(fieldError(hoverDelaySchema, '1.5')).toBe('Enter a whole number of milliseconds, like 500');
    expect(fieldError(hoverDelaySchema, '-1')).toBe('The delay cannot be negative');
    expect(fieldError(hoverDelaySchema, '5001')).toBe('At most 5000 ms (5 seconds)');
    expect(fieldError(hoverDelaySchema, ' 0 ')).toBeNull();
    expect(fieldError(hoverDelaySchema, '5000')).toBeNull();
  });

  test('a language must be a Wikipedia language code', () => {
    expect(fieldError(languageSchema, 'English')).toBe('A Wikipedia language code, like en or de');
    expect(fieldError(languageSchema, 'pt-br')).toBeNull();
  });

  test('sites are taken from host names and pasted addresses; bad host names get a message', () => {
    expect(parseSite('Example.COM')).toEqual({ ok: true, host: 'example.com' });
    expect(parseSite('https://www.news.example/world/2021?x=1')).toEqual({ ok: true, host: 'news.example' });
    expect(parseSite('blog.example.org/about')).toEqual({ ok: true, host: 'blog.example.org' });
    expect(parseSite('not a host!')).toEqual({ ok: false, error: 'Enter a site as a host name, like example.com' });
    expect(parseSite('exa_mple.com')).toEqual({ ok: false, error: 'Enter a site as a host name, like example.com' });
    expect(parseSite('   ')).toEqual({ ok: false, error: 'Enter a site, like example.com' });
    expect(parseSite('file:///etc/passwd')).toEqual({
      ok: false,
      error: 'Only web sites (http or https) can be listed',
    });
  });
});

describe('importing a settings file', () => {
  test('an exported file imports back to the same settings', () => {
    const chosen = {
      ...DEFAULT_SETTINGS,
      enabled: false,
      mode: 'sites' as const,
      sites: ['news.example'],
      hoverDelayMs: 250,
      endpoints: { ...DEFAULT_SETTINGS.endpoints, wikidata: 'http://localhost:9000' },
    };
    // The key travels in the file (the options page is an extension page), apart from the settings.
    expect(validateImport(exportText(chosen, KEY))).toEqual({ ok: true, settings: chosen, factCheckApiKey: KEY });
    expect(exportFileName(new Date('2026-03-04T10:00:00Z'))).toBe('sidenote-settings-2026-03-04.json');
  });

  test('a file with a bad field is refused, naming the field', () => {
    const bad = (patch: object) => validateImport(JSON.stringify({ ...DEFAULT_SETTINGS, ...patch }));
    expect(bad({ endpoints: { ...DEFAULT_SETTINGS.endpoints, factCheck: 'http://attacker.example' } })).toEqual({
      ok: false,
      error:
        'Not imported: the field "endpoints.factCheck" is not valid (Use an https:// address, or http:// on localhost or 127.0.0.1). Nothing was changed.',
    });
    expect(bad({ factCheckApiKey: 'secret' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"factCheckApiKey"'),
    });
    expect(bad({ hoverDelayMs: 'fast' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"hoverDelayMs"'),
    });
    expect(bad({ sites: ['ok.example', 'bad host'] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"sites[1]"'),
    });
    expect(bad({ kinds: { claims: 'yes' } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"kinds.claims"'),
    });
    expect(bad({ mode: 'always' })).toMatchObject({ ok: false, error: expect.stringContaining('"mode"') });
    expect(bad({ version: 'one' })).toEqual({ ok: false, error: 'The field "version" must be a whole number.' });
  });

  test('files that are not settings are refused with a clear message', () => {
    expect(validateImport('enabled = false')).toEqual({
      ok: false,
      error: 'This file is not JSON: choose a file saved with "Export settings".',
    });
    for (const text of ['[1,2]', '"on"', 'null', '42']) {
      expect(validateImport(text)).toEqual({ ok: false, error: 'This file does not hold Sidenote settings.' });
    }
    expect(validateImport(JSON.stringify({ ...DEFAULT_SETTINGS, version: 99 }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('newer Sidenote'),
    });
  });

  test('a partial file fills the rest with defaults; an older file is migrated first', () => {
    expect(validateImport('{"version":1,"hoverDelayMs":900}')).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, hoverDelayMs: 900 },
    });
    expect(validateImport('{"kinds":{"claims":false}}')).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, kinds: { entities: true, claims: false, source: true } },
    });
    // Version 0: flat switches and the delay in seconds.
    expect(validateImport('{"showSource":false,"delay":0.3}')).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, kinds: { entities: true, claims: true, source: false }, hoverDelayMs: 300 },
    });
  });
});
