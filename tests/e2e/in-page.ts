/**
 * Functions that run in the page, passed to `page.evaluate` / `page.waitFor`: what a reader (and the
 * page) can see of Sidenote's marks, now ranges in the page's CSS highlight registry (which
 * highlights hold how many ranges, which paint at a point or over a phrase), its card, and whether
 * anything of Sidenote's got into the page's own elements. Each must stay self-contained: it is sent
 * to the page as source text, so it may use types from here but no other function or value.
 * The steps a test takes from outside the page are in ./steps.
 */

type Registry = Map<string, { size: number }> & {
  highlightsFromPoint(x: number, y: number): { highlight: unknown; ranges: Range[] }[];
};

/**
 * Runs in the page: each `sidenote-*` highlight in the registry and how many ranges it holds.
 * (`get` and `size` answer in both browsers, even where Firefox hides the ranges themselves.)
 */
export function highlightSizes(): Record<string, number> {
  const registry = (CSS as unknown as { highlights?: Registry }).highlights;
  const sizes: Record<string, number> = {};
  if (!registry) return sizes;
  const known = ['entity', 'claim', 'disputed', 'source'].flatMap((k) => [`sidenote-${k}`, `sidenote-${k}-quiet`]);
  for (const name of [...known, 'sidenote-open', 'sidenote-focus']) {
    const highlight = registry.get(name);
    if (highlight) sizes[name] = highlight.size;
  }
  registry.forEach((highlight, name) => {
    if (name.startsWith('sidenote-')) sizes[name] = highlight.size;
  });
  return sizes;
}

/** Runs in the page: the `sidenote-*` names in the page's highlight registry. */
export function registeredNames(): string[] {
  const registry = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
  if (!registry) return [];
  const names = new Set<string>();
  const known = ['entity', 'claim', 'disputed', 'source'].flatMap((k) => [`sidenote-${k}`, `sidenote-${k}-quiet`]);
  for (const name of [...known, 'sidenote-open', 'sidenote-focus']) if (registry.has(name)) names.add(name);
  registry.forEach((_, name) => {
    if (name.startsWith('sidenote-')) names.add(name);
  });
  return [...names].sort();
}

/** Per kind of line: how many marks there are and how many draw their line now. */
export type LineCounts = Record<'entity' | 'claim' | 'source', { marks: number; lined: number }>;

/** Runs in the page: the marks of each kind, and those in the highlight that draws the line. */
export function lineCounts(): LineCounts {
  const registry = (CSS as unknown as { highlights?: Map<string, { size: number }> }).highlights;
  const size = (name: string) => registry?.get(name)?.size ?? 0;
  const of = (...kinds: string[]) => {
    const lined = kinds.reduce((n, k) => n + size(`sidenote-${k}`), 0);
    return { marks: lined + kinds.reduce((n, k) => n + size(`sidenote-${k}-quiet`), 0), lined };
  };
  // A disputed claim is a claim with a red line.
  return { entity: of('entity'), claim: of('claim', 'disputed'), source: of('source') };
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

/** What the page paints at a point: the highlights there and the marks' own texts. */
export interface PaintedAt {
  /** Highlight names under the phrase's middle (`sidenote-entity`, `sidenote-claim-quiet`, ...). */
  names: string[];
  /** The text of each mark (range) there, in the same order. */
  texts: string[];
}

/**
 * Runs in the page: the `sidenote-*` highlights that paint at the point (x, y), one entry a range
 * (`CSS.highlights.highlightsFromPoint`, the same test in both browsers).
 */
export function highlightsAt({ x, y }: { x: number; y: number }): PaintedAt {
  const registry = (CSS as unknown as { highlights: Registry }).highlights;
  const names = new Map<unknown, string>();
  registry.forEach((highlight, name) => {
    names.set(highlight, name);
  });
  const out: PaintedAt = { names: [], texts: [] };
  for (const hit of registry.highlightsFromPoint(x, y)) {
    const name = names.get(hit.highlight);
    if (!name?.startsWith('sidenote-')) continue;
    for (const r of hit.ranges) {
      out.names.push(name);
      out.texts.push(r.toString());
    }
  }
  return out;
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

/** Runs in the page: whether the highlight `name` paints a range of exactly `text` at the point (x, y). */
export function paintsAt({ x, y, name, text }: { x: number; y: number; name: string; text: string }): boolean {
  const registry = (CSS as unknown as { highlights: Registry }).highlights;
  return registry
    .highlightsFromPoint(x, y)
    .some((h) => h.highlight === registry.get(name) && h.ranges.some((r) => r.toString() === text));
}

/** The marks painting at one occurrence of a phrase whose range is exactly the mark looked for. */
export interface PhraseMark {
  /** Every `sidenote-*` highlight holding a range of exactly the mark's text there. */
  names: string[];
  /** Which whole-word occurrence of the phrase this is (pass it as `only` to point at it). */
  index: number;
  /** The middle of the occurrence, in the viewport as the call left it (valid for the last one). */
  x: number;
  y: number;
}

/**
 * Runs in the page: for each occurrence of `phrase` in the body's text nodes (in reading order),
 * scrolled into view, the highlights that paint a range of exactly `mark` (by default the phrase
 * itself; for a long claim, `phrase` is a piece of it in one text node) at the phrase's middle
 * (`highlightsFromPoint`, both browsers). Occurrences inside longer words are left out, unless
 * `phrase` is a piece of a longer `mark`. With `only`, just that occurrence (scrolled into view).
 */
export function phraseMarks(arg: string | { phrase: string; mark?: string; only?: number }): PhraseMark[] {
  const { phrase, mark: text = phrase, only } = typeof arg === 'string' ? { phrase: arg } : arg;
  const registry = (CSS as unknown as { highlights: Registry }).highlights;
  const names = new Map<unknown, string>();
  const known = ['entity', 'claim', 'disputed', 'source'].flatMap((k) => [`sidenote-${k}`, `sidenote-${k}-quiet`]);
  for (const name of [...known, 'sidenote-open', 'sidenote-focus']) {
    const h = registry.get(name);
    if (h) names.set(h, name);
  }
  const out: PhraseMark[] = [];
  const word = /[\p{L}\p{N}]/u;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let index = -1;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let at = data.indexOf(phrase); at >= 0; at = data.indexOf(phrase, at + 1)) {
      const whole = !word.test(data[at - 1] ?? '') && !word.test(data[at + phrase.length] ?? '');
      if (text === phrase && !whole) continue;
      index += 1;
      if (only !== undefined && index !== only) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      const box = range.getClientRects()[0];
      const found: PhraseMark = { names: [], index, x: -1, y: -1 };
      if (box) {
        found.x = box.left + box.width / 2;
        found.y = box.top + box.height / 2;
        for (const hit of registry.highlightsFromPoint(found.x, found.y)) {
          const name = names.get(hit.highlight);
          if (name && hit.ranges.some((r) => r.toString() === text)) found.names.push(name);
        }
      }
      out.push(found);
    }
  }
  return out;
}

