/**
 * Stand-in detectors for the annotator's tests: names from a list are places, and "rose N per cent"
 * is a statistic. Each test file says which names and which claims it wants.
 */
import type { DetectFn } from '../../../lib/annotate/annotator';
import type { Detection, EntityMention } from '../../../lib/detect/types';

type Claim = Detection['claims'][number];

/** The place names most tests mark. */
export const PLACES = ['Lisbon', 'Porto', 'Madrid'];

/** Every occurrence of each name in `text` as a place, name by name (not in text order). */
export function placeMentions(text: string, names: readonly string[] = PLACES): EntityMention[] {
  const entities: EntityMention[] = [];
  for (const name of names)
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
      entities.push({ start: at, end: at + name.length, text: name, type: 'place', entityId: name, name });
  return entities;
}

/** A statistic claim over the match `m` ("rose N per cent"). */
export function perCentClaim(
  m: { index: number; 0: string },
  id: string,
  score: number,
  sentence: Claim['sentence'],
): Claim {
  return {
    id,
    kind: 'statistic',
    score,
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    sentence,
    figures: [],
    dates: [],
    entityIds: [],
    keyPhrase: m[0],
  };
}

export interface StubDetectOptions {
  /** The names marked as places (default PLACES). */
  names?: readonly string[];
  /** Entities in text order rather than name by name. */
  sorted?: boolean;
  /** The claims found in a text (default none). */
  claims?: (text: string) => Claim[];
}

/** A detector that finds `names` as places and the claims `claims` gives. */
export function stubDetect({ names = PLACES, sorted = false, claims }: StubDetectOptions = {}): DetectFn {
  return (text) => {
    const entities = placeMentions(text, names);
    if (sorted) entities.sort((a, b) => a.start - b.start);
    return { entities, claims: claims?.(text) ?? [], attributions: [] };
  };
}
