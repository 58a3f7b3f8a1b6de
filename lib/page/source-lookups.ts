import type { PageEntity, PageMention } from '../annotate/mentions';
import type { Figure } from '../contracts/detection';
import { quantityOf } from '../figures/compare';
import type { FigureCheckResult, FigureQuery, Quantity } from '../figures/types';
import type { LookupFailure } from '../lookup/types';
import { sendToBackground } from '../messaging/channel';
import type { SourceContext, SourceQuery } from '../sources/types';

type Send = typeof sendToBackground;
type Loading = { status: 'loading' };

/** A failed lookup is tried again when a card opens, but not more often than this. */
const RETRY_MS = 10_000;

/** Which kind of entity each quantity belongs to: a population is a place's, an age a person's. */
const ENTITY_TYPES: Record<Quantity, PageEntity['type'][]> = {
  population: ['place'],
  area: ['place'],
  age: ['person'],
  founded: ['organization', 'group', 'place'],
  members: ['organization', 'group'],
};

function failureOf(): LookupFailure {
  return {
    status: 'error',
    reason: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'unavailable',
  };
}

/** A figure with the entity and date it will be checked against, or nothing to check. */
export function figureQueryFor(
  figure: Pick<Figure, 'number' | 'unit' | 'of'>,
  about: readonly PageEntity[],
  date: string | undefined,
): FigureQuery | undefined {
  const quantity = quantityOf(figure);
  if (!quantity) return undefined;
  const entity = about.find((e) => ENTITY_TYPES[quantity].includes(e.type));
  if (!entity) return undefined;
  return {
    figure: { number: figure.number, unit: figure.unit, of: figure.of?.slice(0, 200) },
    quantity,
    entity: { name: entity.name.slice(0, 200) },
    date: date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date) ? date : undefined,
  };
}

/**
 * The page's side of source context and figure checks: asked for when a card is about to open
 * (or the publisher badge is shown), kept for the life of the page. Only names, a bare domain
 * and figures leave the page.
 */
export class SourceLookups {
  private sources = new Map<string, SourceContext | LookupFailure>();
  private sourceAsked = new Map<string, number>();
  private figures = new Map<string, FigureCheckResult>();
  private figureAsked = new Map<string, number>();

  constructor(
    private language: () => string,
    private onChange: () => void,
    private send: Send = sendToBackground,
  ) {}

  private static keyOf(query: SourceQuery): string {
    return JSON.stringify(query);
  }

  source(query: SourceQuery): SourceContext | LookupFailure | Loading {
    return this.sources.get(SourceLookups.keyOf(query)) ?? { status: 'loading' };
  }

  /** Asks once for a source's context (again only after a failure, and not too often). */
  async requestSource(query: SourceQuery): Promise<void> {
    const key = SourceLookups.keyOf(query);
    const now = Date.now();
    const known = this.sources.get(key);
    const asked = this.sourceAsked.get(key);
    if (asked !== undefined && (!known || !('status' in known) || now - asked < RETRY_MS)) return;
    this.sourceAsked.set(key, now);
    const reply = await this.send('lookupSource', { language: this.language(), ...query });
    this.sources.set(key, reply.ok ? reply.value : failureOf());
    this.onChange();
  }

  /** The checks of a claim's figures, with the words each is shown with. */
  figureChecks(
    mention: PageMention,
    entityOf: (id: string) => PageEntity | undefined,
    referenceDate: string | undefined,
  ): { label: string; check: FigureCheckResult | Loading }[] {
    return this.queries(mention, entityOf, referenceDate).map(({ label, key }) => ({
      label,
      check: this.figures.get(key) ?? { status: 'loading' },
    }));
  }

  async requestFigures(
    mention: PageMention,
    entityOf: (id: string) => PageEntity | undefined,
    referenceDate: string | undefined,
  ): Promise<void> {
    const now = Date.now();
    const pending = this.queries(mention, entityOf, referenceDate).filter(({ key }) => {
      const known = this.figures.get(key);
      const asked = this.figureAsked.get(key);
      return !(asked !== undefined && (known?.status !== 'error' || now - asked < RETRY_MS));
    });
    if (!pending.length) return;
    for (const { key } of pending) this.figureAsked.set(key, now);
    await Promise.all(
      pending.map(async ({ key, query }) => {
        const reply = await this.send('checkFigure', { language: this.language(), ...query });
        this.figures.set(key, reply.ok ? reply.value : failureOf());
      }),
    );
    this.onChange();
  }

  private queries(
    mention: PageMention,
    entityOf: (id: string) => PageEntity | undefined,
    referenceDate: string | undefined,
  ): { label: string; key: string; query: FigureQuery }[] {
    const claim = mention.claim;
    if (!claim?.figures.length) return [];
    const about = claim.pageEntityIds.map(entityOf).filter((e): e is PageEntity => !!e);
    const date = claim.dates[0]?.value ?? referenceDate?.slice(0, 10);
    const out: { label: string; key: string; query: FigureQuery }[] = [];
    for (const figure of claim.figures) {
      const query = figureQueryFor(figure, about, date);
      if (query) out.push({ label: `“${figure.text}”`, key: JSON.stringify(query), query });
    }
    return out;
  }
}
