import type { PageEntity, PageMention } from '../annotate/mentions';
import type { ClaimContext, ClaimQuery, EntityContext, EntityQuery, LookupFailure } from '../lookup/types';
import { sendToBackground } from '../messaging/channel';

type Send = typeof sendToBackground;

/** Entities per `lookupEntities` message (the protocol allows 500). */
const BATCH = 100;
/** A failed lookup is tried again when a card opens, but not more often than this. */
const RETRY_MS = 10_000;

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/** Why a message to the background failed, as a card shows it. */
function failureOf(): LookupFailure {
  return {
    status: 'error',
    reason: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'unavailable',
  };
}

/**
 * The page's side of lookups: entities are sent once, batched, right after detection; claims
 * when a card is about to open. Answers are kept for the life of the page. Only names, key
 * phrases and dates leave the page, never its text or address.
 */
export class Lookups {
  private entities = new Map<string, EntityContext>();
  private entityAsked = new Map<string, number>();
  private claims = new Map<string, ClaimContext | LookupFailure>();
  private claimAsked = new Map<string, number>();
  private queue: PageEntity[] = [];
  private scheduled = false;

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

  /** Queues entities not asked for yet (or whose lookup failed a while ago); sends them in batches. */
  requestEntities(entities: Iterable<PageEntity>, all: () => Iterable<PageEntity>): void {
    const now = Date.now();
    for (const e of entities) {
      const known = this.entities.get(e.id);
      const asked = this.entityAsked.get(e.id);
      if (asked !== undefined && (known?.status !== 'error' || now - asked < RETRY_MS)) continue;
      this.entityAsked.set(e.id, now);
      this.queue.push(e);
    }
    if (this.scheduled || !this.queue.length) return;
    this.scheduled = true;
    // Gather what one pass of marking found before sending: fewer, larger messages.
    setTimeout(() => {
      this.scheduled = false;
      const batch = this.queue.splice(0);
      const names = [...all()].map((e) => clip(e.name, 200));
      for (let i = 0; i < batch.length; i += BATCH) void this.sendEntities(batch.slice(i, i + BATCH), names);
    }, 50);
  }

  private async sendEntities(batch: PageEntity[], names: string[]): Promise<void> {
    const queries: EntityQuery[] = batch.map((e) => ({
      key: e.id,
      name: clip(e.name, 200),
      type: e.type,
      lookupTitle: e.lookupTitle ? clip(e.lookupTitle, 200) : undefined,
      descriptor: e.descriptor,
      date: e.date,
      related: names.filter((n) => n !== e.name).slice(0, 30),
    }));
    const reply = await this.send('lookupEntities', { language: this.language(), entities: queries });
    for (const q of queries) {
      const result = reply.ok ? reply.value.results[q.key] : undefined;
      this.entities.set(q.key, result ?? (reply.ok ? { status: 'none' } : failureOf()));
    }
    this.onChange();
  }

  /** Asks for a claim's context and fact-checks, once (again only after a failure). */
  async requestClaim(mention: PageMention, entityOf: (id: string) => PageEntity | undefined): Promise<void> {
    const claim = mention.claim;
    if (!claim) return;
    const now = Date.now();
    const known = this.claims.get(mention.id);
    const asked = this.claimAsked.get(mention.id);
    if (asked !== undefined && (!known || !('status' in known) || now - asked < RETRY_MS)) return;
    this.claimAsked.set(mention.id, now);
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
      date: claim.dates[0]?.value,
    };
    const reply = await this.send('lookupClaim', { language: this.language(), claim: query });
    this.claims.set(mention.id, reply.ok ? reply.value : failureOf());
    this.onChange();
  }
}
