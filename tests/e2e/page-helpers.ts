import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import type { ApiStandIn } from './api-stand-in';
import type { TestBrowser, TestPage } from './browsers';
import { plantSettings } from './extension';

/** A mention as the page shows it: its marks' text joined, in document order. */
export interface SeenMention {
  id: string;
  kind: string;
  type: string;
  text: string;
}

/** Runs in the page: every mention with its full text (own fragments and those of marks inside it). */
export function readMentions(): SeenMention[] {
  const byId = new Map<string, { kind: string; type: string; parts: string[] }>();
  for (const mark of Array.from(document.querySelectorAll('sidenote-mark'))) {
    const ids = [
      mark.getAttribute('data-sidenote-id') ?? '',
      ...(mark.getAttribute('data-sidenote-in') ?? '').split(' '),
    ];
    for (const id of ids.filter(Boolean)) {
      let entry = byId.get(id);
      if (!entry) {
        entry = { kind: '', type: '', parts: [] };
        byId.set(id, entry);
      }
      if (id === mark.getAttribute('data-sidenote-id')) {
        entry.kind = mark.getAttribute('data-sidenote-kind') ?? '';
        entry.type = mark.getAttribute('data-sidenote-type') ?? '';
      }
      entry.parts.push(mark.textContent ?? '');
    }
  }
  return [...byId].map(([id, e]) => ({ id, kind: e.kind, type: e.type, text: e.parts.join('') }));
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
  if (document.querySelector('sidenote-mark')) traces.push('marks');
  if (document.getElementById('sidenote-mark-style')) traces.push('style');
  if (performance.getEntries().some((e) => e.name.startsWith('sidenote'))) traces.push('performance entries');
  // A declared stylesheet for marks would style an element the page makes itself.
  const probe = document.createElement('sidenote-mark');
  document.body.append(probe);
  const styled = getComputedStyle(probe).borderTopLeftRadius !== '0px';
  probe.remove();
  if (styled) traces.push('declared mark stylesheet');
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

/** Runs in the page: whether the open card covers any fragment of mention `id`. */
export function cardCovers(id: string): boolean {
  const card = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card');
  if (!card) return false;
  const c = card.getBoundingClientRect();
  return Array.from(document.querySelectorAll('sidenote-mark'))
    .filter(
      (m) => m.getAttribute('data-sidenote-id') === id || m.getAttribute('data-sidenote-in')?.split(' ').includes(id),
    )
    .flatMap((m) => Array.from(m.getClientRects()))
    .some((m) => m.left < c.right && c.left < m.right && m.top < c.bottom && c.top < m.bottom);
}
