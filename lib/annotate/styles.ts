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
 * The marks' stylesheet: quiet underlines that tell entity (dotted), source (dashed), claim
 * (solid line) and disputed claim (red dashes) apart. Only paint: text-decoration, a
 * background-image line and an outline on focus, never padding, margins or borders, so no
 * box on the page moves. Box properties are pinned with !important against page rules like
 * `article * { padding: ... }`. Kinds the reader turned off lose their underline.
 */
export function markStylesheet(dark: boolean, kinds: MarkKinds): string {
  const c = dark ? PALETTES.dark : PALETTES.light;
  const m = MARK_TAG;
  const line = (color: string) => `linear-gradient(${color}, ${color})`;
  const dashes = (color: string) => `repeating-linear-gradient(90deg, ${color} 0 4px, transparent 4px 7px)`;
  const rules = [
    `${m} { display: inline !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
      float: none !important; position: static !important; width: auto !important; height: auto !important;
      min-width: 0 !important; min-height: 0 !important; font: inherit; color: inherit; letter-spacing: inherit;
      word-spacing: inherit; line-height: inherit; vertical-align: baseline !important; transform: none !important;
      box-decoration-break: slice; -webkit-box-decoration-break: slice; cursor: help; border-radius: 2px;
      background-repeat: no-repeat; background-position: 0 100%; background-size: 100% 2px; }`,
    kinds.entities &&
      `${m}[${MARK_ATTR.kind}="entity"] { text-decoration: underline dotted ${c.entity} !important;
      text-decoration-thickness: 2px !important; text-underline-offset: 3px !important; }`,
    kinds.source &&
      `${m}[${MARK_ATTR.kind}="source"] { text-decoration: underline dashed ${c.source} !important;
      text-decoration-thickness: 1.5px !important; text-underline-offset: 3px !important; }`,
    kinds.claims &&
      `${m}[${MARK_ATTR.kind}="claim"], ${m}[${MARK_ATTR.claim}] { background-image: ${line(c.claim)} !important; }`,
    kinds.claims &&
      `${m}[${MARK_ATTR.kind}="claim"][${MARK_ATTR.type}="disputed"], ${m}[${MARK_ATTR.claim}="disputed"] {
      background-image: ${dashes(c.disputed)} !important; }`,
    `${m}:focus { outline: 2px solid ${c.entity}; outline-offset: 1px; }`,
    `${m}:focus:not(:focus-visible) { outline: none; }`,
    `${m}[${MARK_ATTR.open}] { background-color: ${c.focus} !important; }`,
    !kinds.entities && `${m}[${MARK_ATTR.kind}="entity"] { cursor: auto; }`,
    !kinds.source && `${m}[${MARK_ATTR.kind}="source"] { cursor: auto; }`,
    !kinds.claims && `${m}[${MARK_ATTR.kind}="claim"] { cursor: auto; }`,
  ];
  return rules.filter(Boolean).join('\n');
}
