import type { Attribution, ClaimMention, Detection, EntityMention } from '../contracts/detection';
import { EntityIndex, type KnownEntity } from '../detect/coref';
import { blockIndexAt } from '../sites/block-offsets';

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
  /** `pageEntityId`: the page entity the source is, when an entity names it. */
  source?: Attribution & { pageClaimIds: string[]; pageEntityId?: string };
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

/** A placed entity mention, with where it sits in the page's reading order (for `settle`). */
interface Placed<M extends PageMention> {
  mention: M;
  /** The block's place among the pass's blocks, then the offset in the block. */
  block: number;
  start: number;
}
type PlacedEntity = Placed<PageMention & { entity: NonNullable<PageMention['entity']> }>;

/** A run's placed entity mentions by the run's own entity ids. */
type RunEntities = Map<string, PlacedEntity[]>;

/** Where a span of one run falls: its block, and its start and end in that block's text. */
type Where = { block: number; start: number; end: number };

/** What placing one detection run shares between its entities, claims and sources. */
interface Placing {
  /** The run's entity ids, as the page's. */
  local: Map<string, string>;
  /** The run's entities, placed, by the run's id. */
  run: RunEntities;
  /** The run's claim ids, as the page's. */
  claimIds: Map<string, string>;
  locate: (start: number, end: number) => Where | null;
  keep: <M extends PageMention>(mention: M) => Placed<M>;
}

/** A placed claim or source, with its detection run's entity mentions (for `settle`). */
interface PlacedWithEntities {
  mention: PageMention;
  run: RunEntities;
}

/**
 * The page entity of the run's mention of `localId` inside `[from, to)` (offsets into the run's
 * text): a claim's entities are those of its sentence, a source's the one that names it. Taken by
 * mention, not by the run's id alone: a slice may join "Apte" to the one "Josh Apte" it holds,
 * where the page, which also has "Joshua Apte", joins it to neither.
 */
function pageEntitiesIn(run: RunEntities, localIds: readonly string[], from: number, to: number): string[] {
  // Every page entity the run's ids stand for within the stretch, by position: a slice's one id
  // may cover mentions the page keeps apart, and the order must not depend on the slice's ids.
  const found: [number, string][] = [];
  for (const localId of new Set(localIds))
    for (const placed of run.get(localId) ?? []) {
      const at = placed.mention.entity.start;
      if (at >= from && at < to) found.push([at, placed.mention.entity.pageEntityId]);
    }
  return [...new Set(found.sort((a, b) => a[0] - b[0]).map(([, id]) => id))];
}

function pageEntityIn(run: RunEntities, localId: string, from: number, to: number): string | undefined {
  for (const placed of run.get(localId) ?? []) {
    const at = placed.mention.entity.start;
    if (at >= from && at < to) return placed.mention.entity.pageEntityId;
  }
  return undefined;
}

/**
 * Keeps ids stable across several detection runs on one page (the article in slices, text
 * added later): a mention in a later run joins the entity an earlier run found when `coref.ts`
 * says they are one ("Assad" after "Bashar Al-Assad"), exactly as within one run.
 *
 * `place` gives each slice's mentions ids as they come back (slices come back nearest the
 * viewport first, not in reading order); `settle`, once a pass's slices are all in, decides the
 * pass's entities again in the page's reading order, so which page entity a mention joins, the
 * entity's name, role, title and descriptor, and the entities' order are those of one pass over
 * the whole text, whatever the slicing and the order the slices came in.
 */
