import { HOST_TAG } from '../page/names';
import { FOCUS_HIGHLIGHT, type HighlightKind, highlightName, OPEN_HIGHLIGHT } from './highlights';
import type { MentionKind } from './mentions';

export interface MarkKinds {
  entities: boolean;
  claims: boolean;
  source: boolean;
}

/** Whether a mention kind is shown under the reader's settings. */
export function kindOn(kinds: MarkKinds, kind: MentionKind): boolean {
  return kind === 'entity' ? kinds.entities : kind === 'claim' ? kinds.claims : kinds.source;
}

/** Underline colours, one set for light pages and one for dark. */
const PALETTES = {
  light: {
    entity: '#2f6db5',
    source: '#2e7d5b',
    claim: '#c77700',
    disputed: '#c62828',
    open: 'rgba(47,109,181,.14)',
    focus: 'rgba(47,109,181,.30)',
  },
  dark: {
    entity: '#8cbcf2',
    source: '#7fd1a8',
    claim: '#f5b950',
    disputed: '#ff8a80',
    open: 'rgba(140,188,242,.2)',
    focus: 'rgba(140,188,242,.38)',
  },
} as const;

/**
 * Each kind's line: dotted for names, dashed for sources, solid for claims, red dashes for
 * disputed ones. A claim's line sits lower than a name's, so a name inside a claim shows both.
 */
const LINES: Record<HighlightKind, { style: string; width: string; offset: string }> = {
  entity: { style: 'dotted', width: '2px', offset: '3px' },
  source: { style: 'dashed', width: '1.5px', offset: '3px' },
  claim: { style: 'solid', width: '2px', offset: '6px' },
  disputed: { style: 'dashed', width: '2px', offset: '6px' },
};

/** Selects the page's text when Sidenote's host says the page is dark (see `highlightStylesheet`). */
export const DARK_SCOPE = `:root:has(> ${HOST_TAG}[data-sidenote-theme="dark"])`;

function rules(palette: (typeof PALETTES)['light' | 'dark'], scope: string): string[] {
  const at = (name: string) => `${scope}::highlight(${name})`;
  const out = (Object.keys(LINES) as HighlightKind[]).map((kind) => {
    const line = LINES[kind];
    return `${at(highlightName(kind, false))} { text-decoration: underline ${line.style} ${palette[kind]}; text-decoration-thickness: ${line.width}; text-underline-offset: ${line.offset}; }`;
  });
  out.push(`${at(OPEN_HIGHLIGHT)} { background-color: ${palette.open}; }`);
  out.push(`${at(FOCUS_HIGHLIGHT)} { background-color: ${palette.focus}; }`);
  return out;
}

/**
 * How marks look: rules for the highlights Sidenote registers (lib/annotate/highlights.ts). Marks
 * without a line (`sidenote-<kind>-quiet`) have no rule: they paint nothing until they show
 * their line (hovered, focused, open, or chosen). Only paint: nothing on the page moves.
 *
 * `theme`: the rules for one theme (what the page part puts in its host in Chromium), or `both`
 * (Firefox's declared stylesheet): light rules, and dark ones under `DARK_SCOPE`.
 */
export function highlightStylesheet(theme: 'light' | 'dark' | 'both'): string {
  if (theme !== 'both') return rules(PALETTES[theme], '').join('\n');
  return [...rules(PALETTES.light, ''), ...rules(PALETTES.dark, `${DARK_SCOPE} `)].join('\n');
}
