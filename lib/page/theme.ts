/** Relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function luminance(r: number, g: number, b: number): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Parses `rgb(...)`/`rgba(...)` as computed styles give them; null when transparent or unknown. */
export function opaqueColour(value: string): [number, number, number] | null {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)/.exec(value);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  if (alpha < 0.5) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * Whether the page is dark: its own background (body, else the root element) decides when it
 * paints one, since that is what the reader sees; a page that paints none follows the
 * browser's colour scheme (`prefers-color-scheme`), as its canvas does.
 */
export function isDarkPage(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view) return false;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const colour = opaqueColour(view.getComputedStyle(el).backgroundColor);
    if (colour) return luminance(...colour) < 0.2;
  }
  const scheme = view.getComputedStyle(doc.documentElement).colorScheme ?? '';
  const prefersDark = view.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return prefersDark && (scheme.includes('dark') || scheme === 'normal' || scheme === '');
}
