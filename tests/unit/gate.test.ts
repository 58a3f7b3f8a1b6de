// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { type GateApi, gateSettings, isCandidate, type PageStart, startGate } from '../../lib/page/gate';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';

const ARTICLE = `<html><head><meta property="og:type" content="article"></head><body><article>
<h1>Floods close the river road</h1><p>${'The river rose overnight and closed the road to the north. '.repeat(6)}</p>
</article></body></html>`;
const SIGN_IN = `<html><body><main><h1>Sign in</h1><form><input name="email"><input type="password"></form>
<p>Never share your password with anyone.</p></main></body></html>`;

type Listener = Parameters<GateApi['runtime']['onMessage']['addListener']>[0];
type StorageListener = Parameters<GateApi['storage']['onChanged']['addListener']>[0];

/** The little of the extension API the first script uses, recorded. */
function fakeApi(stored: unknown, partSource = 'throw new Error("not in tests")') {
  const messages = new Set<Listener>();
  const changes = new Set<StorageListener>();
  const imported: string[] = [];
  const sent: unknown[] = [];
  const api: GateApi = {
    runtime: {
      sendMessage: async (message) => {
        sent.push(message);
        return undefined;
      },
      getURL: (path) => {
        imported.push(path);
        // An address `import()` cannot load: the test sees the attempt, and the gate recovers.
        return `data:text/javascript,${encodeURIComponent(partSource)}`;
      },
      onMessage: { addListener: (l) => messages.add(l), removeListener: (l) => messages.delete(l) },
    },
    storage: {
      local: { get: async (key) => ({ [key]: stored }) },
      onChanged: { addListener: (l) => changes.add(l), removeListener: (l) => changes.delete(l) },
    },
  };
  /** A message to the gate; the answer may come later (the article test runs in slices). */
  const ask = async (name: string, request: unknown = {}) => {
    let answer: unknown;
    for (const l of messages) l({ sidenote: 1, name, request }, {}, (r) => (answer = r));
    for (let wait = 0; answer === undefined && wait < 100; wait++) await new Promise((done) => setTimeout(done, 5));
    return answer;
  };
  const change = (settings: unknown) => {
    for (const l of changes) l({ settings: { newValue: settings } }, 'local');
  };
  return { api, imported, sent, ask, change, listeners: () => messages.size + changes.size };
}

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = html.replace(/^<html>|<\/html>$/g, '');
  return doc;
}

const settle = () => new Promise((done) => setTimeout(done, 20));

