import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, type TestBrowser } from './browsers';
import { openPopupFor, readStoredSettings } from './extension';
import { lineCounts } from './in-page';
import type { TestServer } from './server';
import { closeAll, openSession } from './steps';

/** Runs in the page: how many claim marks (drawn or not) the page's highlight registry holds. */
function claimMarks(): number {
  const registry = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
  return ['claim', 'claim-quiet', 'disputed', 'disputed-quiet'].reduce(
    (n, k) => n + (registry.get(`sidenote-${k}`)?.size ?? 0),
    0,
  );
}

describe.each(ENGINES)('foundation in %s', (engine) => {
  let server: TestServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    ({ server, browser } = await openSession(engine));
  });
  afterAll(() => closeAll(browser, server));

  test('the content script runs on the page and reaches the background', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/putin-assad-memo.html`);
    const state = await page.waitFor(() =>
      document.querySelector('sidenote-root')?.getAttribute('data-sidenote-background'),
    );
    // Only whether it answered: nothing about the extension's version is shown to the page.
    expect(state).toBe('ok');
    await page.close();
  });

  test('a setting changed in the popup is stored and seen by the open page without a reload', async () => {
    const url = `${server.origin}/putin-assad-memo.html`;
    const page = await browser.newPage();
    await page.goto(url);
    await page.evaluate(() => {
      (window as unknown as { sidenoteProbe: number }).sidenoteProbe = 1; // survives only if no reload
    });
    // Claims marked: their ranges are in the page's highlight registry.
    await page.waitFor(claimMarks);

    const popup = await openPopupFor(browser, page, url);
    await popup.screenshot('popup-before');
    await popup.click('input[name="claims"]');
    await popup.waitFor(() => !(document.querySelector('input[name="claims"]') as HTMLInputElement).checked);
    await popup.screenshot('popup-claims-off');

    const stored = await readStoredSettings(popup);
    expect((stored?.kinds as Record<string, boolean> | undefined)?.claims).toBe(false);
    expect((stored?.kinds as Record<string, boolean> | undefined)?.entities).toBe(true);

    await page.bringToFront();
    // The open page follows: its claims leave the registry, its names stay.
    await page.waitFor(() => {
      const registry = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
      return ['claim', 'claim-quiet', 'disputed', 'disputed-quiet'].every((k) => !registry.get(`sidenote-${k}`)?.size);
    });
    const counts = await page.evaluate(lineCounts);
    expect(counts.claim.marks).toBe(0);
    expect(counts.entity.marks).toBeGreaterThan(0);
    expect(counts.source.marks).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { sidenoteProbe?: number }).sidenoteProbe)).toBe(1);
    await popup.close();
    await page.close();
  });
});
