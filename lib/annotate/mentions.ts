import { EntityIndex } from '../detect/coref';
import type { Attribution, ClaimMention, Detection, EntityMention } from '../detect/types';

/** What a mark stands for on the page. */
export type MentionKind = 'entity' | 'claim' | 'source';

/** One detected mention, placed in one block of the article. */
export interface PageMention {
  /** Unique on the page: "e12", "c3", "s1". */
  id: string;
  kind: MentionKind;
  /** Entity type, claim kind, or attribution kind. */
  type: string;
  /** The block it sits in, and where in the block's text (end exclusive). */
  block: number;
  start: number;
  end: number;
  text: string;
  /** What the popup lists: the entity's name, the claim's key phrase, the source's name. */
  label: string;
  entity?: EntityMention & { pageEntityId: string };
  claim?: ClaimMention & { pageEntityIds: string[]; claimantEntityId?: string };
  source?: Attribution & { pageClaimIds: string[] };
}

/** Card data shared by every mention of one entity. */
export interface PageEntity {
  id: string;
  name: string;
  type: EntityMention['type'];
  role?: string;
  lookupTitle?: string;
  descriptor?: string;
  date?: string;
}

/**
 * Keeps ids stable across several detection runs on one page (the article in chunks, text
 * added later): a mention in a later run joins the entity an earlier run found when `coref.ts`
 * says they are one ("Assad" after "Bashar Al-Assad"), exactly as within one run.
 */
export class MentionRegistry {
  readonly entities = new Map<string, PageEntity>();
  private counters = { e: 0, c: 0, s: 0, x: 0 };
  private run = 0;
  private index = new EntityIndex(() => this.next('x'));

  private next(prefix: 'e' | 'c' | 's' | 'x'): string {
    this.counters[prefix] += 1;
    return `${prefix}${this.counters[prefix]}`;
  }

  private pageEntityId(mention: EntityMention, local: Map<string, string>): string {
    const known = local.get(mention.entityId);
    if (known) return known;
    const { entity: found, created } = this.index.resolve(
      mention.type,
      mention.name,
      mention.lookupTitle ?? mention.name,
    );
    const id = found.id;
    if (created) {
      this.entities.set(id, {
        id,
        name: mention.name,
        type: mention.type,
        role: mention.role,
        lookupTitle: mention.lookupTitle,
        descriptor: mention.descriptor,
        date: mention.date?.value,
      });
    } else {
      const entity = this.entities.get(id)!;
      // Keep the fullest name and any role the text gives later.
      entity.name = found.name;
      entity.role ??= mention.role;
      entity.lookupTitle ??= mention.lookupTitle;
      entity.descriptor ??= mention.descriptor;
      entity.date ??= mention.date?.value;
    }
    local.set(mention.entityId, id);
    return id;
  }

  /**
   * Turns one detection run over `text` (blocks joined, starting at `starts`, numbered from
   * `firstBlock`) into page mentions, each inside one block. Spans that cross a block
   * separator are cut at the end of their first block.
   */
  place(detection: Detection, starts: readonly number[], lengths: readonly number[], firstBlock = 0): PageMention[] {
    this.run += 1;
    const local = new Map<string, string>();
    const out: PageMention[] = [];
    const locate = (start: number, end: number) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= start) lo = mid + 1;
        else hi = mid - 1;
      }
      if (hi < 0) return null;
      const blockStart = starts[hi]!;
      const blockEnd = blockStart + lengths[hi]!;
      if (start >= blockEnd) return null;
      return { block: firstBlock + hi, start: start - blockStart, end: Math.min(end, blockEnd) - blockStart };
    };

    for (const entity of detection.entities) {
      const at = locate(entity.start, entity.end);
      if (!at || at.end <= at.start) continue;
      const pageEntityId = this.pageEntityId(entity, local);
      out.push({
        id: this.next('e'),
        kind: 'entity',
        type: entity.type,
        ...at,
        text: entity.text,
        label: this.entities.get(pageEntityId)!.name,
        entity: { ...entity, pageEntityId },
      });
    }
    const claimIds = new Map<string, string>();
    for (const claim of detection.claims) {
      const at = locate(claim.start, claim.end);
      if (!at || at.end <= at.start) continue;
      const id = this.next('c');
      claimIds.set(claim.id, id);
      const pageEntityIds = claim.entityIds.map((e) => local.get(e)).filter((e): e is string => !!e);
      const claimantEntityId = claim.claimant?.entityId ? local.get(claim.claimant.entityId) : undefined;
      out.push({
        id,
        kind: 'claim',
        type: claim.kind,
        ...at,
        text: claim.text,
        // The claim's own words, shortened: the key phrase is a search query, not something to read.
        label: claim.text.length > 140 ? `${claim.text.slice(0, 139).trimEnd()}…` : claim.text,
        claim: { ...claim, pageEntityIds, claimantEntityId },
      });
    }
    for (const source of detection.attributions) {
      const at = locate(source.start, source.end);
      if (!at || at.end <= at.start) continue;
      out.push({
        id: this.next('s'),
        kind: 'source',
        type: source.kind,
        ...at,
        text: source.text,
        label: source.source,
        source: {
          ...source,
          pageClaimIds: source.claimIds.map((c) => claimIds.get(c)).filter((c): c is string => !!c),
        },
      });
    }
    return out;
  }
}
