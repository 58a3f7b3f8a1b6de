import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import { ENGINES, launch, showDark, type TestBrowser, type TestPage } from './browsers';
import { openPopupFor, plantSettings, readStoredSettings } from './extension';
import { lineCounts, openCard, phraseMarks, registeredNames } from './in-page';
import { startServer, type TestServer } from './server';
import { closeAll, readMentions, waitDecided } from './steps';

/** What the reader sees of the marks: by kind, those drawn with their line, and how many there are. */
interface ShownMarks {
  entity: number;
  claim: number;
  source: number;
  /** Every mark (range) on the page, drawn or not. */
  marks: number;
}

/** Counts the marks in the page's highlight registry: those that draw their line, and all. */
async function shownMarks(page: TestPage): Promise<ShownMarks> {
  const c = await page.evaluate(lineCounts);
  return {
    entity: c.entity.lined,
    claim: c.claim.lined,
    source: c.source.lined,
    marks: c.entity.marks + c.claim.marks + c.source.marks,
  };
}

/** Waits until the content script has finished marking (or stopped). */
function marksSettled(page: TestPage): Promise<string> {
  return page.waitFor(
    () => {
      const state = document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state');
      return state === 'done' || state === 'off' ? state : null;
    },
    undefined,
    20_000,
  ) as Promise<string>;
}

/** The ids of the mentions the popup lists. */
function listedIds(popup: TestPage): Promise<string[]> {
  return popup.evaluate(() =>
    Array.from(document.querySelectorAll('button[data-mention-id]'))
      .map((b) => b.getAttribute('data-mention-id') ?? '')
      .sort(),
  );
}

/** Clicks a popup switch and waits until the stored settings reflect it. */
async function toggle(popup: TestPage, name: string, want: boolean): Promise<void> {
  await popup.click(`input[name="${name}"]`);
  await popup.waitFor(
    ([n, w]) => (document.querySelector(`input[name="${n}"]`) as HTMLInputElement | null)?.checked === w,
    [name, want] as const,
  );
}