describe('the first script', () => {
  beforeEach(() => {
    document.documentElement.innerHTML = '';
  });

  test('reads only the fields it decides on, and anything broken reads as the default', () => {
    expect(gateSettings(DEFAULT_SETTINGS)).toEqual({
      enabled: true,
      mode: 'articles',
      sites: [],
      disabledSites: [],
      wholePage: false,
    });
    expect(gateSettings(undefined)).toEqual(gateSettings(DEFAULT_SETTINGS));
    expect(gateSettings({ enabled: 'no', mode: 'sometimes', sites: ['a.org', 3], wholePage: 1 })).toEqual({
      enabled: true,
      mode: 'articles',
      sites: ['a.org'],
      disabledSites: [],
      wholePage: false,
    });
    expect(gateSettings({ enabled: false, mode: 'click' })).toMatchObject({ enabled: false, mode: 'click' });
  });

  test('an article is a candidate; a sign-in page is not, unless whole-page mode is on', async () => {
    const on = gateSettings(DEFAULT_SETTINGS);
    expect(await isCandidate(page(ARTICLE), on, 'news.example', null)).toBe(true);
    expect(await isCandidate(page(SIGN_IN), on, 'bank.example', null)).toBe(false);
    expect(await isCandidate(page(SIGN_IN), { ...on, wholePage: true }, 'bank.example', null)).toBe(true);
  });

  test('site switches and the mode decide before the page is looked at', async () => {
    const on = gateSettings(DEFAULT_SETTINGS);
    const article = page(ARTICLE);
    expect(await isCandidate(article, { ...on, enabled: false }, 'news.example', null)).toBe(false);
    expect(await isCandidate(article, { ...on, disabledSites: ['other.example'] }, 'news.example', null)).toBe(true);
    expect(await isCandidate(article, { ...on, disabledSites: ['news.example'] }, 'www.news.example', null)).toBe(
      false,
    );
    expect(await isCandidate(article, { ...on, mode: 'sites', sites: ['other.example'] }, 'news.example', null)).toBe(
      false,
    );
    expect(await isCandidate(article, { ...on, mode: 'sites', sites: ['news.example'] }, 'news.example', null)).toBe(
      true,
    );
    expect(await isCandidate(article, { ...on, mode: 'click' }, 'news.example', null)).toBe(false);
    // The reader's own switch for this page wins over the mode.
    expect(await isCandidate(article, { ...on, mode: 'click' }, 'news.example', true)).toBe(true);
    expect(await isCandidate(article, on, 'news.example', false)).toBe(false);
  });

  test('on a page that is not an article it loads nothing, adds nothing, and still answers the popup', async () => {
    document.documentElement.innerHTML = SIGN_IN.replace(/^<html>|<\/html>$/g, '');
    const before = document.documentElement.outerHTML;
    const fake = fakeApi(DEFAULT_SETTINGS);
    await startGate(fake.api, document);
    await settle();
    expect(fake.imported).toEqual([]);
    expect(fake.sent).toEqual([]);
    expect(document.documentElement.outerHTML).toBe(before);
    expect(await fake.ask('pageMentions')).toMatchObject({
      ok: true,
      value: { active: true, isArticle: false, mentions: [] },
    });
  });

  test('on an article it imports the page part; a failed import leaves it ready to try again', async () => {
    document.documentElement.innerHTML = ARTICLE.replace(/^<html>|<\/html>$/g, '');
    const fake = fakeApi(DEFAULT_SETTINGS);
    await startGate(fake.api, document);
    await settle();
    expect(fake.imported).toEqual(['/sidenote-page.js']);
    // The background warms detection up while the page part loads.
    expect(fake.sent).toEqual([{ sidenote: 1, name: 'detectText', request: { text: 'Warm up.' } }]);
    // (The import failed in the test; the gate keeps listening and answers.)
    expect(fake.listeners()).toBe(2);
  });

  test('on an article it leaves nothing on the page’s timeline a page could read (no sidenote-* marks)', async () => {
    performance.clearMarks();
    document.documentElement.innerHTML = ARTICLE.replace(/^<html>|<\/html>$/g, '');
    const fake = fakeApi(DEFAULT_SETTINGS);
    await startGate(fake.api, document);
    await settle();
    expect(fake.imported).toEqual(['/sidenote-page.js']);
    expect(performance.getEntries().filter((e) => e.name.startsWith('sidenote'))).toEqual([]);
  });

  test('on an article it hands its article pass to the page part, which can take it while the page is unchanged', async () => {
    document.documentElement.innerHTML = ARTICLE.replace(/^<html>|<\/html>$/g, '');
    // A page part that keeps what it was started with where the test can see it.
    const fake = fakeApi(DEFAULT_SETTINGS, 'export default { start(o) { globalThis.__sidenoteStarted = o; } };');
    await startGate(fake.api, document);
    await settle();
    const started = (globalThis as { __sidenoteStarted?: PageStart }).__sidenoteStarted;
    expect(started?.override).toBeNull();
    expect(started?.scan?.isArticle).toBe(true);
    const pass = started?.scan?.take(document);
    expect(pass?.plan?.root.textContent).toContain('The river rose overnight');
    // Taken once: a second look reads the page again.
    expect(started?.scan?.take(document)).toBeNull();
  });

  test('turned off, it waits: a settings change or the reader’s toggle brings the rest', async () => {
    document.documentElement.innerHTML = ARTICLE.replace(/^<html>|<\/html>$/g, '');
    const fake = fakeApi({ ...DEFAULT_SETTINGS, enabled: false });
    await startGate(fake.api, document);
    await settle();
    expect(fake.imported).toEqual([]);
    expect(await fake.ask('pageMentions')).toMatchObject({ ok: true, value: { active: false } });
    fake.change(DEFAULT_SETTINGS);
    await settle();
    expect(fake.imported).toEqual(['/sidenote-page.js']);

    const click = fakeApi({ ...DEFAULT_SETTINGS, mode: 'click' });
    await startGate(click.api, document);
    await settle();
    expect(click.imported).toEqual([]);
    expect(await click.ask('toggleAnnotations', {})).toEqual({ ok: true, value: { active: true } });
    await settle();
    expect(click.imported).toEqual(['/sidenote-page.js']);
  });

  test('what a stopped Sidenote left behind is taken out: its host, and the marks of versions before highlights', async () => {
    document.documentElement.innerHTML =
      '<head></head><body><p>In <sidenote-mark>Lisbon</sidenote-mark> today.</p></body><sidenote-root><style></style></sidenote-root>';
    await startGate(fakeApi({ ...DEFAULT_SETTINGS, enabled: false }).api, document);
    expect(document.querySelector('sidenote-mark, sidenote-root, style')).toBeNull();
    expect(document.querySelector('p')!.childNodes).toHaveLength(1);
    expect(document.querySelector('p')!.textContent).toBe('In Lisbon today.');
  });
});
