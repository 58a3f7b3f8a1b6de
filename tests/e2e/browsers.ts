import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { GECKO_ID } from '../../lib/ids';

export type Engine = 'chromium' | 'firefox';
export const ENGINES: Engine[] = ['chromium', 'firefox'];

/** Where screenshots go so a person can look at what the tests checked (git-ignored). */
export const ARTIFACTS = resolve('tests/artifacts');

/** The few page operations the end-to-end tests need, the same in both browsers. */
export interface TestPage {
  goto(url: string): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Waits until `predicate` (run in the page) returns a truthy value, and returns it. */
  waitFor<R, A = undefined>(predicate: (arg: A) => R, arg?: A, timeoutMs?: number): Promise<R>;
  waitForSelector(selector: string, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  hover(selector: string): Promise<void>;
  /** Moves the mouse to a point (to leave a mark, say). */
  mouseMove(x: number, y: number): Promise<void>;
  press(key: string): Promise<void>;
  bringToFront(): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  emulateDark(dark: boolean): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
  /** Replaces the value of a text input as typing would (input events), without leaving it. */
  fill(selector: string, value: string): Promise<void>;
  /** Chooses a file from disk in an `<input type="file">`, as the file picker would. */
  uploadFile(selector: string, path: string): Promise<void>;
}

export interface TestBrowser {
  engine: Engine;
  /** `chrome-extension://ID/` or `moz-extension://UUID/` */
  extensionBase: string;
  newPage(): Promise<TestPage>;
  /** The browser's id of the tab showing `page` (which must be at `url`). */
  tabIdOf(page: TestPage, url: string): Promise<number>;
  /** Opens one of the extension's pages (popup.html, options.html?x) in a tab. */
  openExtensionPage(path: string): Promise<TestPage>;
  /**
   * Takes the extension away from the open pages as an update or a disable does: Chromium
   * reloads it (its old content scripts stay running, cut off), Firefox uninstalls it (its
   * content scripts stop at once). Last thing a browser does in a test.
   */
  unloadExtension(): Promise<void>;
  close(): Promise<void>;
}

function shotPath(engine: Engine, name: string): string {
  const file = join(ARTIFACTS, engine, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Calls `check` every 50 ms until it gives a truthy value (returned), or throws after `timeoutMs`. */
export async function waitUntil<R>(check: () => Promise<R>, timeoutMs: number, what: string): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(50);
  }
}

function wrapPlaywright(page: PwPage, engine: Engine): TestPage {
  return {
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, arg, timeoutMs = 10_000) =>
      waitUntil(() => page.evaluate(fn as never, arg) as never, timeoutMs, String(fn).slice(0, 120)),
    waitForSelector: async (selector, timeoutMs = 10_000) => {
      await page.locator(selector).first().waitFor({ state: 'attached', timeout: timeoutMs });
    },
    click: (selector) => page.locator(selector).first().click(),
    hover: (selector) => page.locator(selector).first().hover(),
    mouseMove: (x, y) => page.mouse.move(x, y),
    press: (key) => page.keyboard.press(key),
    bringToFront: () => page.bringToFront(),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    emulateDark: (dark) => page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' }),
    screenshot: async (name) => {
      const path = shotPath(engine, name);
      await page.screenshot({ path });
      return path;
    },
    close: () => page.close(),
    fill: (selector, value) => page.locator(selector).first().fill(value),
    uploadFile: (selector, path) => page.locator(selector).first().setInputFiles(path),
  };
}

function wrapPuppeteer(page: PpPage, engine: Engine): TestPage {
  return {
    goto: async (url) => {
      if (/^moz-extension:/.test(url)) {
        // Navigations to extension pages never resolve over BiDi; wait for the document instead.
        await page.goto(url, { timeout: 1000 }).catch(() => {});
        await waitUntil(() => page.evaluate(() => document.readyState === 'complete'), 10_000, `${url} to load`);
        return;
      }
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, arg, timeoutMs = 10_000) =>
      waitUntil(() => page.evaluate(fn as never, arg) as never, timeoutMs, String(fn).slice(0, 120)),
    waitForSelector: async (selector, timeoutMs = 10_000) => {
      await page.waitForSelector(selector, { timeout: timeoutMs });
    },
    click: async (selector) => {
      await page.locator(selector).click();
    },
    hover: async (selector) => {
      await page.locator(selector).hover();
    },
    mouseMove: (x, y) => page.mouse.move(x, y),
    // Puppeteer presses one key at a time: hold the modifiers of "Alt+Shift+KeyN" around it.
    press: async (key) => {
      const parts = key.split('+');
      const main = parts.pop()!;
      for (const modifier of parts) await page.keyboard.down(modifier as never);
      await page.keyboard.press(main as never);
      for (const modifier of parts.reverse()) await page.keyboard.up(modifier as never);
    },
    bringToFront: () => page.bringToFront(),
    setViewport: (width, height) => page.setViewport({ width, height }),
    emulateDark: (dark) =>
      page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]),
    screenshot: async (name) => {
      const path = shotPath(engine, name);
      await page.screenshot({ path: path as `${string}.png` });
      return path;
    },
    close: () => page.close(),
    fill: async (selector, value) => {
      await page.locator(selector).fill(value);
    },
    uploadFile: async (selector, path) => {
      const input = await page.waitForSelector(selector, { timeout: 10_000 });
      if (!input) throw new Error(`No ${selector} to upload into`);
      await (input as import('puppeteer-core').ElementHandle<HTMLInputElement>).uploadFile(path);
    },
  };
}