export class MentionRegistry {
  readonly entities = new Map<string, PageEntity>();
  private counters = { e: 0, c: 0, s: 0, x: 0 };
  private run = 0;
  private index = new EntityIndex(() => this.next('x'));
  /** The mentions of the pass not settled yet: its entity mentions, all of them, its claims and sources. */
  private placedEntities: PlacedEntity[] = [];
  private placedInPass: Placed<PageMention>[] = [];
  private placedWithEntities: PlacedWithEntities[] = [];
  /**
   * The settled passes, as a later settle starts from them: every distinct name resolved (type,
   * name, name matched), in reading order, and the entities as they stood. Replaying the names
   * gives the same entities and ids (a name met again changes nothing), so a page that keeps
   * adding text costs one entry per new name, never one per mention.
   */
  private history: Array<[EntityMention['type'], string, string]> = [];
  private historyKeys = new Set<string>();
  private settledEntities = new Map<string, PageEntity>();
  /** Blocks placed in this pass without a place given: such slices are taken to come in reading order. */
  private blocksInPass = 0;

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
   * separator are cut at the end of their first block. `at` is the place of the run's first
   * block among the pass's blocks in reading order (by default, runs are taken to come in order).
   */
  place(
    detection: Detection,
    starts: readonly number[],
    lengths: readonly number[],
    firstBlock = 0,
    at = this.blocksInPass,
  ): PageMention[] {
    this.run += 1;
    this.blocksInPass = Math.max(this.blocksInPass, at + starts.length);
    const out: PageMention[] = [];
    const placing: Placing = {
      local: new Map(),
      run: new Map(),
      claimIds: new Map(),
      locate: (start, end) => {
        const index = blockIndexAt(starts, (i) => lengths[i]!, start);
        if (index < 0) return null;
        const blockStart = starts[index]!;
        const blockEnd = blockStart + lengths[index]!;
        const where = {
          block: firstBlock + index,
          start: start - blockStart,
          end: Math.min(end, blockEnd) - blockStart,
        };
        return where.end > where.start ? where : null;
      },
      keep: (mention) => {
        const placed = { mention, block: at + mention.block - firstBlock, start: mention.start };
        this.placedInPass.push(placed);
        out.push(mention);
        return placed;
      },
    };
    this.placeEntities(detection.entities, placing);
    this.placeClaims(detection.claims, placing);
    this.placeSources(detection.attributions, placing);
    return out;
  }

  private placeEntities(entities: readonly EntityMention[], { locate, keep, local, run }: Placing): void {
    for (const entity of entities) {
      const where = locate(entity.start, entity.end);
      if (!where) continue;
      const pageEntityId = this.pageEntityId(entity, local);
      const placed = keep({
        id: this.next('e'),
        kind: 'entity' as const,
        type: entity.type,
        ...where,
        text: entity.text,
        label: this.entities.get(pageEntityId)!.name,
        entity: { ...entity, pageEntityId },
      });
      this.placedEntities.push(placed);
      const same = run.get(entity.entityId) ?? [];
      run.set(entity.entityId, same);
      same.push(placed);
    }
  }

  private placeClaims(claims: readonly ClaimMention[], { locate, keep, local, run, claimIds }: Placing): void {
    for (const claim of claims) {
      const where = locate(claim.start, claim.end);
      if (!where) continue;
      const id = this.next('c');
      claimIds.set(claim.id, id);
      const pageEntityIds = claim.entityIds.map((e) => local.get(e)).filter((e): e is string => !!e);
      const claimantEntityId = claim.claimant?.entityId ? local.get(claim.claimant.entityId) : undefined;
      const { mention } = keep({
        id,
        kind: 'claim' as const,
        type: claim.kind,
        ...where,
        text: claim.text,
        // The claim's own words, shortened: the key phrase is a search query, not something to read.
        label: claim.text.length > 140 ? `${claim.text.slice(0, 139).trimEnd()}…` : claim.text,
        claim: { ...claim, pageEntityIds, claimantEntityId },
      });
      this.placedWithEntities.push({ mention, run });
    }
  }

  private placeSources(attributions: readonly Attribution[], { locate, keep, run, claimIds }: Placing): void {
    for (const source of attributions) {
      const where = locate(source.start, source.end);
      if (!where) continue;
      const named = source.entityId ? run.get(source.entityId)?.[0] : undefined;
      const { mention } = keep({
        id: this.next('s'),
        kind: 'source',
        type: source.kind,
        ...where,
        text: source.text,
        label: named ? named.mention.label : source.source,
        source: {
          ...source,
          pageClaimIds: source.claimIds.map((c) => claimIds.get(c)).filter((c): c is string => !!c),
          ...(named ? { pageEntityId: named.mention.entity.pageEntityId } : {}),
        },
      });
      this.placedWithEntities.push({ mention, run });
    }
  }

