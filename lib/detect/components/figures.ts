/**
 * The figures component: the figures each sentence's statement states (lib/detect/figures.ts),
 * read from where the statement starts (after a label or dateline). Years and numbers inside
 * dates ("17 May 2018") are dates, not figures.
 */
import { findFigures } from '../figures';
import type { Doc } from '../pipeline/doc';
import { within } from '../spans';
import { statementOffset } from '../statement';
import type { Figure } from '../types';

/** Adds `doc.figures`, in text order (after `dates`). */
export function figures(doc: Doc): void {
  const { text } = doc;
  const dates = doc.dates!;
  const out: Figure[] = [];
  for (const s of doc.sentences) {
    const start = statementOffset(text, s);
    const sDates = within(dates, start, s.end);
    for (const f of findFigures(text.slice(start, s.end), start))
      if (f.unit !== 'year' && !sDates.some((d) => d.start < f.end && f.start < d.end)) out.push(f);
  }
  doc.figures = out;
}