/** The marks found in a part of the page: each range once, with its highlight and text. */
export interface MarksInside {
  marks: { name: string; text: string }[];
  /** Places where one phrase is marked twice over by the same kind. */
  doubled: number;
}

/**
 * Runs in the page: the marks (ranges of `sidenote-<kind>` highlights, lined or quiet) in the
 * elements matching `selector`, or only in the last `tailChars` characters of the first one. Each
 * word there is hit-tested (`highlightsFromPoint`, scrolled into view: what the reader sees, in
 * both browsers); where the page may read the ranges themselves (Chromium), those are added too.
 */
export function marksInside({
  selector,
  tailChars,
  enough,
}: {
  selector: string;
  tailChars?: number;
  /** Stop once this many marks are found (hit tests over a 600,000-character node are slow). */
  enough?: number;
}): MarksInside {
  const registry = (CSS as unknown as { highlights: Registry }).highlights;
  const names = new Map<unknown, string>();
  const known = ['entity', 'claim', 'disputed', 'source'].flatMap((k) => [`sidenote-${k}`, `sidenote-${k}-quiet`]);
  for (const name of known) {
    const h = registry.get(name);
    if (h) names.set(h, name);
  }
  registry.forEach((h, name) => {
    if (known.includes(name)) names.set(h, name);
  });
  const ids = new Map<Node, number>();
  const id = (n: Node) => {
    if (!ids.has(n)) ids.set(n, ids.size);
    return ids.get(n);
  };
  const key = (r: Range) => `${id(r.startContainer)}:${r.startOffset}-${id(r.endContainer)}:${r.endOffset}`;
  const seen = new Set<string>();
  const out: MarksInside = { marks: [], doubled: 0 };
  const add = (name: string, r: Range) => {
    if (r.collapsed || seen.has(`${name} ${key(r)}`)) return;
    seen.add(`${name} ${key(r)}`);
    out.marks.push({ name, text: r.toString() });
  };
  const elements = Array.from(document.querySelectorAll(selector)).slice(0, tailChars ? 1 : undefined);
  for (const el of elements) {
    const zone = document.createRange();
    zone.selectNodeContents(el);
    const texts: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
    if (tailChars) {
      let left = tailChars;
      for (let i = texts.length - 1; i >= 0; i--) {
        const t = texts[i]!;
        if (t.data.length >= left) {
          zone.setStart(t, t.data.length - left);
          break;
        }
        left -= t.data.length;
      }
    }
    const inZone = (node: Node, offset: number) => zone.comparePoint(node, offset) === 0;
    // The ranges themselves, where the page may read them (Chromium).
    registry.forEach((h, name) => {
      if (!known.includes(name)) return;
      try {
        for (const r of h as unknown as Iterable<Range>) {
          const overlaps =
            zone.comparePoint(r.startContainer, r.startOffset) <= 0 &&
            zone.comparePoint(r.endContainer, r.endOffset) >= 0 &&
            !(r.endContainer === zone.startContainer && r.endOffset === zone.startOffset) &&
            !(r.startContainer === zone.endContainer && r.startOffset === zone.endOffset);
          if (overlaps || (inZone(r.startContainer, r.startOffset) && inZone(r.endContainer, r.endOffset)))
            add(name, r);
        }
      } catch {
        // (Firefox hides a content script's ranges from the page.)
      }
    });
    // What paints: every word in the zone, hit-tested.
    for (const t of texts) {
      if (enough !== undefined && out.marks.length >= enough) break;
      // (Words before the zone's start are not looked at: a 600,000-character node has many.)
      const words = /\S+/g;
      if (t === zone.startContainer) words.lastIndex = zone.startOffset;
      else if (zone.comparePoint(t, t.data.length) < 0) continue;
      for (let m = words.exec(t.data); m; m = words.exec(t.data)) {
        if (enough !== undefined && out.marks.length >= enough) break;
        const start = m.index;
        if (!inZone(t, start)) continue;
        const word = document.createRange();
        word.setStart(t, start);
        word.setEnd(t, start + m[0].length);
        let box = word.getClientRects()[0];
        if (!box) continue;
        if (box.top < 0 || box.bottom > innerHeight) {
          window.scrollBy({ top: box.top - innerHeight / 2, behavior: 'instant' as ScrollBehavior });
          box = word.getClientRects()[0];
          if (!box) continue;
        }
        const here: string[] = [];
        for (const hit of registry.highlightsFromPoint(box.left + box.width / 2, box.top + box.height / 2)) {
          const name = names.get(hit.highlight);
          if (!name) continue;
          for (const r of hit.ranges) {
            add(name, r);
            here.push(`${name.replace(/-quiet$/, '')} ${key(r)}`);
          }
        }
        if (new Set(here).size < here.length) out.doubled += 1;
      }
    }
  }
  return out;
}