describe.each(ENGINES)('popup in %s', (engine) => {
  let server: TestServer;
  let browser: TestBrowser;
  let url: string;
  const open: TestPage[] = [];

  async function setSettings(value: Settings): Promise<void> {
    const page = await browser.openExtensionPage('options.html');
    await page.waitForSelector('main.sn-options:not([aria-busy])');
    await plantSettings(page, value);
    await page.close();
  }
  /** The seed page, open and marked, with a probe that survives only if it is never reloaded. */
  async function seedPage(marked = true): Promise<TestPage> {
    const page = await browser.newPage();
    open.push(page);
    await page.goto(url);
    if (marked) await marksSettled(page);
    else await waitDecided(page);
    await page.evaluate(() => {
      (window as unknown as { sidenoteProbe: number }).sidenoteProbe = 1;
    });
    return page;
  }
  async function popupFor(page: TestPage): Promise<TestPage> {
    const popup = await openPopupFor(browser, page, url);
    open.push(popup);
    return popup;
  }
  /** The ids of the mentions the page part marked (the keyboard moves through these), sorted. */
  const markIds = async (page: TestPage) => (await readMentions(browser, page, url)).map((m) => m.id).sort();
  /** Waits until no highlight of Sidenote's is left in the page's registry. */
  const registryEmpty = (page: TestPage) =>
    page.waitFor(() => {
      const registry = (CSS as unknown as { highlights: Map<string, unknown> }).highlights;
      return !['entity', 'claim', 'source', 'open', 'focus'].some((k) => registry.has(`sidenote-${k}`));
    });
  const notReloaded = async (page: TestPage) =>
    expect(await page.evaluate(() => (window as unknown as { sidenoteProbe?: number }).sidenoteProbe)).toBe(1);

  beforeAll(async () => {
    server = await startServer();
    browser = await launch(engine);
    url = `${server.origin}/putin-assad-memo.html`;
  });
  afterAll(() => closeAll(browser, server));
  beforeEach(async () => {
    await setSettings(DEFAULT_SETTINGS);
  });
  afterEach(async () => {
    for (const page of open.splice(0)) await page.close().catch(() => {});
  });

  test('the page list matches the marks, and choosing one opens its card on the page', async () => {
    const page = await seedPage();
    const ids = await markIds(page);
    expect(ids.length).toBeGreaterThan(0);
    // One range in the registry per mention listed.
    expect((await shownMarks(page)).marks).toBe(ids.length);

    const popup = await popupFor(page);
    await popup.waitFor(() => document.querySelectorAll('button[data-mention-id]').length > 0);
    expect(await listedIds(popup)).toEqual(ids);
    const counts = await popup.evaluate(() => {
      const line = document.querySelector('.sn-counts');
      return {
        entities: Number(line?.getAttribute('data-entities')),
        claims: Number(line?.getAttribute('data-claims')),
      };
    });
    const registered = await page.evaluate(lineCounts);
    expect(counts).toEqual({ entities: registered.entity.marks, claims: registered.claim.marks });
    expect(counts.claims).toBeGreaterThan(0);

    // Choosing the last one (likely below the fold) scrolls to it and opens its card.
    const last = await popup.evaluate(() => {
      const buttons = document.querySelectorAll('button[data-mention-id]');
      return buttons[buttons.length - 1]?.getAttribute('data-mention-id') ?? '';
    });
    expect(ids).toContain(last);
    await popup.click(`button[data-mention-id="${last}"]`);
    await page.bringToFront();
    const mention = (await readMentions(browser, page, url)).find((m) => m.id === last)!;
    await page.bringToFront();
    const card = await page.waitFor(openCard);
    expect(card?.label).toBe(mention.label);
    // Scrolled to, in the focus ring and tinted as open, with its line.
    const painted = await page.evaluate(phraseMarks, mention.text);
    expect(
      painted.some((m) => m.names.includes('sidenote-open') && m.names.includes('sidenote-focus')),
      `"${mention.text}" shown as open`,
    ).toBe(true);
    await notReloaded(page);
  });

  test('"About the publisher" in the popup opens the publisher card on the page', async () => {
    const page = await seedPage();
    const panelOpen = () =>
      (document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-publisher-panel') as HTMLElement | null)
        ?.hidden === false;
    expect(await page.evaluate(panelOpen)).toBe(false);
    const popup = await popupFor(page);
    await popup.waitForSelector('button[name="publisher"]');
    await popup.click('button[name="publisher"]');
    await page.bringToFront();
    expect(await page.waitFor(panelOpen)).toBe(true);
    await notReloaded(page);
  });

  test('switching Claims off removes the claim marks without a reload; on brings them back', async () => {
    const page = await seedPage();
    const before = await shownMarks(page);
    expect(before.claim).toBeGreaterThan(0);
    expect(before.entity).toBeGreaterThan(0);
    const claimMarks = (await page.evaluate(lineCounts)).claim.marks;

    const popup = await popupFor(page);
    await toggle(popup, 'claims', false);
    const afterClick = (await readStoredSettings(popup)) as Settings | undefined;
    expect(afterClick?.kinds.claims).toBe(false);

    await page.waitFor(() => {
      const registry = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
      return ['claim', 'claim-quiet', 'disputed', 'disputed-quiet'].every((k) => !registry.get(`sidenote-${k}`)?.size);
    });
    const during = await shownMarks(page);
    expect(during).toEqual({ ...before, claim: 0, marks: before.marks - claimMarks });
    expect((await readMentions(browser, page, url)).some((m) => m.kind === 'claim')).toBe(false);
    // The popup's list follows: no claims listed any more.
    await popup.waitFor(() => document.querySelector('.sn-counts')?.getAttribute('data-claims') === '0');
    expect(await popup.evaluate(() => document.querySelectorAll('button[data-kind="claim"]').length)).toBe(0);

    await toggle(popup, 'claims', true);
    await page.waitFor((want) => {
      const registry = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
      return (registry.get('sidenote-claim')?.size ?? 0) + (registry.get('sidenote-disputed')?.size ?? 0) === want;
    }, before.claim);
    expect(await shownMarks(page)).toEqual(before);
    await notReloaded(page);
  });

  test('switching the site off removes every mark and leaves the DOM as it was; on marks it again', async () => {
    const page = await seedPage();
    expect((await shownMarks(page)).marks).toBeGreaterThan(0);

    const popup = await popupFor(page);
    const siteLabel = await popup.evaluate(
      () => document.querySelector('input[name="site"]')?.closest('label')?.textContent,
    );
    expect(siteLabel).toContain('On for 127.0.0.1');
    await toggle(popup, 'site', false);
    expect((await readStoredSettings(popup))?.disabledSites).toEqual(['127.0.0.1']);

    await registryEmpty(page);
    expect(await page.evaluate(registeredNames)).toEqual([]);
    // The page as its server sent it: same markup, and no text node split in two.
    const same = await page.evaluate(async () => {
      const original = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      const textNodes = (root: Node) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let n = 0;
        while (walker.nextNode()) n += 1;
        return n;
      };
      return {
        markup: document.body.innerHTML === original.body.innerHTML,
        textNodes: textNodes(document.body) === textNodes(original.body),
        // (Chromium's highlight rules live in Sidenote's host, and go with the marks.)
        styles: !document.querySelector('sidenote-root > style'),
      };
    });
    expect(same).toEqual({ markup: true, textNodes: true, styles: true });
    await popup.waitFor(() => document.querySelector('[data-page="inactive"]') !== null);

    await toggle(popup, 'site', true);
    expect((await readStoredSettings(popup))?.disabledSites).toEqual([]);
    await page.waitFor(
      () => !!(CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get('sidenote-claim')?.size,
      undefined,
      20_000,
    );
    await notReloaded(page);
  });

  test('the popup switches store their values', async () => {
    const page = await seedPage();
    const popup = await popupFor(page);
    await toggle(popup, 'entities', false);
    await toggle(popup, 'source', false);
    let stored = (await readStoredSettings(popup)) as Settings;
    expect(stored.kinds).toEqual({ entities: false, claims: true, source: false });
    await toggle(popup, 'enabled', false);
    stored = (await readStoredSettings(popup)) as Settings;
    expect(stored.enabled).toBe(false);
    // Off everywhere: the page's marks go, and the site switch cannot be used.
    await registryEmpty(page);
    expect(
      await popup.evaluate(() => (document.querySelector('input[name="site"]') as HTMLInputElement).disabled),
    ).toBe(true);
    await toggle(popup, 'enabled', true);
    await toggle(popup, 'entities', true);
    stored = (await readStoredSettings(popup)) as Settings;
    expect(stored).toEqual({ ...DEFAULT_SETTINGS, kinds: { entities: true, claims: true, source: false } });
  });

  test('in "click" mode nothing is marked until "Annotate this page"', async () => {
    await setSettings({ ...DEFAULT_SETTINGS, mode: 'click' });
    const page = await seedPage(false);
    expect((await shownMarks(page)).marks).toBe(0);
    expect(await page.evaluate(registeredNames)).toEqual([]);
    const popup = await popupFor(page);
    await popup.waitForSelector('button[name="annotate"]');
    expect(await popup.evaluate(() => document.querySelector('[data-page="inactive"]')?.textContent)).toContain(
      'when you ask',
    );
    await popup.click('button[name="annotate"]');
    await page.waitFor(
      () => !!(CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get('sidenote-entity')?.size,
      undefined,
      20_000,
    );
    await popup.waitFor(() => document.querySelectorAll('button[data-mention-id]').length > 0);
    await marksSettled(page);
    await popup.waitFor(
      (ids) => {
        const listed = Array.from(document.querySelectorAll('button[data-mention-id]'))
          .map((b) => b.getAttribute('data-mention-id'))
          .sort();
        return JSON.stringify(listed) === JSON.stringify(ids);
      },
      await markIds(page),
    );
    expect(await popup.evaluate(() => document.querySelector('button[name="annotate-off"]') !== null)).toBe(true);
    // Only this page: the stored mode is unchanged.
    expect((await readStoredSettings(popup))?.mode).toBe('click');
    await notReloaded(page);
  });

  test('the toolbar badge shows how many claims the page holds, and nothing when off', async () => {
    const page = await seedPage();
    const popup = await popupFor(page);
    const tabId = Number(await popup.evaluate(() => new URLSearchParams(location.search).get('tab')));
    const claims = await popup.waitFor(() => document.querySelector('.sn-counts')?.getAttribute('data-claims'));
    expect(Number(claims)).toBeGreaterThan(0);
    // The badge text of the page's tab, once it reads `want` (an empty badge reads '').
    const badge = async (want: string) =>
      (
        await popup.waitFor(
          async ([id, w]) => {
            const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
            const text = await api.action.getBadgeText({ tabId: id });
            return text === w ? { text } : null;
          },
          [tabId, want] as const,
        )
      )?.text;
    expect(await badge(String(claims))).toBe(String(claims));
    await toggle(popup, 'claims', false);
    expect(await badge('')).toBe('');
    await toggle(popup, 'claims', true);
    expect(await badge(String(claims))).toBe(String(claims));
    await toggle(popup, 'enabled', false);
    expect(await badge('')).toBe('');
  });

  test('the cache line shows its size and clears it', async () => {
    const page = await seedPage();
    const popup = await popupFor(page);
    const state = await popup.waitFor(() => {
      const value = document.querySelector('[data-cache]')?.getAttribute('data-cache');
      return value === 'loading' ? null : value;
    });
    const clear = () =>
      popup.evaluate(() => (document.querySelector('button[name="clear-cache"]') as HTMLButtonElement).disabled);
    // The background keeps a cache: its size is shown (no early way out when it is not).
    expect(state).toBe('ready');
    // Marking the page looked its entities up, so the cache holds something to clear.
    const filled = await popup.waitFor(
      async () => {
        const text = document.querySelector('[data-cache]')?.textContent ?? '';
        if (!/^Cache: [1-9]\d* entr/.test(text)) location.reload();
        return /^Cache: [1-9]\d* entr/.test(text) ? text : null;
      },
      undefined,
      15_000,
    );
    expect(filled).toMatch(/^Cache: [1-9]\d* entr(y|ies), \d/);
    expect(await clear()).toBe(false);
    await popup.click('button[name="clear-cache"]');
    const cleared = await popup.waitFor(() => {
      const text = document.querySelector('[data-cache]')?.textContent ?? '';
      return text.startsWith('Cache: 0 entries') ? text : null;
    });
    expect(cleared).toMatch(/^Cache: 0 entries, /);
  });

  test('a page Sidenote cannot reach gets a clear message', async () => {
    const page = await browser.openExtensionPage('options.html');
    open.push(page);
    const target = `${browser.extensionBase}options.html`;
    const popup = await openPopupFor(browser, page, target);
    open.push(popup);
    const message = await popup.waitFor(() => document.querySelector('[data-page="unreachable"]')?.textContent ?? null);
    expect(message).toContain('can’t reach this page');
    expect(
      await popup.evaluate(() => (document.querySelector('input[name="site"]') as HTMLInputElement).disabled),
    ).toBe(true);
  });

  test('screenshots of the popup, light and dark', async () => {
    const page = await seedPage();
    const popup = await popupFor(page);
    await popup.waitFor(() => document.querySelectorAll('button[data-mention-id]').length > 0);
    const cache = await popup.waitFor(() => {
      const state = document.querySelector('[data-cache]')?.getAttribute('data-cache');
      return state === 'loading' ? null : state;
    });
    expect(['ready', 'unavailable']).toContain(cache);
    await popup.setViewport(340, 640);
    for (const dark of [false, true]) {
      await showDark(popup, dark);
      await popup.waitFor(
        (wantDark) => (getComputedStyle(document.body).backgroundColor === 'rgb(27, 31, 36)') === wantDark,
        dark,
      );
      // Let the switches' colour transitions finish, so the picture shows the settled theme.
      await popup.waitFor(() => document.getAnimations().length === 0);
      await popup.screenshot(`popup-${dark ? 'dark' : 'light'}`);
    }
  });
});