  /**
   * Closes a pass whose slices are all placed: its entities are decided again in reading order,
   * after every earlier pass's (which keep their ids), and its mentions, claims and sources point at
   * them. Returns the pass's mentions in reading order.
   */
  settle(): PageMention[] {
    const byPlace = (a: Placed<PageMention>, b: Placed<PageMention>) => a.block - b.block || a.start - b.start;
    const order = this.placedEntities.sort(byPlace);
    this.counters.x = 0;
    const index = new EntityIndex(() => this.next('x'));
    const known = new Map<string, KnownEntity>();
    for (const [type, name, match] of this.history) {
      const { entity } = index.resolve(type, name, match);
      known.set(entity.id, entity);
    }
    this.entities.clear();
    for (const [id, page] of this.settledEntities) this.entities.set(id, { ...page });
    for (const { mention } of order) this.resolveEntity(mention.entity, index, known);
    // Names last: a full name met after a short one renames the entity for every mention.
    for (const page of this.entities.values()) page.name = known.get(page.id)?.name ?? page.name;
    for (const { mention } of order) {
      mention.entity.name = this.entities.get(mention.entity.pageEntityId)!.name;
      mention.label = mention.entity.name;
    }
    for (const placed of this.placedWithEntities) this.pointAtEntities(placed);
    this.index = index;
    this.settledEntities = new Map([...this.entities].map(([id, page]) => [id, { ...page }]));
    const settled = this.placedInPass.sort(byPlace).map((p) => p.mention);
    this.placedEntities = [];
    this.placedWithEntities = [];
    this.placedInPass = [];
    this.blocksInPass = 0;
    return settled;
  }

  /** Decides one entity mention again (in reading order), and lets it fill in its page entity. */
  private resolveEntity(
    e: PlacedEntity['mention']['entity'],
    index: EntityIndex,
    known: Map<string, KnownEntity>,
  ): void {
    const match = e.type === 'event' ? (e.lookupTitle ?? e.text) : e.text;
    const { entity } = index.resolve(e.type, e.text, match);
    const key = `${e.type}\u0000${e.text}\u0000${match}`;
    if (!this.historyKeys.has(key)) {
      this.historyKeys.add(key);
      this.history.push([e.type, e.text, match]);
    }
    e.pageEntityId = entity.id;
    known.set(entity.id, entity);
    let page = this.entities.get(entity.id);
    if (!page) {
      page = { id: entity.id, name: entity.name, type: e.type };
      this.entities.set(entity.id, page);
    }
    // The first mention in reading order that gives a role, a title, a kind of place or a date gives it.
    if (e.role !== undefined) page.role ??= e.role;
    if (e.lookupTitle !== undefined) page.lookupTitle ??= e.lookupTitle;
    if (e.descriptor !== undefined) page.descriptor ??= e.descriptor;
    if (e.date !== undefined) page.date ??= e.date.value;
  }

  /** A claim or a source points at the page entities its run's entities were settled as. */
  private pointAtEntities({ mention, run }: PlacedWithEntities): void {
    const { claim, source } = mention;
    if (claim) {
      const { start, end } = claim.sentence;
      claim.pageEntityIds = pageEntitiesIn(run, claim.entityIds, start, end);
      const claimant = claim.claimant?.entityId ? pageEntityIn(run, claim.claimant.entityId, start, end) : undefined;
      if (claimant) claim.claimantEntityId = claimant;
      else delete claim.claimantEntityId;
    }
    const named = source?.entityId ? pageEntityIn(run, source.entityId, source.start, source.end) : undefined;
    if (source && named) {
      // A source named by an entity goes by the page's name for it ("Adam Neumann", not "Neumann").
      source.pageEntityId = named;
      mention.label = this.entities.get(named)!.name;
    } else if (source) delete source.pageEntityId;
  }
}