/** The flags Chromium needs here (no network but loopback, no sandbox as root); proven in TOOLCHAIN.md. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How a test browser starts. */
export interface LaunchOptions {
  /**
   * Sidenote allowed in private (incognito) windows, as a reader allows it on the extensions page:
   * Chromium reads it from the profile's preferences (the unpacked extension's id is the hash of its
   * path), Firefox from the profile's extension permissions.
   */
  privateWindows?: boolean;
}

/** The id Chromium gives an unpacked extension: the first 32 hex digits of its path's SHA-256, as a-p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

async function launchChromium(extensionDir: string, options: LaunchOptions = {}): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'sidenote-chromium-'));
  if (options.privateWindows) {
    await mkdir(join(profile, 'Default'), { recursive: true });
    const settings = { [unpackedExtensionId(extensionDir)]: { incognito: true } };
    await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ extensions: { settings } }));
  }
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1280, height: 900 },
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;
  const extensionBase = `chrome-extension://${id}/`;
  // Without the `tabs` permission Chromium hides tab URLs, so ask the worker for the active tab.
  const tabIdOf = async (page: TestPage) => {
    await page.bringToFront();
    const sw = context.serviceWorkers()[0] ?? worker;
    return waitUntil(
      () => sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? 0),
      10_000,
      'the active tab',
    );
  };
  // The persistent context opens with one blank tab; reuse nothing, close it at the end.
  return {
    engine: 'chromium',
    extensionBase,
    tabIdOf,
    newPage: async () => wrapPlaywright(await context.newPage(), 'chromium'),
    openExtensionPage: async (path) => {
      const page = wrapPlaywright(await context.newPage(), 'chromium');
      await page.goto(extensionBase + path);
      return page;
    },
    unloadExtension: async () => {
      const sw = context.serviceWorkers()[0] ?? worker;
      // The worker goes away with the reload, so the evaluation may not get its answer.
      await sw.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
    },
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function launchFirefox(extensionDir: string, options: LaunchOptions = {}): Promise<TestBrowser> {
  const uuid = randomUUID();
  let userDataDir: string | undefined;
  if (options.privateWindows) {
    userDataDir = await mkdtemp(join(tmpdir(), 'sidenote-firefox-'));
    const permissions = { [GECKO_ID]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] } };
    await writeFile(join(userDataDir, 'extension-preferences.json'), JSON.stringify(permissions));
  }
  const browser: PpBrowser = await puppeteer.launch({
    browser: 'firefox',
    ...(userDataDir ? { userDataDir } : {}),
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access', '--width=1280', '--height=900'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // No network but loopback here: keep Firefox from reaching out on its own.
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
    },
  });
  const installed = await browser.installExtension(resolve(extensionDir));
  const extensionBase = `moz-extension://${uuid}/`;
  const open = async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    return wrapPuppeteer(page, 'firefox');
  };
  return {
    engine: 'firefox',
    extensionBase,
    // Firefox shows tab URLs to an extension with host access to them.
    tabIdOf: async (_page, url) => {
      const probe = await open();
      await probe.goto(`${extensionBase}popup.html`);
      const id = await probe.waitFor(async (u) => {
        const tabs = await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({});
        return tabs.find((t) => t.url === u)?.id ?? 0;
      }, url);
      await probe.close();
      return id;
    },
    newPage: open,
    openExtensionPage: async (path) => {
      const page = await open();
      await page.goto(extensionBase + path);
      // Firefox's `goto` to an extension page returns before it has loaded; on a busy machine the
      // next evaluation would run in the blank page before it (no extension API there).
      await page.waitFor((base) => location.href.startsWith(base) && document.readyState !== 'loading', extensionBase);
      return page;
    },
    unloadExtension: () => browser.uninstallExtension(installed),
    close: async () => {
      await browser.close();
      if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export const BUILD_DIRS: Record<Engine, string> = {
  chromium: resolve('.output/chrome-mv3'),
  firefox: resolve('.output/firefox-mv3'),
};

/** Starts a real browser (Debian chromium or firefox-esr) with the built extension installed. */
export function launch(engine: Engine, options: LaunchOptions = {}): Promise<TestBrowser> {
  return engine === 'chromium'
    ? launchChromium(BUILD_DIRS.chromium, options)
    : launchFirefox(BUILD_DIRS.firefox, options);
}

/**
 * Shows an extension page in the dark theme (or back in the light one). Chromium emulates the media feature; Firefox over BiDi
 * cannot, so there the page's own dark rules (theme.css) are applied to the root directly.
 */
export async function showDark(page: TestPage, dark: boolean): Promise<void> {
  try {
    await page.emulateDark(dark);
    return;
  } catch {
    // fall through to applying the stylesheet's dark rules
  }
  await page.evaluate((on) => {
    const root = document.documentElement;
    root.removeAttribute('style');
    if (!on) return;
    for (const sheet of Array.from(document.styleSheets)) {
      for (const rule of Array.from(sheet.cssRules)) {
        if (!(rule instanceof CSSMediaRule) || !rule.conditionText.includes('prefers-color-scheme: dark')) continue;
        for (const inner of Array.from(rule.cssRules)) {
          if (!(inner instanceof CSSStyleRule) || inner.selectorText !== ':root') continue;
          for (const property of Array.from(inner.style)) {
            root.style.setProperty(property, inner.style.getPropertyValue(property));
          }
        }
      }
    }
    root.style.setProperty('color-scheme', 'dark');
  }, dark);
}
