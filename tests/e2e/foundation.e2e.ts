import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, launch, type TestBrowser } from './browsers';
import { openPopupFor, readStoredSettings } from './extension';
import { startServer, type TestServer } from './server';

describe.each(ENGINES)('foundation in %s', (engine) => {
  let server: TestServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launch(engine);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the content script runs on the page and reaches the background', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/putin-assad-memo.html`);
    const state = await page.waitFor(() =>
      document.querySelector('sidenote-root')?.getAttribute('data-sidenote-background'),
    );
    expect(state).toMatch(/^ok \d+\.\d+\.\d+$/);
    await page.close();
  });

  test('a setting changed in the popup is stored and seen by the open page without a reload', async () => {
    const url = `${server.origin}/putin-assad-memo.html`;
    const page = await browser.newPage();
    await page.goto(url);
    await page.evaluate(() => {
      (window as unknown as { sidenoteProbe: number }).sidenoteProbe = 1; // survives only if no reload
    });
    await page.waitFor(() =>
      document.querySelector('sidenote-root')?.getAttribute('data-sidenote-kinds')?.includes('claims'),
    );

    const popup = await openPopupFor(browser, page, url);
    await popup.screenshot('popup-before');
    await popup.click('input[name="claims"]');
    await popup.waitFor(() => !(document.querySelector('input[name="claims"]') as HTMLInputElement).checked);
    await popup.screenshot('popup-claims-off');

    const stored = await readStoredSettings(popup);
    expect((stored?.kinds as Record<string, boolean> | undefined)?.claims).toBe(false);
    expect((stored?.kinds as Record<string, boolean> | undefined)?.entities).toBe(true);

    await page.bringToFront();
    const kinds = await page.waitFor(() => {
      const value = document.querySelector('sidenote-root')?.getAttribute('data-sidenote-kinds');
      return value !== undefined && !value?.includes('claims') ? value : null;
    });
    expect(kinds).toBe('entities source');
    expect(await page.evaluate(() => (window as unknown as { sidenoteProbe?: number }).sidenoteProbe)).toBe(1);
    await popup.close();
    await page.close();
  });
});
