import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../lib/settings/schema';
import { type ApiStandIn, installApiStandIn } from './api-stand-in';
import { SEED_EXPECTED, SEED_QUERIES } from './api-stand-in/seed-queries';
import { BUILD_DIRS, CHROMIUM_ARGS } from './browsers';
import { plantSettings } from './extension';
import { startServer, type TestServer } from './server';

/**
 * Chromium only: the cache outlives the service worker. The shared harness hides the browser
 * context, so this file starts Chromium itself (same flags) to reach the DevTools protocol and
 * stop the worker the way Chromium does when it goes idle. (Firefox's MV3 background is an
 * event page with no such handle; there the unit tests reopen the same IndexedDB instead.)
 */
describe('lookups after the service worker is stopped (chromium)', () => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let context: BrowserContext;
  let profile: string;
  let page: Page;

  const lookup = async () => {
    const reply = (await page.evaluate(
      (entities) =>
        chrome.runtime.sendMessage({ sidenote: 1, name: 'lookupEntities', request: { language: 'en', entities } }),
      SEED_QUERIES,
    )) as { ok: boolean; value?: { results: Record<string, { title?: string }> } };
    expect(reply.ok).toBe(true);
    return Object.fromEntries(Object.entries(reply.value?.results ?? {}).map(([k, r]) => [k, r.title]));
  };

  beforeAll(async () => {
    server = await startServer();
    standIn = installApiStandIn(server);
    profile = await mkdtemp(join(tmpdir(), 'sidenote-restart-'));
    const ext = BUILD_DIRS.chromium;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: false,
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    const settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, endpoints: standIn.endpoints });
    await plantSettings(page, settings);
  });
  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await server?.close();
  });

  test('cold, then the worker is stopped: the restarted worker answers from IndexedDB with 0 requests', async () => {
    standIn.reset();
    expect(await lookup()).toEqual(SEED_EXPECTED);
    const cold = standIn.counts.wikipedia + standIn.counts.wikidata;
    expect(cold).toBeGreaterThan(0);

    const worker = context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      (globalThis as unknown as { sidenoteProbe: number }).sidenoteProbe = 1;
    });
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    expect(target).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: target!.targetId });

    standIn.reset();
    expect(await lookup()).toEqual(SEED_EXPECTED);
    // A fresh worker: what the old one held in memory is gone, so the answers came from IndexedDB.
    const fresh = context.serviceWorkers()[0]!;
    expect(
      await fresh.evaluate(() => (globalThis as unknown as { sidenoteProbe?: number }).sidenoteProbe),
    ).toBeUndefined();
    expect(standIn.counts).toEqual({ wikipedia: 0, wikidata: 0, factcheck: 0 });
    console.log(`[chromium] seed cold ${cold} requests; after the worker restarted: 0`);
  });
});
