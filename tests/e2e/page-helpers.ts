import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import type { ApiStandIn } from './api-stand-in';
import type { TestBrowser, TestPage } from './browsers';
import { plantSettings } from './extension';

/** A mention as Sidenote lists it (the popup's list): kind, type and the text it covers. */
export interface SeenMention {
  id: string;
  kind: string;
  type: string;
  text: string;
  label?: string;
}

/**
 * Asks Sidenote's page part in the tab showing `url` (the popup's own message), from an extension
 * page: the mentions it marked, in reading order, of the kinds shown.
 */
export async function readMentions(browser: TestBrowser, page: TestPage, url: string): Promise<SeenMention[]> {
  const reply = await askTab<{ mentions: SeenMention[] }>(browser, page, url, 'pageMentions');
  return reply.mentions;
}

/** Sends one of the popup's messages to the tab showing `url` and returns its value. */
export async function askTab<T>(
  browser: TestBrowser,
  page: TestPage,
  url: string,
  name: string,
  request: Record<string, unknown> = {},
): Promise<T> {
  const tabId = await browser.tabIdOf(page, url);
  const ext = await browser.openExtensionPage('options.html');
  try {
    const reply = await ext.evaluate(
      async ({ tabId, name, request }) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return (await api.tabs.sendMessage(tabId, { sidenote: 1, name, request })) as {
          ok: boolean;
          value?: unknown;
          error?: string;
        };
      },
      { tabId, name, request },
    );
    if (!reply?.ok) throw new Error(`${name} failed: ${reply?.error ?? 'no answer'}`);
    return reply.value as T;
  } finally {
    await ext.close();
  }
}

/** The highlight names Sidenote registers: a kind's marks with their line, and without one. */
export const MARK_HIGHLIGHTS = ['entity', 'claim', 'disputed', 'source'].flatMap((kind) => [
  `sidenote-${kind}`,
  `sidenote-${kind}-quiet`,
]);

/** What the page paints at one phrase: the highlights there and the marks' own texts. */
export interface PaintedAt {
  /** Highlight names under the phrase's middle (`sidenote-entity`, `sidenote-claim-quiet`, ...). */
  names: string[];
  /** The text of each mark (range) there, in the same order. */
  texts: string[];
}

/**
 * Runs in the page: scrolls the `nth` occurrence of `phrase` in the body's text into view and asks
 * the browser which highlights paint at its middle (`CSS.highlights.highlightsFromPoint`), the same
 * test in both browsers. Null when the phrase is not on the page.
 */
export function paintedAt({ phrase, nth = 0 }: { phrase: string; nth?: number }): PaintedAt | null {
  const registry = (CSS as unknown as { highlights: Map<string, unknown> & HighlightsFromPoint }).highlights;
  type HighlightsFromPoint = {
    highlightsFromPoint(x: number, y: number): { highlight: unknown; ranges: Range[] }[];
  };
  const names = new Map<unknown, string>();
  registry.forEach((highlight, name) => {
    names.set(highlight, name);
  });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let at = data.indexOf(phrase); at >= 0; at = data.indexOf(phrase, at + 1)) {
      if (seen++ < nth) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      const box = range.getClientRects()[0];
      if (!box) return { names: [], texts: [] };
      const hits = registry.highlightsFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const out: PaintedAt = { names: [], texts: [] };
      for (const hit of hits) {
        const name = names.get(hit.highlight);
        if (!name?.startsWith('sidenote-')) continue;
        for (const r of hit.ranges) {
          out.names.push(name);
          out.texts.push(r.toString());
        }
      }
      return out;
    }
  }
  return null;
}

/** Runs in the page: the centre of the `nth` occurrence of `phrase`, scrolled into view (to point at it). */
export function phrasePoint({ phrase, nth = 0 }: { phrase: string; nth?: number }): { x: number; y: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let at = data.indexOf(phrase); at >= 0; at = data.indexOf(phrase, at + 1)) {
      if (seen++ < nth) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      const box = range.getClientRects()[0];
      return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
    }
  }
  return null;
}

/** Points at a phrase as a reader would (a real pointer move), so its card opens after the delay. */
export async function pointAt(page: TestPage, phrase: string, nth = 0): Promise<void> {
  const point = await page.evaluate(phrasePoint, { phrase, nth });
  if (!point) throw new Error(`"${phrase}" is not on the page`);
  // Two moves: the first may be the pointer's arrival from elsewhere.
  await page.mouseMove(point.x - 1, point.y);
  await page.mouseMove(point.x, point.y);
}

/** Runs in the page: body markup and the number of text nodes, to compare before and after. */
export function domSnapshot(): { html: string; textNodes: number } {
  let textNodes = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) textNodes += 1;
  return { html: document.body.innerHTML, textNodes };
}

