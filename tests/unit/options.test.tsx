// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Options } from '../../lib/options/options';
import { loadFactCheckSecret, saveFactCheckSecret } from '../../lib/secrets/store';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import { addRoot, flush, removeRoot, showView, storedSettings as stored } from './helpers/view';

let root: HTMLElement;
const KEY = `AIza${'k'.repeat(35)}`;
const field = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const messageFor = (name: string) => root.querySelector(`[data-field="${name}"] .sn-error`)?.textContent ?? '';
const statusLine = () => root.querySelector('.sn-status')?.textContent ?? '';

/** Types a value into a field and leaves it, as a reader would. */
async function enter(name: string, value: string) {
  const input = field(name);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

/** Chooses a file in the import input. */
async function choose(text: string, name = 'settings.json') {
  const input = field('import');
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

const show = (settings: Settings = DEFAULT_SETTINGS) => showView(<Options />, root, settings);

beforeEach(() => {
  fakeBrowser.reset();
  // A fresh extension IndexedDB (where the key lives) for every test.
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.commands.getAll = async () => [{ name: 'toggle-annotations', shortcut: 'Alt+Shift+S' }];
  root = addRoot();
});
afterEach(() => removeRoot(root));

describe('the options page', () => {
  test('shows every setting of the schema', async () => {
    await show();
    for (const name of [
      'enabled',
      'mode',
      'sites-add',
      'disabledSites-add',
      'entities',
      'claims',
      'source',
      'wholePage',
      'hoverDelayMs',
      'language',
      'factCheckApiKey',
      'endpoints.wikipedia',
      'endpoints.wikidata',
      'endpoints.factCheck',
      'import',
      'lines-claims',
      'lines-names',
    ]) {
      expect(field(name), name).not.toBeNull();
    }
    expect(root.querySelectorAll('input[name="mode"]')).toHaveLength(3);
    expect(root.textContent).toContain('console.cloud.google.com');
  });

  test('"Claims to underline" and "Names" are stored, each choice named by its label and described by its hint', async () => {
    await show();
    const radio = (name: string, value: string) =>
      root.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;
    const key = radio('lines-claims', 'key');
    expect(key.checked).toBe(true);
    expect(document.getElementById(key.getAttribute('aria-labelledby')!)?.textContent).toBe('The key ones');
    expect(document.getElementById(key.getAttribute('aria-describedby')!)?.textContent).toContain('worth checking');
    const claims = field('claims');
    expect(document.getElementById(claims.getAttribute('aria-labelledby')!)?.textContent).toBe('Claims');
    await act(() => radio('lines-names', 'every').click());
    await flush();
    expect((await stored()).lines).toEqual({ claims: 'key', names: 'every' });
  });

  test('says where the context comes from, under which terms, and links only https', async () => {
    await show();
    const about = root.querySelector('section[aria-labelledby="sn-about"]')!;
    expect(about.textContent).toContain('never the page’s address');
    for (const words of ['Wikipedia', 'CC BY-SA 4.0', 'Wikidata', 'CC0', 'Open Database License 1.0', 'GeoNames'])
      expect(about.textContent, words).toContain(words);
    const links = Array.from(about.querySelectorAll('a'));
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const a of links) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.getAttribute('rel')).toContain('noopener');
    }
  });

  test('a bad endpoint shows its message and is not saved; a good one is saved', async () => {
    await show();
    await enter('endpoints.wikidata', 'http://example.com');
    expect(messageFor('endpoints.wikidata')).toBe('Use an https:// address, or http:// on localhost or 127.0.0.1');
    expect(field('endpoints.wikidata').getAttribute('aria-invalid')).toBe('true');
    expect(field('endpoints.wikidata').getAttribute('aria-describedby')).toContain('-error');
    expect(await stored()).toEqual(DEFAULT_SETTINGS);

    await enter('endpoints.wikidata', 'http://127.0.0.1:8080/');
    expect(messageFor('endpoints.wikidata')).toBe('');
    expect((await stored()).endpoints.wikidata).toBe('http://127.0.0.1:8080');
  });

  test('an API key of the wrong shape shows its message and is not saved', async () => {
    await show();
    await enter('factCheckApiKey', 'AIza-too-short');
    expect(messageFor('factCheckApiKey')).toBe('A Fact Check Tools API key is 39 characters and starts with "AIza"');
    expect(await loadFactCheckSecret()).toBeNull();
  });

  test('a good key is kept out of storage.local (which content scripts read), for the Fact Check address', async () => {
    await show();
    await enter('factCheckApiKey', KEY);
    expect(await loadFactCheckSecret()).toEqual({ key: KEY, endpoint: DEFAULT_SETTINGS.endpoints.factCheck });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(KEY);
    expect(field('factCheckApiKey').value).toBe(KEY);
  });

  test('changing the Fact Check address drops the key, and says so', async () => {
    await saveFactCheckSecret(KEY, DEFAULT_SETTINGS.endpoints.factCheck);
    await show();
    expect(field('factCheckApiKey').value).toBe(KEY);
    await enter('endpoints.factCheck', 'https://factcheck.mirror.example');
    expect((await stored()).endpoints.factCheck).toBe('https://factcheck.mirror.example');
    expect(await loadFactCheckSecret()).toBeNull();
    expect(field('factCheckApiKey').value).toBe('');
    expect(statusLine()).toContain('The Fact Check Tools key was removed');
  });

  test('a file that changes a source address asks first; cancelled, nothing changes', async () => {
    await saveFactCheckSecret(KEY, DEFAULT_SETTINGS.endpoints.factCheck);
    await show();
    const hostile = {
      ...DEFAULT_SETTINGS,
      endpoints: { ...DEFAULT_SETTINGS.endpoints, factCheck: 'https://collect.example' },
    };
    await choose(JSON.stringify(hostile), 'shared.json');
    expect(await stored()).toEqual(DEFAULT_SETTINGS);
    const confirm = root.querySelector('[data-confirm="import"]');
    expect(confirm?.textContent).toContain(
      'Fact Check Tools: https://factchecktools.googleapis.com → https://collect.example',
    );
    expect(confirm?.textContent).toContain('Your Fact Check Tools key is removed.');
    await act(() => root.querySelector<HTMLButtonElement>('button[name="import-cancel"]')!.click());
    await flush();
    expect(statusLine()).toBe('Not imported: shared.json. Nothing was changed.');
    expect(await stored()).toEqual(DEFAULT_SETTINGS);
    expect(await loadFactCheckSecret()).toEqual({ key: KEY, endpoint: DEFAULT_SETTINGS.endpoints.factCheck });
  });

  test('confirmed, the new address is used and the old key is not kept for it', async () => {
    await saveFactCheckSecret(KEY, DEFAULT_SETTINGS.endpoints.factCheck);
    await show();
    const other = {
      ...DEFAULT_SETTINGS,
      endpoints: { ...DEFAULT_SETTINGS.endpoints, factCheck: 'https://collect.example' },
    };
    await choose(JSON.stringify(other), 'shared.json');
    await act(() => root.querySelector<HTMLButtonElement>('button[name="import-confirm"]')!.click());
    await flush();
    expect(statusLine()).toBe('Imported the settings from shared.json.');
    expect((await stored()).endpoints.factCheck).toBe('https://collect.example');
    expect(await loadFactCheckSecret()).toBeNull();
  });

  test('export carries the key; the same file imports back without a question', async () => {
    await saveFactCheckSecret(KEY, DEFAULT_SETTINGS.endpoints.factCheck);
    await show({ ...DEFAULT_SETTINGS, hoverDelayMs: 700 });
    let saved = '';
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => {
      void (blob as Blob).text().then((t) => {
        saved = t;
      });
      return 'blob:x';
    };
    try {
      await act(() => root.querySelector<HTMLButtonElement>('button[name="export"]')!.click());
      await flush();
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    expect(JSON.parse(saved)).toMatchObject({ hoverDelayMs: 700, factCheckApiKey: KEY });
    await saveFactCheckSecret('', DEFAULT_SETTINGS.endpoints.factCheck);
    await choose(saved);
    expect(root.querySelector('[data-confirm="import"]')).toBeNull();
    expect(await loadFactCheckSecret()).toEqual({ key: KEY, endpoint: DEFAULT_SETTINGS.endpoints.factCheck });
  });

  test('sites are added and removed; a bad host name gets a message', async () => {
    await show({ ...DEFAULT_SETTINGS, disabledSites: ['quiet.example'] });
    await enter('disabledSites-add', 'bad host');
    await act(() =>
      root.querySelector<HTMLButtonElement>('[data-field="disabledSites"] button[type="submit"]')!.click(),
    );
    await flush();
    expect(messageFor('disabledSites')).toBe('Enter a site as a host name, like example.com');
    expect((await stored()).disabledSites).toEqual(['quiet.example']);

    await enter('disabledSites-add', 'https://www.Loud.example/page');
    await act(() =>
      root.querySelector<HTMLButtonElement>('[data-field="disabledSites"] button[type="submit"]')!.click(),
    );
    await flush();
    expect((await stored()).disabledSites).toEqual(['quiet.example', 'loud.example']);

    await act(() => root.querySelector<HTMLButtonElement>('button[aria-label="Remove quiet.example"]')!.click());
    await flush();
    expect((await stored()).disabledSites).toEqual(['loud.example']);
  });

  test('a settings file with a bad field is refused with a message, and nothing changes', async () => {
    const chosen = { ...DEFAULT_SETTINGS, hoverDelayMs: 900 };
    await show(chosen);
    await choose(JSON.stringify({ ...DEFAULT_SETTINGS, enabled: false, language: 'English' }));
    expect(statusLine()).toContain('"language"');
    expect(root.querySelector('.sn-status')?.getAttribute('role')).toBe('alert');
    expect(await stored()).toEqual(chosen);
  });

  test('a good file is imported and shown', async () => {
    await show();
    await choose(JSON.stringify({ ...DEFAULT_SETTINGS, hoverDelayMs: 1200, wholePage: true }), 'mine.json');
    expect(statusLine()).toBe('Imported the settings from mine.json.');
    expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 1200, wholePage: true });
    expect(field('hoverDelayMs').value).toBe('1200');
    expect(field('wholePage').checked).toBe(true);
  });

  test('in click mode the page names the keyboard shortcut', async () => {
    await show({ ...DEFAULT_SETTINGS, mode: 'click' });
    expect(root.textContent).toContain('Keyboard shortcut: Alt+Shift+S.');
  });

  test('reset asks once more, then restores the defaults', async () => {
    await show({ ...DEFAULT_SETTINGS, enabled: false, mode: 'click', language: 'fr' });
    await act(() => root.querySelector<HTMLButtonElement>('button[name="reset"]')!.click());
    expect((await stored()).language).toBe('fr');
    await act(() => root.querySelector<HTMLButtonElement>('button[name="reset-confirm"]')!.click());
    await flush();
    expect(await stored()).toEqual(DEFAULT_SETTINGS);
    expect(field('language').value).toBe('en');
    expect(statusLine()).toBe('All settings are back to their defaults.');
  });
});
