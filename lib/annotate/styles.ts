import { MARK_ATTR, MARK_TAG } from './marks';
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
  light: { entity: '#2f6db5', source: '#2e7d5b', claim: '#c77700', disputed: '#c62828', focus: 'rgba(47,109,181,.14)' },
  dark: { entity: '#8cbcf2', source: '#7fd1a8', claim: '#f5b950', disputed: '#ff8a80', focus: 'rgba(140,188,242,.2)' },
} as const;

/**
 * The variables that give marks their look (lib/annotate/marks.css uses them): quiet underlines
 * that tell entity (dotted), source (dashed), claim (solid line) and disputed claim (red
 * dashes) apart, in the page's theme. Kinds the reader turned off get no line and no help cursor.
 */
export function markStylesheet(dark: boolean, kinds: MarkKinds): string {
  const c = dark ? PALETTES.dark : PALETTES.light;
  const m = MARK_TAG;
  const line = (color: string) => `linear-gradient(${color}, ${color})`;
  const dashes = (color: string) => `repeating-linear-gradient(90deg, ${color} 0 4px, transparent 4px 7px)`;
  const underline = (style: string, color: string, width: string) =>
    `--sidenote-line: underline ${style} ${color}; --sidenote-line-width: ${width}; --sidenote-line-offset: 3px;`;
  const kind = (k: string) => `${m}[${MARK_ATTR.kind}="${k}"]`;
  const untouched = `:not(:hover):not(:focus):not([${MARK_ATTR.open}])`;
  const rules = [
    `${m} { --sidenote-focus: ${c.entity}; }`,
    kinds.entities && `${kind('entity')} { ${underline('dotted', c.entity, '2px')} --sidenote-cursor: help; }`,
    kinds.source && `${kind('source')} { ${underline('dashed', c.source, '1.5px')} --sidenote-cursor: help; }`,
    kinds.claims && `${kind('claim')} { --sidenote-cursor: help; }`,
    kinds.claims && `${kind('claim')}, ${m}[${MARK_ATTR.claim}] { --sidenote-claim-line: ${line(c.claim)}; }`,
    kinds.claims &&
      `${kind('claim')}[${MARK_ATTR.type}="disputed"], ${m}[${MARK_ATTR.claim}="disputed"] {
      --sidenote-claim-line: ${dashes(c.disputed)}; }`,
    `${m}[${MARK_ATTR.open}] { --sidenote-open: ${c.focus}; }`,
    // Marks without a line of their own (a later mention of a name, a claim that is not a key
    // one) keep their cursor and card, and show the line only while hovered, focused or open.
    `${m}[${MARK_ATTR.quiet}]${untouched} { --sidenote-line: none; }`,
    `${kind('claim')}[${MARK_ATTR.quiet}]${untouched}, ${m}[${MARK_ATTR.claimQuiet}]${untouched} {
      --sidenote-claim-line: none; }`,
  ];
  return rules.filter(Boolean).join('\n');
}
