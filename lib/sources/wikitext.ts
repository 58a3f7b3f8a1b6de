/**
 * Just enough wikitext reading for the Perennial sources table: templates with their
 * arguments, links, and plain text. String work only (no DOM), so it runs in a service worker.
 */

export interface Template {
  /** Name as written, trimmed, first letter upper-cased: "WP:RSPSTATUS", "Rsnl". */
  name: string;
  /** Positional and named arguments, trimmed; named ones as "key=value" are split out. */
  args: string[];
  named: Record<string, string>;
}

/** Top-level templates in `text`, in order (nested ones are part of their parent's arguments). */
export function templates(text: string): Template[] {
  const found: Template[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '{' && text[i + 1] === '{') {
      if (depth === 0) start = i + 2;
      depth++;
      i++;
    } else if (text[i] === '}' && text[i + 1] === '}' && depth > 0) {
      depth--;
      if (depth === 0) found.push(readTemplate(text.slice(start, i)));
      i++;
    }
  }
  return found;
}

function readTemplate(body: string): Template {
  const parts = splitTopLevel(body, '|');
  const name = (parts.shift() ?? '').trim();
  const args: string[] = [];
  const named: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    if (key && /^[\w -]+$/.test(key)) named[key.toLowerCase()] = part.slice(eq + 1).trim();
    else args.push(part.trim());
  }
  return { name: name.charAt(0).toUpperCase() + name.slice(1), args, named };
}

/** Splits on `sep` where it is not inside a template or a link. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  const first = sep.charCodeAt(0);
  // Character codes, not substrings: this runs over every character of the list's wikitext.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if ((c === 123 && next === 123) || (c === 91 && next === 91)) {
      depth++;
      i++;
    } else if (((c === 125 && next === 125) || (c === 93 && next === 93)) && depth > 0) {
      depth--;
      i++;
    } else if (depth === 0 && c === first && text.startsWith(sep, i)) {
      parts.push(text.slice(last, i));
      last = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(last));
  return parts;
}

export interface WikiLink {
  target: string;
  label: string;
}

/** Internal links `[[target|label]]` / `[[target]]` in order (not images or categories). */
export function links(text: string): WikiLink[] {
  const found: WikiLink[] = [];
  for (const m of text.matchAll(/\[\[([^[\]|]+)(?:\|([^[\]]*))?\]\]/g)) {
    const target = (m[1] ?? '').trim();
    if (/^(file|image|category):/i.test(target)) continue;
    found.push({ target, label: (m[2] ?? target).trim() });
  }
  return found;
}

/** Templates whose last argument is text a reader sees (small print, language marks, links to people). */
const TEXT_TEMPLATES = /^(small|smaller|nowrap|lang|em|strong|pslink|noitalic|nobr|abbr|ill|proper name)$/i;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  thinsp: ' ',
};

/** Wikitext to one line of plain text: markup, references, comments and unknown templates dropped. */
export function plainText(wikitext: string): string {
  let text = wikitext
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<ref[^>/]*\/>/gi, '')
    .replace(/<ref[^>]*>[\s\S]*?<\/ref>/gi, '');
  // Templates, innermost first, so a text template inside another keeps its words.
  for (let round = 0; round < 8 && text.includes('{{'); round++) {
    text = text.replace(/\{\{([^{}]*)\}\}/g, (_whole, body: string) => {
      const t = readTemplate(body);
      if (TEXT_TEMPLATES.test(t.name.trim())) return t.args[t.args.length - 1] ?? '';
      return '';
    });
  }
  text = text
    .replace(/\[\[(?:[^[\]|]*\|)?([^[\]]*)\]\]/g, '$1')
    .replace(/\[(?:https?:)?\/\/[^\s\]]+\s*([^\]]*)\]/g, '$1')
    .replace(/'{2,}/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? whole;
    });
  return text.replace(/\s+/g, ' ').trim();
}