/** Runs in the page: whether the open card covers any box of the phrase; null if the phrase is not in one text node. */
export function cardOverlap(phrase: string): boolean | null {
  const card = document.querySelector('sidenote-root')?.shadowRoot?.querySelector('.sn-card');
  if (!card) return null;
  const c = card.getBoundingClientRect();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf(phrase);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + phrase.length);
    return Array.from(range.getClientRects()).some(
      (m) => m.left < c.right && c.left < m.right && m.top < c.bottom && c.top < m.bottom,
    );
  }
  return null;
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

/** Runs in the page: the open card's keyboard state (the page's active element, the card's). */
export function keyboardState(): { active: string; inCard: boolean; live: string } {
  const host = document.querySelector('sidenote-root');
  const active = document.activeElement;
  const describe = (el: Element | null) =>
    el
      ? `${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('href') ? `[${el.getAttribute('href')}]` : ''}`
      : '';
  return {
    active: describe(active),
    inCard: active === host && !!host?.shadowRoot?.activeElement?.closest('.sn-card'),
    live: host?.shadowRoot?.querySelector('.sn-live')?.textContent ?? '',
  };
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

/**
 * Runs in the page: anything of Sidenote's inside the page's own elements (an element or an
 * attribute named `sidenote…`, a tab stop on a `sidenote` element), and where its host hangs.
 * Empty when Sidenote is only where it belongs: its host on `<html>`.
 */
export function sidenoteInPage(): string[] {
  const found: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el.localName.startsWith('sidenote')) found.push(`element <${el.localName}>`);
    for (const attr of el.getAttributeNames())
      if (/^(data-)?sidenote/.test(attr)) found.push(`attribute ${attr} on <${el.localName}>`);
  }
  for (const host of Array.from(document.querySelectorAll('sidenote-root')))
    if (host.parentNode !== document.documentElement) found.push(`host under <${host.parentElement?.localName}>`);
  for (const attr of document.documentElement.getAttributeNames())
    if (/^(data-)?sidenote/.test(attr)) found.push(`attribute ${attr} on <html>`);
  if (document.body.getAttributeNames().some((a) => /^(data-)?sidenote/.test(a))) found.push('attribute on <body>');
  return found;
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
