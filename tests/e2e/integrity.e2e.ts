/**
 * Only the reader opens cards, and the keyboard never takes the page's focus order: events a page's
 * script makes up open nothing and look nothing up; Alt+Shift+N opens a card without a tab stop,
 * Enter goes into it, Escape gives focus back where it was. And the popup scrolls one way only.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { type ApiStandIn, installApiStandIn } from './api-stand-in';
import { ENGINES, launch, type TestBrowser, type TestPage } from './browsers';
import { openPopupFor, plantSettings, secretsRecord } from './extension';
import { domSnapshot, openCard, phrasePoint } from './in-page';
import { startServer, type TestServer } from './server';
import { closeAll, pointAt, waitMarked } from './steps';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const CLAIM = 'controls 90 per cent of the territory';

/** Runs in the page: what a hostile script would do to open a card at a phrase. */
function forgeEvents(point: { x: number; y: number }): void {
  const target = document.elementFromPoint(point.x, point.y) ?? document.body;
  const at = { bubbles: true, composed: true, clientX: point.x, clientY: point.y };
  for (const type of ['pointerover', 'pointerenter', 'pointermove'])
    target.dispatchEvent(new PointerEvent(type, { ...at, pointerType: 'mouse' }));
  for (const type of ['mouseover', 'mouseenter', 'mousemove']) target.dispatchEvent(new MouseEvent(type, at));
  target.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
  for (const target2 of [document.body, window])
    target2.dispatchEvent(
      new KeyboardEvent('keydown', { bubbles: true, key: 'N', code: 'KeyN', altKey: true, shiftKey: true }),
    );
}

describe.each(ENGINES)('only the reader opens cards, in %s', (engine) => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let browser: TestBrowser;
  let page: TestPage;
  const url = () => `${server.origin}/putin-assad-memo.html`;

  beforeAll(async () => {
    server = await startServer();
    standIn = installApiStandIn(server);
    browser = await launch(engine);
    const options = await browser.openExtensionPage('options.html');
    await plantSettings(options, { ...DEFAULT_SETTINGS, endpoints: standIn.endpoints, hoverDelayMs: 200 });
    await options.close();
    page = await browser.newPage();
    await page.setViewport(1200, 800);
    await page.goto(url());
    await waitMarked(page, 30_000);
    // The load's own batch of names is done before counting.
    await sleep(1500);
  });
  afterAll(() => closeAll(browser, server));

  test("a page's made-up pointer, focus and key events open no card and start no lookup; the reader's pointer does", async () => {
    const point = await page.evaluate(phrasePoint, { phrase: CLAIM });
    expect(point).not.toBeNull();
    await sleep(300);
    const before = { ...standIn.counts };
    await page.evaluate(forgeEvents, point!);
    await sleep(1200);
    expect(await page.evaluate(openCard)).toBeNull();
    expect(standIn.counts).toEqual(before);
    await pointAt(page, CLAIM);
    const card = await page.waitFor(openCard, undefined, 10_000);
    expect(card?.text).toContain('90');
    // The card's lookup went out (its request reaches the stand-in a moment after the card shows).
    const deadline = Date.now() + 5000;
    while (standIn.counts.wikipedia <= before.wikipedia && Date.now() < deadline) await sleep(100);
    expect(standIn.counts.wikipedia).toBeGreaterThan(before.wikipedia);
    await page.mouseMove(5, 5);
    await page.waitFor(() => !document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card'));
  });

  test('Alt+Shift+N opens a card with no tab stop added; Enter goes into it; Escape gives focus back', async () => {
    const before = await page.evaluate(domSnapshot);
    // The reader was in the page's search field.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'reader-field';
      document.querySelector('header')!.append(input);
      input.focus();
    });
    await page.press('Alt+Shift+KeyN');
    const card = await page.waitFor(openCard, undefined, 10_000);
    expect(card?.role).toBe('dialog');
    expect(card?.label.length).toBeGreaterThan(0);
    // The page's focus stayed in its field; no element of the page became focusable.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reader-field');
    expect(await page.evaluate(() => document.querySelectorAll('[tabindex]').length)).toBe(0);
    // Announced politely.
    const live = await page.evaluate(
      () => document.querySelector('sidenote-root')?.shadowRoot?.querySelector('[aria-live]')?.textContent ?? '',
    );
    expect(live).toContain('Press Enter');
    await page.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('sidenote-root');
    await page.press('Escape');
    await page.waitFor(() => !document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reader-field');
    await page.evaluate(() => document.getElementById('reader-field')?.remove());
    expect((await page.evaluate(domSnapshot)).html).toBe(before.html);
  });

  test('the popup scrolls one way only: no horizontal scrollbar, and its list is not a scroller of its own', async () => {
    const popup = await openPopupFor(browser, page, url());
    await popup.setViewport(360, 600);
    await popup.waitForSelector('.sn-mentions li');
    const layout = await popup.evaluate(() => {
      const root = document.scrollingElement!;
      const list = document.querySelector('.sn-mentions')!;
      return {
        horizontal: root.scrollWidth - root.clientWidth,
        vertical: root.scrollHeight > root.clientHeight,
        listScrolls: list.scrollHeight > list.clientHeight + 1,
      };
    });
    expect(layout.horizontal).toBeLessThanOrEqual(0);
    expect(layout.listScrolls).toBe(false);
    // The seed lists enough marks that the popup itself scrolls (the one scroll).
    expect(layout.vertical).toBe(true);
    await popup.screenshot(`${engine}-popup-one-scroll`);
    await popup.close();
  });
});

describe.each(ENGINES)('source addresses come only from the reader, in %s', (engine) => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let browser: TestBrowser;
  const url = () => `${server.origin}/putin-assad-memo.html`;
  const requests = () => Object.values(standIn.counts).reduce((n, c) => n + c, 0);

  beforeAll(async () => {
    server = await startServer();
    standIn = installApiStandIn(server);
    browser = await launch(engine);
  });
  afterAll(() => closeAll(browser, server));

  test('addresses written into storage.local the way a content script could are not used; set by the reader, they are', async () => {
    const options = await browser.openExtensionPage('options.html');
    // The background's first start records the addresses the reader had (the defaults).
    const deadline0 = Date.now() + 15_000;
    while (!(await secretsRecord(options, 'approvedEndpoints')) && Date.now() < deadline0) await sleep(200);
    expect(await secretsRecord(options, 'approvedEndpoints')).toEqual(DEFAULT_SETTINGS.endpoints);
    await plantSettings(options, { ...DEFAULT_SETTINGS, endpoints: standIn.endpoints }, false);
    standIn.reset();
    let page = await browser.newPage();
    await page.goto(url());
    await waitMarked(page, 30_000);
    await sleep(2500);
    // The names were looked up at the default addresses (unreachable here), never at the planted ones.
    expect(requests()).toBe(0);
    await page.close();

    await plantSettings(options, { ...DEFAULT_SETTINGS, endpoints: standIn.endpoints });
    await options.close();
    page = await browser.newPage();
    await page.goto(url());
    await waitMarked(page, 30_000);
    const deadline = Date.now() + 10_000;
    while (standIn.counts.wikipedia === 0 && Date.now() < deadline) await sleep(200);
    expect(standIn.counts.wikipedia).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});
