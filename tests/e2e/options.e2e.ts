import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { ENGINES, launch, showDark, type TestBrowser, type TestPage } from './browsers';
import { factCheckSecret, plantSettings, readStoredSettings } from './extension';

const READY = 'main.sn-options:not([aria-busy])';
const GOOD_KEY = `AIza${'x1Y_-'.repeat(7)}`; // 39 characters, the shape of a Google API key

/** The text of the message under one field, or '' when it shows none. */
function messageFor(page: TestPage, field: string): Promise<string> {
  return page.evaluate(
    (name) => document.querySelector(`[data-field="${name}"] .sn-error`)?.textContent?.trim() ?? '',
    field,
  );
}

/** The status line under the import/export buttons, once it says something with `words` in it. */
function statusWith(page: TestPage, words: string): Promise<string> {
  return page.waitFor((w) => {
    const text = document.querySelector('.sn-status')?.textContent?.trim() ?? '';
    return text.includes(w) ? text : null;
  }, words) as Promise<string>;
}

describe.each(ENGINES)('options page in %s', (engine) => {
  let browser: TestBrowser;
  let files: string;
  let options: TestPage;

  beforeAll(async () => {
    browser = await launch(engine);
    files = await mkdtemp(join(tmpdir(), 'sidenote-settings-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });
  beforeEach(async () => {
    // Each test starts from the defaults, written by an extension page as any reader's would be.
    const blank = await browser.openExtensionPage('options.html');
    await blank.waitForSelector(READY);
    await plantSettings(blank, DEFAULT_SETTINGS);
    await factCheckSecret(blank, null);
    await blank.close();
    options = await browser.openExtensionPage('options.html');
    await options.waitForSelector(READY);
    await options.bringToFront();
  });
  afterEach(async () => {
    await options?.close().catch(() => {});
  });

  test('a malformed value planted in storage is repaired on the next start, keeping the good fields', async () => {
    await plantSettings(options, {
      version: 1,
      enabled: false,
      mode: 'sometimes',
      hoverDelayMs: 'soon',
      kinds: { entities: false, claims: 'yes' },
      language: 'de',
      endpoints: { wikipedia: 'http://127.0.0.1:9/{lang}', wikidata: 'ftp://example.org', factCheck: 42 },
      disabledSites: ['good.example', 'not a host!'],
      sites: 'everywhere',
    });
    await options.close();

    // The next extension page to start reads the settings, repairs them and writes them back.
    options = await browser.openExtensionPage('options.html');
    await options.waitForSelector(READY);
    const stored = await options.waitFor(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      const value = (await api.storage.local.get('settings')).settings as { mode?: string } | undefined;
      return value?.mode === 'articles' ? value : null;
    });
    expect(stored).toEqual({
      ...DEFAULT_SETTINGS,
      enabled: false,
      kinds: { entities: false, claims: true, source: true },
      language: 'de',
      endpoints: { ...DEFAULT_SETTINGS.endpoints, wikipedia: 'http://127.0.0.1:9/{lang}' },
      disabledSites: ['good.example'],
    });
    // And the page shows the repaired values.
    expect(
      await options.evaluate(() => document.querySelector<HTMLInputElement>('input[name="enabled"]')?.checked),
    ).toBe(false);
    expect(
      await options.evaluate(() => document.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')?.value),
    ).toBe('500');
  });

  test('a bad endpoint and a bad API key show their messages and are not saved; good ones are', async () => {
    await options.fill('input[name="endpoints.wikidata"]', 'http://example.com');
    await options.press('Tab');
    await options.waitFor(() => !!document.querySelector('[data-field="endpoints.wikidata"] .sn-error'));
    expect(await messageFor(options, 'endpoints.wikidata')).toBe(
      'Use an https:// address, or http:// on localhost or 127.0.0.1',
    );
    expect(
      await options.evaluate(() =>
        document.querySelector('input[name="endpoints.wikidata"]')?.getAttribute('aria-invalid'),
      ),
    ).toBe('true');

    await options.fill('input[name="factCheckApiKey"]', 'my-secret-key');
    await options.press('Tab');
    await options.waitFor(() => !!document.querySelector('[data-field="factCheckApiKey"] .sn-error'));
    expect(await messageFor(options, 'factCheckApiKey')).toBe(
      'A Fact Check Tools API key is 39 characters and starts with "AIza"',
    );

    await options.fill('input[name="hoverDelayMs"]', 'soon');
    await options.press('Tab');
    expect(await messageFor(options, 'hoverDelayMs')).toBe('Enter a whole number of milliseconds, like 500');

    await options.fill('input[name="sites-add"]', 'not a host!');
    await options.click('[data-field="sites"] button[type="submit"]');
    await options.waitFor(() => !!document.querySelector('[data-field="sites"] .sn-error'));
    expect(await messageFor(options, 'sites')).toBe('Enter a site as a host name, like example.com');
    await options.screenshot('options-validation');

    expect(await readStoredSettings(options)).toEqual(DEFAULT_SETTINGS);

    // Corrected values are saved as soon as the reader leaves the field.
    await options.fill('input[name="endpoints.wikidata"]', 'http://localhost:8080/');
    await options.press('Tab');
    await options.fill('input[name="factCheckApiKey"]', GOOD_KEY);
    await options.press('Tab');
    await options.fill('input[name="sites-add"]', 'https://www.news.example/world/story');
    await options.click('[data-field="sites"] button[type="submit"]');
    const stored = await options.waitFor(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      const value = (await api.storage.local.get('settings')).settings as { sites?: string[] } | undefined;
      return value?.sites?.length ? value : null;
    });
    expect(stored).toMatchObject({
      endpoints: { ...DEFAULT_SETTINGS.endpoints, wikidata: 'http://localhost:8080' },
      sites: ['news.example'],
    });
    // The key is kept where no content script can read it (not storage.local), for its one address.
    expect(
      await options.waitFor(async (k) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return JSON.stringify(await api.storage.local.get(null)).includes(k) ? 'in storage.local' : 'apart';
      }, GOOD_KEY),
    ).toBe('apart');
    expect(await factCheckSecret(options)).toEqual({ key: GOOD_KEY, endpoint: DEFAULT_SETTINGS.endpoints.factCheck });
    expect(await messageFor(options, 'endpoints.wikidata')).toBe('');
    expect(await messageFor(options, 'factCheckApiKey')).toBe('');
  });

  test('a settings file with a bad field is refused with a message naming it, and nothing changes', async () => {
    const chosen = { ...DEFAULT_SETTINGS, hoverDelayMs: 750, disabledSites: ['quiet.example'] };
    await plantSettings(options, chosen);
    const file = join(files, `bad-${engine}.json`);
    await writeFile(
      file,
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        enabled: false,
        hoverDelayMs: 100,
        endpoints: { ...DEFAULT_SETTINGS.endpoints, factCheck: 'http://attacker.example' },
      }),
    );
    await options.uploadFile('input[name="import"]', file);
    const message = await statusWith(options, 'Not imported');
    expect(message).toContain('"endpoints.factCheck"');
    expect(message).toContain('Nothing was changed');
    expect(await options.evaluate(() => document.querySelector('.sn-status')?.getAttribute('role'))).toBe('alert');
    expect(await readStoredSettings(options)).toEqual(chosen);
    await options.screenshot('options-import-refused');

    // Not JSON at all: refused the same way.
    const junk = join(files, `junk-${engine}.json`);
    await writeFile(junk, 'enabled = false');
    await options.uploadFile('input[name="import"]', junk);
    expect(await statusWith(options, 'not JSON')).toContain('Export settings');
    expect(await readStoredSettings(options)).toEqual(chosen);
  });

  test('export gives a file that imports back, and reset restores the defaults', async () => {
    await options.fill('input[name="hoverDelayMs"]', '800');
    await options.press('Tab');
    await options.click('input[name="mode"][value="sites"]');
    await options.fill('input[name="disabledSites-add"]', 'Noisy.Example');
    await options.click('[data-field="disabledSites"] button[type="submit"]');
    await options.click('input[name="claims"]');
    const changed = await options.waitFor(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      const value = (await api.storage.local.get('settings')).settings as typeof DEFAULT_SETTINGS | undefined;
      return value && value.hoverDelayMs === 800 && value.disabledSites.length && !value.kinds.claims ? value : null;
    });
    expect(changed).toMatchObject({ mode: 'sites', disabledSites: ['noisy.example'] });

    // Catch the download: keep the blob the page hands to <a download>, and stop the save dialog.
    await options.evaluate(() => {
      const w = window as unknown as { sidenoteExports: { name: string; blob: Blob }[] };
      w.sidenoteExports = [];
      const blobs = new Map<string, Blob>();
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        const url = create(blob);
        if (blob instanceof Blob) blobs.set(url, blob);
        return url;
      };
      document.addEventListener(
        'click',
        (event) => {
          const link = event.target as HTMLAnchorElement;
          if (link.tagName !== 'A' || !link.download) return;
          event.preventDefault();
          const blob = blobs.get(link.href);
          if (blob) w.sidenoteExports.push({ name: link.download, blob });
        },
        true,
      );
    });
    await options.click('button[name="export"]');
    const exported = await options.waitFor(async () => {
      const w = window as unknown as { sidenoteExports: { name: string; blob: Blob }[] };
      const first = w.sidenoteExports[0];
      return first ? { name: first.name, text: await first.blob.text(), type: first.blob.type } : null;
    });
    if (!exported) throw new Error('no export');
    expect(exported.name).toMatch(/^sidenote-settings-\d{4}-\d{2}-\d{2}\.json$/);
    expect(exported.type).toBe('application/json');
    expect(JSON.parse(exported.text)).toEqual({ ...changed, factCheckApiKey: '' });

    await options.click('button[name="reset"]');
    await options.click('button[name="reset-confirm"]');
    await statusWith(options, 'defaults');
    expect(await readStoredSettings(options)).toEqual(DEFAULT_SETTINGS);
    expect(
      await options.evaluate(() => document.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')?.value),
    ).toBe('500');

    const file = join(files, `export-${engine}.json`);
    await writeFile(file, exported.text);
    await options.uploadFile('input[name="import"]', file);
    expect(await statusWith(options, 'Imported')).toBe(`Imported the settings from export-${engine}.json.`);
    expect(await readStoredSettings(options)).toEqual(changed);
    expect(
      await options.evaluate(() => document.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')?.value),
    ).toBe('800');
    expect(
      await options.evaluate(
        () => document.querySelector<HTMLInputElement>('input[name="mode"][value="sites"]')?.checked,
      ),
    ).toBe(true);
  });

  test('a file that changes where names are sent asks first; the key is not kept for the new address', async () => {
    await factCheckSecret(options, { key: GOOD_KEY, endpoint: DEFAULT_SETTINGS.endpoints.factCheck });
    await options.close();
    options = await browser.openExtensionPage('options.html');
    await options.waitForSelector(READY);
    await options.waitFor(
      (k) => document.querySelector<HTMLInputElement>('input[name="factCheckApiKey"]')?.value === k,
      GOOD_KEY,
    );
    const file = join(files, `moved-${engine}.json`);
    const moved = {
      ...DEFAULT_SETTINGS,
      endpoints: { ...DEFAULT_SETTINGS.endpoints, factCheck: 'https://collect.example' },
    };
    await writeFile(file, JSON.stringify(moved));
    await options.uploadFile('input[name="import"]', file);
    await options.waitForSelector('[data-confirm="import"]');
    expect(
      await options.evaluate(() => document.querySelector('[data-confirm="import"]')?.textContent ?? ''),
    ).toContain('https://collect.example');
    // Nothing is saved until the reader agrees.
    expect(await readStoredSettings(options)).toEqual(DEFAULT_SETTINGS);
    await options.screenshot('options-import-asks');
    await options.click('button[name="import-confirm"]');
    expect(await statusWith(options, 'Imported')).toBe(`Imported the settings from moved-${engine}.json.`);
    expect(await readStoredSettings(options)).toEqual(moved);
    expect(await factCheckSecret(options)).toBeNull();
  });

  test('screenshots of the options page, light and dark', async () => {
    await options.setViewport(860, 1900);
    for (const dark of [false, true]) {
      await showDark(options, dark);
      const colours = await options.waitFor((wantDark) => {
        const bg = getComputedStyle(document.body).backgroundColor;
        return (bg === 'rgb(27, 31, 36)') === wantDark ? bg : null;
      }, dark);
      expect(colours).toBe(dark ? 'rgb(27, 31, 36)' : 'rgb(255, 255, 255)');
      // Let the switches' colour transitions finish, so the picture shows the settled theme.
      await options.waitFor(() => document.getAnimations().length === 0);
      await options.screenshot(`options-${dark ? 'dark' : 'light'}`);
    }
  });
});