/** Runs in the page: the boxes of the article's paragraphs and headings, rounded to 0.01 px. */
export function blockBoxes(): string[] {
  return Array.from(document.querySelectorAll('article p, article h1, article figcaption')).map((el) => {
    const r = el.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map((n) => n.toFixed(2)).join(',');
  });
}

/** Waits until Sidenote has finished its first pass over the page. */
export async function waitMarked(page: TestPage, timeoutMs = 20_000): Promise<void> {
  await page.waitFor(
    () => document.querySelector('sidenote-root')?.getAttribute('data-sidenote-state') === 'done',
    undefined,
    timeoutMs,
  );
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until the API stand-in has seen no new request for `quietMs`: the page's lookups are done. */
export async function settled(standIn: ApiStandIn, quietMs = 1500): Promise<void> {
  let last = -1;
  while (standIn.log.length !== last) {
    last = standIn.log.length;
    await sleep(quietMs);
  }
}

/**
 * Waits until the page has loaded and Sidenote's first script has had a moment to decide. Where
 * Sidenote does nothing it leaves no trace a page (or a test in it) can see, so there is no
 * attribute to wait for: the first script runs at the load at the latest and decides within
 * milliseconds.
 */
export async function waitDecided(page: TestPage, settleMs = 300): Promise<void> {
  await page.waitFor(() => document.readyState === 'complete');
  await new Promise((done) => setTimeout(done, settleMs));
}

/** Runs in the page: every trace Sidenote could leave on a page it does nothing on. */
export function sidenoteTraces(): string[] {
  const traces: string[] = [];
  if (document.querySelector('sidenote-root')) traces.push('host');
  const registry = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
  registry?.forEach((_, name) => {
    if (name.startsWith('sidenote-')) traces.push(`highlight ${name}`);
  });
  if (document.querySelector('style#sidenote-mark-style, sidenote-mark')) traces.push('marks');
  if (performance.getEntries().some((e) => e.name.startsWith('sidenote'))) traces.push('performance entries');
  // A declared stylesheet for the marks' highlights would be a rule the page can see.
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      if (Array.from(sheet.cssRules).some((r) => r.cssText.includes('::highlight(sidenote-')))
        traces.push('mark stylesheet');
    } catch {
      // (A cross-origin sheet: not Sidenote's.)
    }
  }
  return traces;
}

/** Writes settings (defaults plus `change`) from an extension page, as the options page would. */
export async function setSettings(browser: TestBrowser, change: Partial<Settings>): Promise<void> {
  const page = await browser.openExtensionPage('options.html');
  await plantSettings(page, { ...DEFAULT_SETTINGS, ...change });
  await page.close();
}

/** Runs in the page: the open card's text and attributes, or null. */
export function openCard(): { text: string; theme: string; tone: string; label: string; role: string } | null {
  const shadow = document.querySelector('sidenote-root')?.shadowRoot;
  const card = shadow?.querySelector('.sn-card');
  const float = shadow?.querySelector('.sn-float') as HTMLElement | null;
  if (!card || !float || float.hidden) return null;
  const labelId = card.getAttribute('aria-labelledby') ?? '';
  return {
    text: card.textContent ?? '',
    theme: card.getAttribute('data-theme') ?? '',
    tone: card.getAttribute('data-tone') ?? '',
    label: shadow?.getElementById(labelId)?.textContent ?? '',
    role: card.getAttribute('role') ?? '',
  };
}

/** A mark as the page's highlight registry holds it: the highlight's name and its range's text. */
export interface HighlightMark {
  name: string;
  text: string;
}

/**
 * Runs in the page's main world: the text of every non-collapsed range in Sidenote's highlights,
 * `sidenote-<kind>` (drawn) and `sidenote-<kind>-quiet` (not drawn), kind one of entity, claim,
 * disputed, source. A range whose text the page rewrote or removed has collapsed, so it is left out.
 */
export function readHighlightMarks(): HighlightMark[] {
  const names = ['entity', 'claim', 'disputed', 'source'].flatMap((kind) => [
    `sidenote-${kind}`,
    `sidenote-${kind}-quiet`,
  ]);
  const marks: HighlightMark[] = [];
  // Missing where the browser has no Custom Highlight API: then there are no marks to read.
  const registry = (CSS as { highlights?: HighlightRegistry }).highlights;
  if (!registry) return marks;
  for (const name of names) {
    registry.get(name)?.forEach((range) => {
      if (range.collapsed) return;
      let live: Range;
      if (range instanceof Range) live = range;
      else {
        // A StaticRange has no toString: read it through a live copy.
        live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
      }
      marks.push({ name, text: live.toString() });
    });
  }
  return marks;
}
