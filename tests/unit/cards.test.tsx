// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, test } from 'vitest';
import { AttributionCard } from '../../components/AttributionCard';
import { ClaimCard, type ClaimCardProps } from '../../components/ClaimCard';
import { formatDate, formatFigure } from '../../components/card-format';
import { EntityCard } from '../../components/EntityCard';
import type { PageEntity, PageMention } from '../../lib/annotate/mentions';
import { Lookups } from '../../lib/page/lookups';

const root = () => {
  const el = document.createElement('div');
  document.body.append(el);
  return el;
};
afterEach(() => {
  document.body.innerHTML = '';
});
const common = { titleId: 't1', dark: false, onClose: () => {} };

describe('entity card', () => {
  test('shows what the lookup found, with https sources, and remote text only as text', () => {
    const el = root();
    render(
      <EntityCard
        {...common}
        name="Ada Lovelace"
        type="person"
        roleLabel="Mathematician"
        context={{
          status: 'found',
          title: 'Ada Lovelace',
          description: 'English mathematician <img src=x onerror=alert(1)>',
          extract: 'Augusta Ada King was an English mathematician.',
          thumbnail: { url: 'https://upload.example.org/ada.jpg', width: 200, height: 300 },
          facts: [{ label: 'Born', value: '10 December 1815' }],
          sources: [
            { name: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/Ada_Lovelace' },
            { name: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7259' },
          ],
        }}
      />,
      el,
    );
    const card = el.querySelector('[role="dialog"]')!;
    expect(card.getAttribute('aria-labelledby')).toBe('t1');
    expect(el.querySelector('#t1')?.textContent).toBe('Ada Lovelace');
    expect(card.textContent).toContain('Mathematician');
    expect(card.textContent).toContain('Born');
    expect(el.querySelector('img[onerror]')).toBeNull();
    expect(card.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(Array.from(el.querySelectorAll('a')).map((a) => a.textContent)).toEqual(['Wikipedia', 'Wikidata']);
    expect(el.querySelector('img.sn-thumb')?.getAttribute('src')).toBe('https://upload.example.org/ada.jpg');
    // A thumbnail the page's content policy blocks (or that fails offline) leaves no broken box.
    const thumb = el.querySelector('img.sn-thumb') as HTMLImageElement;
    expect(thumb.hidden).toBe(false);
    thumb.dispatchEvent(new Event('error'));
    expect(thumb.hidden).toBe(true);
  });

  test('loading, nothing found, offline and other failures each say so, with the name still shown', () => {
    const cases = [
      [{ status: 'loading' }, 'Looking up context'],
      [{ status: 'none' }, 'No context found for “Porto”'],
      [{ status: 'error', reason: 'offline' }, 'You are offline'],
      [{ status: 'error', reason: 'rate-limited', retryAt: Date.now() + 30_000 }, 'Try again in 30 s'],
      [{ status: 'error', reason: 'malformed' }, 'could not read'],
    ] as const;
    for (const [context, says] of cases) {
      const el = root();
      render(<EntityCard {...common} name="Porto" type="place" context={context} />, el);
      expect(el.textContent).toContain('Porto');
      expect(el.textContent).toContain('Place');
      expect(el.textContent).toContain(says);
    }
  });
});

describe('claim card', () => {
  const claim: ClaimCardProps = {
    ...common,
    kind: 'statistic',
    text: 'fares rose 12 per cent',
    claimant: 'Ana Costa',
    via: 'ministry statement',
    figures: [{ number: 12, unit: 'percent', text: '12 per cent' }],
    dates: [{ value: '2021-05', text: 'in May' }],
    about: ['Lisbon'],
    context: { status: 'loading' },
  };

  test('what detection knows is there before any lookup answers', () => {
    const el = root();
    render(<ClaimCard {...claim} />, el);
    const text = el.textContent ?? '';
    expect(text).toContain('Statistic');
    expect(text).toContain('Ana Costa, per ministry statement');
    expect(text).toContain('12%');
    expect(text).toContain('May 2021');
    expect(text).toContain('Looking up context');
  });

  test('fact-checks with publisher, rating and link; non-https links are dropped; no key says where to add one', () => {
    const el = root();
    render(
      <ClaimCard
        {...claim}
        kind="disputed"
        context={{
          context: {
            title: '2021 election',
            url: 'https://en.wikipedia.org/wiki/2021_election',
            passage: 'Observers called it neither free nor fair.',
          },
          factChecks: {
            status: 'ok',
            items: [
              { publisher: 'Check Desk', rating: 'False', url: 'https://checks.example.org/1' },
              { publisher: 'Bad Link', rating: 'True', url: 'javascript:alert(1)' as never },
            ],
          },
        }}
      />,
      el,
    );
    expect(el.textContent).toContain('Disputed');
    expect(el.textContent).toContain('neither free nor fair');
    expect(el.textContent).toContain('False');
    expect(el.textContent).toContain('Check Desk');
    expect(el.textContent).not.toContain('Bad Link');
    expect(Array.from(el.querySelectorAll('a')).every((a) => a.getAttribute('href')?.startsWith('https://'))).toBe(
      true,
    );

    const none = root();
    render(<ClaimCard {...claim} context={{ context: null, factChecks: { status: 'no-key' } }} />, none);
    expect(none.textContent).toContain('Add a Fact Check Tools API key in Sidenote’s options');
    expect(none.textContent).toContain('No context found for this claim');

    const failed = root();
    render(<ClaimCard {...claim} context={{ status: 'error', reason: 'unavailable' }} />, failed);
    expect(failed.textContent).toContain('Context is unavailable right now');
    expect(failed.textContent).toContain('Fact-checks are unavailable right now');
  });
});

test('source card lists the claims that rest on the source', () => {
  const el = root();
  render(
    <AttributionCard
      {...common}
      source="Reuters"
      kind="agency"
      text="[Reuters]"
      claims={['fares rose 12 per cent']}
      context={{ status: 'loading' }}
    />,
    el,
  );
  expect(el.textContent).toContain('News agency');
  expect(el.textContent).toContain('Reuters');
  expect(el.textContent).toContain('fares rose 12 per cent');
});

test('figures and dates read as a person would say them', () => {
  expect(formatFigure({ number: 90, unit: 'percent', text: '90 per cent' })).toBe('90%');
  expect(formatFigure({ number: 320, unit: 'count', of: 'types of weapons', text: '320' })).toBe(
    '320 types of weapons',
  );
  expect(formatDate('2021-09-14')).toBe('14 September 2021');
  expect(formatDate('2020')).toBe('2020');
});

describe('lookups from the page', () => {
  const entity = (id: string, name: string): PageEntity => ({ id, name, type: 'place' });

  test('entities go in one batch with related names only; a failed reply becomes a clear error', async () => {
    const sent: unknown[] = [];
    let answer: 'ok' | 'fail' = 'ok';
    const lookups = new Lookups(
      () => 'en',
      () => {},
      (async (name: string, request: unknown) => {
        sent.push({ name, request });
        if (answer === 'fail') return { ok: false, error: 'Could not establish connection' };
        return { ok: true, value: { results: { x1: { status: 'none' } } } };
      }) as never,
    );
    const all = [entity('x1', 'Lisbon'), entity('x2', 'Porto')];
    lookups.requestEntities(all, () => all);
    lookups.requestEntities(all, () => all); // asked already: nothing new queued
    await new Promise((done) => setTimeout(done, 80));
    expect(sent).toHaveLength(1);
    const request = (sent[0] as { request: { entities: { key: string; related: string[] }[] } }).request;
    expect(request.entities.map((e) => e.key)).toEqual(['x1', 'x2']);
    expect(request.entities[0]!.related).toEqual(['Porto']);
    expect(lookups.entity('x1')).toEqual({ status: 'none' });
    // A key the background left out counts as nothing found.
    expect(lookups.entity('x2')).toEqual({ status: 'none' });

    answer = 'fail';
    const more = [entity('x3', 'Madrid')];
    lookups.requestEntities(more, () => more);
    await new Promise((done) => setTimeout(done, 80));
    expect(lookups.entity('x3')).toMatchObject({ status: 'error', reason: 'unavailable' });
  });

  test('the load batch asks without searches; a card that opens on a deferred entity asks with one', async () => {
    const sent: { search?: boolean; keys: string[] }[] = [];
    const lookups = new Lookups(
      () => 'en',
      () => {},
      (async (_name: string, request: { search?: boolean; entities: { key: string }[] }) => {
        sent.push({ search: request.search, keys: request.entities.map((e) => e.key) });
        const results = Object.fromEntries(
          request.entities.map((e) => [
            e.key,
            e.key === 'x2' && !request.search ? { status: 'deferred' } : { status: 'none' },
          ]),
        );
        return { ok: true, value: { results } };
      }) as never,
    );
    const all = [entity('x1', 'Lisbon'), entity('x2', 'Porto')];
    lookups.requestEntities(all, () => all);
    await new Promise((done) => setTimeout(done, 80));
    expect(sent).toEqual([{ search: false, keys: ['x1', 'x2'] }]);
    expect(lookups.entity('x2')).toEqual({ status: 'deferred' });

    // Opening x1's card asks nothing more (it has its answer); x2's asks again, with the search.
    lookups.requestEntities([all[0]!], () => all, true);
    lookups.requestEntities([all[1]!], () => all, true);
    await new Promise((done) => setTimeout(done, 80));
    expect(sent.slice(1)).toEqual([{ search: true, keys: ['x2'] }]);
    expect(lookups.entity('x2')).toEqual({ status: 'none' });
  });

  test('a claim query carries its key phrase and entity names, never more of the page', async () => {
    const sent: { claim: Record<string, unknown> }[] = [];
    const lookups = new Lookups(
      () => 'en',
      () => {},
      (async (_name: string, request: { claim: Record<string, unknown> }) => {
        sent.push(request);
        return { ok: true, value: { context: null, factChecks: { status: 'no-key' } } };
      }) as never,
    );
    const mention = {
      id: 'c1',
      kind: 'claim',
      type: 'statistic',
      text: 'fares rose 12 per cent',
      claim: {
        kind: 'statistic',
        keyPhrase: 'fares rose 12 per cent',
        text: 'fares rose 12 per cent',
        pageEntityIds: ['x1'],
        dates: [{ value: '2021', text: 'last year', start: 0, end: 0 }],
      },
    } as unknown as PageMention;
    await lookups.requestClaim(mention, (id) => (id === 'x1' ? entity('x1', 'Lisbon') : undefined));
    await lookups.requestClaim(mention, () => undefined); // answered: not asked again
    expect(sent).toHaveLength(1);
    expect(sent[0]!.claim).toEqual({
      key: 'c1',
      kind: 'statistic',
      keyPhrase: 'fares rose 12 per cent',
      entities: ['Lisbon'],
      subjects: [],
      pageEvents: [],
      date: '2021',
    });
    expect(lookups.claim('c1')).toMatchObject({ factChecks: { status: 'no-key' } });
  });
});

describe('page theme', () => {
  test("the page's own background decides; a transparent page follows the reader's scheme", async () => {
    const { isDarkPage, opaqueColour } = await import('../../lib/page/theme');
    expect(opaqueColour('rgba(0, 0, 0, 0)')).toBeNull();
    expect(opaqueColour('rgb(17, 20, 24)')).toEqual([17, 20, 24]);
    document.body.style.background = 'rgb(17, 20, 24)';
    expect(isDarkPage(document)).toBe(true);
    document.body.style.background = 'rgb(251, 250, 246)';
    expect(isDarkPage(document)).toBe(false);
    document.body.style.background = '';
  });
});
