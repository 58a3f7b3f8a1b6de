// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, test } from 'vitest';
import { AttributionCard } from '../../components/AttributionCard';
import { FigureCheck } from '../../components/FigureCheck';
import { SourceCard } from '../../components/SourceCard';
import type { FigureCheckResult } from '../../lib/contracts/figures';
import type { SourceContext } from '../../lib/contracts/sources';

const memo: SourceContext = {
  name: 'Middle East Monitor',
  domain: 'middleeastmonitor.com',
  websiteMatches: true,
  entity: {
    status: 'found',
    title: 'Middle East Monitor',
    description: 'News website based in London',
    extract: 'Middle East Monitor (MEMO) is a news website based in London.',
    wikidataId: 'Q990001001',
    facts: [
      { label: 'Instance of', value: 'news website' },
      { label: 'Country', value: 'United Kingdom' },
      { label: 'Founded', value: '2009' },
      { label: 'Website', value: 'https://www.middleeastmonitor.com/' },
    ],
    sources: [
      { name: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/Middle_East_Monitor' },
      { name: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q990001001' },
    ],
  },
  perennial: {
    status: 'listed',
    matchedBy: 'domain',
    listUrl: 'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources',
    entries: [
      {
        name: 'Middle East Monitor',
        aliases: ['MEMO'],
        domains: ['middleeastmonitor.com'],
        status: 'generally-unreliable',
        summary: 'Editors consider it generally unreliable.',
        discussionUrl: 'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Noticeboard/Archive_410',
        listUrl: 'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources#Middle_East_Monitor',
        lastDiscussed: '2023',
      },
    ],
  },
};

let root: HTMLElement;
function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

const common = { titleId: 't1', dark: false, onClose: () => {} };

describe('SourceCard', () => {
  test("the publisher's card shows its name, facts, extract, Perennial status and links", () => {
    const el = mount(
      <SourceCard {...common} name="Middle East Monitor" domain="middleeastmonitor.com" context={memo} />,
    );
    expect(el.querySelector('.sn-title')?.textContent).toBe('Middle East Monitor');
    expect(el.querySelector('.sn-subtitle')?.textContent).toBe('Published at middleeastmonitor.com');
    const facts = [...el.querySelectorAll('.sn-fact')].map((f) => f.textContent);
    expect(facts).toEqual([
      'Instance ofnews website',
      'CountryUnited Kingdom',
      'Founded2009',
      'Websitehttps://www.middleeastmonitor.com/',
    ]);
    expect(el.querySelector('.sn-extract')?.textContent).toContain('news website based in London');
    const status = el.querySelector('[data-sidenote-status]');
    expect(status?.getAttribute('data-sidenote-status')).toBe('generally-unreliable');
    expect(status?.querySelector('.sn-status')?.textContent).toBe('Generally unreliable');
    expect(status?.textContent).toContain('Editors consider it generally unreliable.');
    const links = [...el.querySelectorAll('a')].map((a) => [
      a.textContent,
      a.getAttribute('href'),
      a.getAttribute('rel'),
    ]);
    expect(links).toContainEqual([
      'Discussion',
      'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Noticeboard/Archive_410',
      'noopener noreferrer',
    ]);
    expect(links.map((l) => l[0])).toEqual(
      expect.arrayContaining(['Wikipedia', 'Wikidata', 'Entry in the list', 'https://www.middleeastmonitor.com/']),
    );
    expect(el.querySelector('[role="dialog"]')?.getAttribute('aria-labelledby')).toBe('t1');
  });

  test('not listed is said plainly; loading and failures have their own state', () => {
    const notListed: SourceContext = {
      ...memo,
      perennial: { status: 'not-listed', listUrl: memo.perennial.status === 'listed' ? memo.perennial.listUrl : '' },
    };
    let el = mount(<SourceCard {...common} name="X" context={notListed} />);
    expect(el.querySelector('[data-sidenote-perennial]')?.textContent).toContain(
      'Not listed in Wikipedia’s Perennial sources list.',
    );
    render(null, root);
    root.remove();
    el = mount(<SourceCard {...common} name="Middle East Monitor" context={{ status: 'loading' }} />);
    expect(el.querySelector('.sn-card')?.getAttribute('aria-busy')).toBe('true');
    expect(el.querySelector('[data-state="loading"]')).not.toBeNull();
    render(null, root);
    root.remove();
    el = mount(<SourceCard {...common} name="Middle East Monitor" context={{ status: 'error', reason: 'timeout' }} />);
    expect(el.querySelector('[data-state="error"]')?.textContent).toBe(
      'The source did not answer in time. Try again in a moment.',
    );
  });

  test('remote text stays text and non-https links are not links', () => {
    const hostile: SourceContext = {
      ...memo,
      entity: {
        status: 'found',
        title: 'X',
        extract: '<img src=x onerror="alert(1)">',
        facts: [{ label: 'Website', value: 'javascript:alert(1)' }],
        sources: [{ name: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q1' }],
      },
    };
    const el = mount(<SourceCard {...common} name="X" context={hostile} />);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('.sn-extract')?.textContent).toBe('<img src=x onerror="alert(1)">');
    expect([...el.querySelectorAll('a')].every((a) => a.getAttribute('href')?.startsWith('https://'))).toBe(true);
    expect(el.textContent).toContain('javascript:alert(1)');
  });
});

describe('AttributionCard', () => {
  test('names the cited source, how it is cited, and the claims resting on it', () => {
    const el = mount(
      <AttributionCard
        {...common}
        source="Kremlin"
        kind="statement"
        text="According to a Kremlin statement"
        claims={['the Syrian government controls 90 per cent of the territory']}
        context={{
          ...memo,
          name: 'Moscow Kremlin',
          perennial: { status: 'not-listed', listUrl: 'https://en.wikipedia.org/wiki/W' },
        }}
      />,
    );
    expect(el.querySelector('.sn-badge')?.textContent).toBe('Cited source · Statement');
    expect(el.querySelector('.sn-title')?.textContent).toBe('Kremlin');
    expect(el.querySelector('.sn-subtitle')?.textContent).toBe('Cited as “According to a Kremlin statement”');
    expect(el.querySelector('[data-sidenote-claims]')?.textContent).toContain('90 per cent');
    expect(el.querySelector('[data-sidenote-perennial]')?.getAttribute('data-sidenote-perennial')).toBe('not-listed');
  });

  test('while loading, the claims still show', () => {
    const el = mount(
      <AttributionCard
        {...common}
        source="Anadolu Agency"
        kind="credit"
        text="Anadolu Agency"
        claims={[]}
        context={{ status: 'loading' }}
      />,
    );
    expect(el.textContent).toContain('No claim on this page is attributed to it.');
    expect(el.querySelector('[data-state="loading"]')).not.toBeNull();
  });
});

describe('FigureCheck', () => {
  const checked = (over: Partial<Extract<FigureCheckResult, { status: 'checked' }>>): FigureCheckResult => ({
    status: 'checked',
    quantity: 'population',
    verdict: 'agrees',
    claimed: '3.7 million',
    tolerance: "within 2% or the figure's rounding",
    message: "Agrees with Wikidata's population of 3,677,472 (2021-12-31).",
    reference: {
      value: '3,677,472',
      amount: 3677472,
      asOf: '2021-12-31',
      chosen: 'nearest to 2021-09-14 of 6 dated values',
      entity: 'Berlin',
      url: 'https://www.wikidata.org/wiki/Q64',
    },
    ...over,
  });

  test('agrees / differs by N% / cannot be compared, with the reference and its date', () => {
    let el = mount(<FigureCheck label="“3.7 million”" check={checked({})} />);
    expect(el.querySelector('.sn-verdict')?.textContent).toBe('Agrees');
    expect(el.querySelector('.sn-figure-reference')?.textContent).toBe(
      'Wikidata population of Berlin: 3,677,472 (31 December 2021), nearest to 2021-09-14 of 6 dated values. Wikidata',
    );
    render(null, root);
    root.remove();
    el = mount(
      <FigureCheck
        label="“4.5 million”"
        check={checked({ verdict: 'differs', difference: { amount: 22.4, unit: 'percent' } })}
      />,
    );
    expect(el.querySelector('.sn-verdict')?.textContent).toBe('Differs by 22.4%');
    expect(el.querySelector('[data-sidenote-verdict]')?.getAttribute('data-sidenote-verdict')).toBe('differs');
    render(null, root);
    root.remove();
    el = mount(
      <FigureCheck
        label="“5%”"
        check={checked({ verdict: 'cannot-compare', reason: 'different-unit', reference: undefined })}
      />,
    );
    expect(el.querySelector('.sn-verdict')?.textContent).toBe('Cannot be compared');
  });
});
