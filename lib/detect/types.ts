/**
 * What detection finds in a text. The types that cross the message boundary are inferred from
 * their schemas in lib/contracts/detection.ts (the contract between `lib/detect/`, which produces
 * them, and the page, the background and the annotator, which consume them); the page, popup and
 * views import them from there. Offsets are UTF-16 indices into the text given to `detect`, end
 * exclusive.
 */

export type {
  Attribution,
  ClaimKind,
  ClaimMention,
  Detection,
  DetectOptions,
  EntityMention,
  EntityType,
  Figure,
  PageContext,
  PageName,
  ResolvedDate,
  Span,
} from '../contracts/detection';
