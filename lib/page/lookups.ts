import type { PageEntity, PageMention } from '../annotate/mentions';
import type { ClaimContext, ClaimQuery, EntityContext, EntityQuery, LookupFailure } from '../contracts/lookups';
import { sendToBackground } from '../messaging/channel';
import { MAX_LOOKUPS } from './budgets';
import { failureOf, RemoteAnswers } from './remote-answers';

type Send = typeof sendToBackground;

/** Entities per `lookupEntities` message (the protocol allows 500). */
const BATCH = 100;

/** Other names sent with each entity, to choose among candidates (the protocol allows 30). */
const RELATED = 30;

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * The first `count` distinct names of the page's entities, read no further than needed: each
 * entity's related names are then these less its own, so a batch costs its size times 31, not its
 * size times the page's names (which made a page with thousands of names quadratic).
 */
function firstNames(entities: Iterable<PageEntity>, count: number): string[] {
  const names = new Set<string>();
  for (const e of entities) {
    names.add(clip(e.name, 200));
    if (names.size >= count) break;
  }
  return [...names];
}

/**
 * The page's side of lookups: entities are sent once, batched, right after detection; claims
 * when a card is about to open. Answers are kept for the life of the page. Only names, key
 * phrases and dates leave the page, never its text or address.
 */
export class Lookups {
  private entities = new RemoteAnswers<EntityContext>();
  private claims = new RemoteAnswers<ClaimContext>();
  private queue: { entity: PageEntity; search: boolean }[] = [];
  private scheduled = false;
  /** Entities whose cards were opened: a `deferred` answer for them is followed by the search. */
  private wanted = new Set<string>();
  /** Distinct entities the load batches asked for (the page's budget, `MAX_LOOKUPS`). */
  private loadAsked = 0;
  private overBudget = false;

  constructor(
    private language: () => string,
    private onChange: () => void,
    private send: Send = sendToBackground,
  ) {}

  entity(id: string): EntityContext | { status: 'loading' } {
    return this.entities.get(id) ?? { status: 'loading' };
  }

  claim(id: string): ClaimContext | LookupFailure | { status: 'loading' } {
    return this.claims.get(id) ?? { status: 'loading' };
  }

  /**
   * Whether the page had more names than its budget (`MAX_LOOKUPS`): those past it were not looked
   * up at load (each still is when the reader opens its card). For the popup's `limits.lookups`.
   */
  capped(): boolean {
    return this.overBudget;
  }

  /**
   * Queues entities not asked for yet (or whose lookup failed a while ago); sends them in batches.
   * The page-wide batch at load asks without searches (`search` false): a name whose direct
   * titles miss answers `deferred`, and its search runs only when its card opens (`search` true).
   * That keeps a page's load to a couple of batched requests, and sends fewer phrases.
   */
  requestEntities(entities: Iterable<PageEntity>, all: () => Iterable<PageEntity>, search = false): void {
    const now = Date.now();
    for (const e of entities) {
      if (search) this.wanted.add(e.id);
      const searchNow = search && this.entities.get(e.id)?.status === 'deferred';
      if (!this.entities.due(e.id, now) && !searchNow) continue;
      if (!this.entities.wasAsked(e.id) && !search) {
        // The load batch stops at the page's budget; the reader's own cards are always answered.
        if (this.loadAsked >= MAX_LOOKUPS) {
          this.overBudget = true;
          continue;
        }
        this.loadAsked += 1;
      }
      this.entities.markAsked(e.id, now);
      this.queue.push({ entity: e, search });
    }
    if (this.scheduled || !this.queue.length) return;
    this.scheduled = true;
    // Gather what one pass of marking found before sending: fewer, larger messages.
    setTimeout(() => {
      this.scheduled = false;
      const queued = this.queue.splice(0);
      const names = firstNames(all(), RELATED + 1);
      for (const search of [false, true]) {
        const batch = queued.filter((q) => q.search === search).map((q) => q.entity);
        for (let i = 0; i < batch.length; i += BATCH) {
          void this.sendEntities(batch.slice(i, i + BATCH), names, search, all);
        }
      }
    }, 50);
  }

  private async sendEntities(
    batch: PageEntity[],
    names: string[],
    search: boolean,
    all: () => Iterable<PageEntity>,
  ): Promise<void> {
    const queries: EntityQuery[] = batch.map((e) => ({
      key: e.id,
      name: clip(e.name, 200),
      type: e.type,
      lookupTitle: e.lookupTitle ? clip(e.lookupTitle, 200) : undefined,
      descriptor: e.descriptor,
      date: e.date,
      related: names.filter((n) => n !== clip(e.name, 200)).slice(0, RELATED),
    }));
    const reply = await this.send('lookupEntities', { language: this.language(), entities: queries, search });
    const follow: PageEntity[] = [];
    batch.forEach((e, i) => {
      const key = queries[i]!.key;
      const result = reply.ok ? reply.value.results[key] : undefined;
      this.entities.set(key, result ?? (reply.ok ? { status: 'none' } : failureOf()));
      // A card opened while the load batch was on its way: its search follows now.
      if (result?.status === 'deferred' && this.wanted.has(key)) follow.push(e);
    });
    this.onChange();
    if (follow.length) this.requestEntities(follow, all, true);
  }

  /** Asks for a claim's context and fact-checks, once (again only after a failure). */
  async requestClaim(
    mention: PageMention,
    entityOf: (id: string) => PageEntity | undefined,
    pageEntities: () => Iterable<PageEntity> = () => [],
  ): Promise<void> {
    const claim = mention.claim;
    if (!claim) return;
    const now = Date.now();
    if (!this.claims.due(mention.id, now)) return;
    this.claims.markAsked(mention.id, now);
    const about = claim.pageEntityIds.map(entityOf).filter((e): e is PageEntity => !!e);
    const query: ClaimQuery = {
      key: mention.id,
      kind: claim.kind,
      keyPhrase: clip((claim.keyPhrase || claim.text).trim() || mention.text, 300),
      entities: about.map((e) => clip(e.name, 200)).slice(0, 10),
      subjects: about
        .filter((e) => e.type === 'event' && e.lookupTitle)
        .map((e) => clip(e.lookupTitle!, 200))
        .slice(0, 5),
      pageEvents: [
        ...new Set(
          [...pageEntities()].filter((e) => e.type === 'event' && e.lookupTitle).map((e) => clip(e.lookupTitle!, 200)),
        ),
      ].slice(0, 5),
      date: claim.dates[0]?.value,
    };
    const reply = await this.send('lookupClaim', { language: this.language(), claim: query });
    this.claims.settle(mention.id, reply);
    this.onChange();
  }
}
