/** The dates component: date expressions resolved against the reference date (lib/detect/dates.ts). */
import { findDates } from '../dates';
import type { Doc } from '../pipeline/doc';

/** Adds `doc.dates`. */
export function dates(doc: Doc): void {
  doc.dates = findDates(doc.text, doc.setting.ref);
}
