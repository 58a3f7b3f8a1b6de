/**
 * What the page benchmarks share: Chromium launched the same way (with a built extension or
 * without), pages served from memory on the test server, and the count of Sidenote's marks.
 */
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { TestServer } from '../../tests/e2e/server';

/** Headless, no sandbox or GPU, no first-run page. */
const BASE_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'];
/** None of the browser's own traffic (component updates and the like). */
const QUIET_ARGS = ['--disable-background-networking', '--disable-component-update'];
/** No network beyond the local server, so saved pages load alike. */
const OFFLINE_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export interface BenchBrowserOptions {
  /** The built extension to load (its service worker is waited for); none when absent. */
  ext?: string;
  /** Leave out the browser's own traffic (default true). */
  quiet?: boolean;
  /** Resolve no host but the local server (default false). */
  offline?: boolean;
}

/** Chromium with a persistent profile in `profile`, a 1280×900 viewport and the flags asked for. */
export async function launchBench(
  profile: string,
  { ext, quiet = true, offline = false }: BenchBrowserOptions = {},
): Promise<BrowserContext> {
  const args = [...BASE_ARGS, ...(quiet ? QUIET_ARGS : []), ...(offline ? OFFLINE_ARGS : [])];
  if (ext) args.push(`--disable-extensions-except=${ext}`, `--load-extension=${ext}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1280, height: 900 },
    args,
  });
  if (!ext || context.serviceWorkers().length) return context;
  try {
    await context.waitForEvent('serviceworker', { timeout: 15_000 });
  } catch (error) {
    await context.close();
    throw error;
  }
  return context;
}

/** Serves each page of `pages` (path → HTML) from memory; other paths fall through to the fixtures. */
export function servePages(server: TestServer, pages: ReadonlyMap<string, string>): void {
  server.addRoute((_req, res, url) => {
    const html = pages.get(url.pathname);
    if (!html) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    return true;
  });
}

/** Every mark's range, drawn or not, in the page's highlight registry (Chromium lets the page read it). */
export function countMarks(page: Page): Promise<number> {
  return page.evaluate(() =>
    ['entity', 'claim', 'disputed', 'source']
      .flatMap((k) => [`sidenote-${k}`, `sidenote-${k}-quiet`])
      .reduce(
        (n, name) =>
          n + ((CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get(name)?.size ?? 0),
        0,
      ),
  );
}
