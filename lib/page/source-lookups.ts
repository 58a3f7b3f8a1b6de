import type { PageEntity, PageMention } from '../annotate/mentions';
import type { Figure } from '../contracts/detection';
import type { FigureCheckResult, FigureQuery, Quantity } from '../contracts/figures';
import type { LookupFailure } from '../contracts/lookups';
import { quantityOf } from '../contracts/quantity';
import type { SourceContext, SourceQuery } from '../contracts/sources';
import { sendToBackground } from '../messaging/channel';
import { RemoteAnswers } from './remote-answers';

type Send = typeof sendToBackground;
type Loading = { status: 'loading' };

/** Which kind of entity each quantity belongs to: a population is a place's, an age a person's. */
const ENTITY_TYPES: Record<Quantity, PageEntity['type'][]> = {
  population: ['place'],
  area: ['place'],
  age: ['person'],
  founded: ['organization', 'group', 'place'],
  members: ['organization', 'group'],
};

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
  private sources = new RemoteAnswers<SourceContext>();
  private figures = new RemoteAnswers<FigureCheckResult>();

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
    if (!this.sources.due(key, now)) return;
    this.sources.markAsked(key, now);
    const reply = await this.send('lookupSource', { language: this.language(), ...query });
    this.sources.settle(key, reply);
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
    const pending = this.queries(mention, entityOf, referenceDate).filter(({ key }) => this.figures.due(key, now));
    if (!pending.length) return;
    for (const { key } of pending) this.figures.markAsked(key, now);
    await Promise.all(
      pending.map(async ({ key, query }) => {
        const reply = await this.send('checkFigure', { language: this.language(), ...query });
        this.figures.settle(key, reply);
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
