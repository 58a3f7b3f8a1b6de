import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../lib/settings/schema';
import { longArticleHtml } from '../fixtures/long-article';
import { type ApiStandIn, installApiStandIn } from './api-stand-in';
import { BUILD_DIRS, CHROMIUM_ARGS } from './browsers';
import { plantSettings } from './extension';
import { startServer, type TestServer } from './server';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Words on the long page: enough slices of detection to stop the worker between them. */
const LONG_WORDS = 20_000;

/**
 * Chromium only: the browser stops an idle extension service worker whenever it likes, also
 * while a page is being marked. Detection and lookups now live in the worker, so a page must
 * ride that out: the slice or lookup in flight is delivered again to the restarted worker,
 * nothing is lost, and nothing answered is fetched twice. (Firefox's MV3 background is an event
 * page with no such handle.) This file starts Chromium itself, like lookup-restart.e2e.ts, to
 * reach the DevTools protocol.
 */
describe('a service worker stopped mid-page (chromium)', () => {
  let server: TestServer;
  let standIn: ApiStandIn;
  let context: BrowserContext;
  let profile: string;

  /** Stops the extension's service worker the way Chromium does when it goes idle. */
  const stopWorker = async (page: Page) => {
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (target) await cdp.send('Target.closeTarget', { targetId: target.targetId });
    await cdp.detach();
    return Boolean(target);
  };
  const state = (page: Page) =>
    page.evaluate(() => ({
      state: document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') ?? null,
      // Every mark's range, drawn or not, in the page's highlight registry.
      marks: ['entity', 'claim', 'disputed', 'source']
        .flatMap((k) => [`sidenote-${k}`, `sidenote-${k}-quiet`])
        .reduce(
          (n, name) =>
            n + ((CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get(name)?.size ?? 0),
          0,
        ),
    }));
  const waitDone = (page: Page) =>
    page.waitForFunction(
      () => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') === 'done',
      null,
      { timeout: 60_000 },
    );

  beforeAll(async () => {
    server = await startServer();
    standIn = installApiStandIn(server);
    const long = longArticleHtml(LONG_WORDS);
    server.addRoute((_req, res, url) => {
      if (url.pathname !== '/long.html') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(long);
      return true;
    });
    profile = await mkdtemp(join(tmpdir(), 'sidenote-worker-stop-'));
    const ext = BUILD_DIRS.chromium;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: false,
      viewport: { width: 1280, height: 900 },
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    const settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, endpoints: standIn.endpoints });
    await plantSettings(page, settings);
    await page.close();
  });
  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await server?.close();
  });

  test('a long page is marked to its end, exactly as without the stops, with the worker stopped twice on the way', async () => {
    const calm = await context.newPage();
    await calm.goto(`${server.origin}/long.html`);
    await waitDone(calm);
    const reference = (await state(calm)).marks;
    await calm.close();
    expect(reference).toBeGreaterThan(1000);

    const page = await context.newPage();
    await page.goto(`${server.origin}/long.html`);
    // First marks are in: detection of the next slices is under way in the worker.
    await page.waitForFunction(
      () => !!(CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get('sidenote-entity')?.size,
      null,
      { timeout: 30_000 },
    );
    expect(await stopWorker(page)).toBe(true);
    await sleep(150);
    const midway = await state(page);
    await stopWorker(page);
    await waitDone(page);
    const after = await state(page);
    console.log(
      `[chromium] worker stopped at ${midway.marks} of ${reference} marks (state ${midway.state}); page ended with ${after.marks}`,
    );
    expect(after.marks).toBe(reference);
    await page.close();
  });

  test('seed page: the worker stopped with a Wikipedia request in flight; every lookup is answered, none fetched twice; reloaded: 0 requests', async () => {
    standIn.reset();
    // The first Wikipedia request never answers: the worker is stopped while it waits.
    standIn.fail('wikipedia', { mode: 'hang', times: 1 });
    const page = await context.newPage();
    await page.goto(`${server.origin}/putin-assad-memo.html`);
    await waitDone(page);
    const deadline = Date.now() + 10_000;
    while (standIn.counts.wikipedia === 0 && Date.now() < deadline) await sleep(20);
    expect(standIn.counts.wikipedia).toBeGreaterThanOrEqual(1);
    await sleep(200);
    expect(await stopWorker(page)).toBe(true);
    // The page's message is delivered again to a new worker, which asks Wikipedia again.
    let last = -1;
    while (standIn.log.length !== last) {
      last = standIn.log.length;
      await sleep(1500);
    }
    const wikipedia = standIn.log.filter((r) => r.api === 'wikipedia' && r.method === 'GET').map((r) => r.url);
    const hung = wikipedia[0]!;
    // The hung request is the one asked twice; every other request was made once.
    expect(wikipedia.filter((u) => u === hung)).toHaveLength(2);
    expect(new Set(wikipedia).size).toBe(wikipedia.length - 1);
    await page.close();

    standIn.reset();
    const again = await context.newPage();
    await again.goto(`${server.origin}/putin-assad-memo.html`);
    await waitDone(again);
    await sleep(1500);
    console.log(`[chromium] seed after a worker stop mid-lookup: Wikipedia ${wikipedia.length} requests; reloaded: 0`);
    expect(standIn.counts).toEqual({ wikipedia: 0, wikidata: 0, factcheck: 0 });
    await again.close();
  });
});
