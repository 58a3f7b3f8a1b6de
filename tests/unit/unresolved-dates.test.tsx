// @vitest-environment happy-dom
/**
 * No date from the reader's today: without the article's date, relative dates ("on Wednesday",
 * "last year") stay as the text says them, absolute ones are still resolved, the line choice
 * counts only resolved dates, and the claim card says why it shows no date.
 */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { ClaimCard } from '../../components/ClaimCard';
import { articleLineInput } from '../../lib/annotate/select-marks';
import { detect } from '../../lib/detect/index';
import type { ClaimMention } from '../../lib/detect/types';

const MUSEUM =
  'Gunmen opened fire on visitors at the Bardo museum in Tunis on Wednesday, killing 19 people, officials said.';
const TODAY_YEAR = String(new Date().getUTCFullYear());

const claimWith = (claims: ClaimMention[], words: string) => {
  const c = claims.find((x) => x.text.includes(words));
  if (!c) throw new Error(`no claim with “${words}” in ${JSON.stringify(claims.map((x) => x.text))}`);
  return c;
};

describe('detection without the article’s date', () => {
  it('leaves “on Wednesday” unresolved and resolves it once the date is known', () => {
    const unknown = claimWith(detect(MUSEUM).claims, 'opened fire');
    expect(unknown.dates).toEqual([]);
    expect(unknown.unresolvedDates?.map((d) => d.text)).toEqual(['on Wednesday']);
    expect(MUSEUM.slice(unknown.unresolvedDates![0]!.start, unknown.unresolvedDates![0]!.end)).toBe('on Wednesday');

    const known = claimWith(detect(MUSEUM, { referenceDate: '2015-03-18' }).claims, 'opened fire');
    expect(known.dates.map((d) => d.value)).toEqual(['2015-03-18']);
    expect(known.unresolvedDates).toBeUndefined();
  });

  it('still resolves absolute dates, and leaves every relative form open', () => {
    const text = [
      'The ministry said exports fell 12 per cent last year after the floods.',
      'The agreement was signed on 17 May 2018 by both governments, the ministry said.',
      'Prices rose 4 per cent earlier this month, according to the statistics office.',
      'The army said it had taken 30 villages two years ago and held them since March.',
      'Police arrested 14 people yesterday after the protest, a spokesman said.',
    ].join('\n');
    const { claims, entities } = detect(text);
    expect(claimWith(claims, 'signed').dates.map((d) => d.value)).toEqual(['2018-05-17']);
    for (const words of ['exports fell', 'Prices rose', 'taken 30 villages', 'arrested 14']) {
      const c = claimWith(claims, words);
      expect(c.dates, words).toEqual([]);
      expect(c.unresolvedDates?.length, words).toBeGreaterThan(0);
    }
    // Nothing anywhere in the output is a date computed from today.
    const values = [...claims.flatMap((c) => c.dates), ...entities.flatMap((e) => (e.date ? [e.date] : []))].map(
      (d) => d.value,
    );
    expect(values.filter((v) => v.startsWith(TODAY_YEAR))).toEqual([]);
  });

  it('gives an event dated only “last year” no date and no title built from a year', () => {
    const text = 'Observers said the presidential election last year was marred by fraud, the report said.';
    const unknown = detect(text).entities.filter((e) => e.type === 'event');
    for (const e of unknown) {
      expect(e.date).toBeUndefined();
      expect(e.lookupTitle ?? '').not.toMatch(/\d{4}/);
    }
    const known = detect(text, { referenceDate: '2019-11-18' }).entities.filter((e) => e.type === 'event');
    expect(known.length).toBeGreaterThan(0);
    expect(known.map((e) => e.date?.value)).toEqual(unknown.map(() => '2018'));
  });
});

describe('the line choice counts only resolved dates', () => {
  it('a claim whose only date is unresolved is not a dated claim', () => {
    const [claim] = detect(MUSEUM).claims;
    const placed = [
      {
        block: 0,
        mention: { id: 'c1', kind: 'claim' as const, type: claim!.kind, start: claim!.start, claim: claim! },
      },
    ];
    const undated = articleLineInput([{ text: MUSEUM }], placed, { claims: 'key', names: 'first' });
    expect(undated.mentions[0]!.claim?.dated).toBe(false);

    const [known] = detect(MUSEUM, { referenceDate: '2015-03-18' }).claims;
    const dated = articleLineInput(
      [{ text: MUSEUM }],
      [{ ...placed[0]!, mention: { ...placed[0]!.mention, claim: known! } }],
      {
        claims: 'key',
        names: 'first',
      },
    );
    expect(dated.mentions[0]!.claim?.dated).toBe(true);
  });
});

describe('the claim card', () => {
  const props = {
    titleId: 't',
    dark: false,
    onClose: () => {},
    kind: 'event',
    text: 'Gunmen opened fire on visitors at the Bardo museum in Tunis on Wednesday',
    figures: [],
    about: ['Tunis'],
    context: { status: 'loading' } as const,
  };

  it('shows an unresolved date as the text says it, with why, and no computed day', () => {
    const el = document.createElement('div');
    render(<ClaimCard {...props} dates={[]} unresolvedDates={[{ text: 'on Wednesday' }]} />, el);
    const refers = el.textContent ?? '';
    expect(refers).toContain('Refers to');
    expect(refers).toContain('“on Wednesday” (the article’s date is unknown)');
    expect(el.textContent).not.toMatch(
      /\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
  });

  it('shows a resolved date with its words, and both when a claim has both', () => {
    const el = document.createElement('div');
    render(
      <ClaimCard
        {...props}
        dates={[{ value: '2018-05-17', text: 'on 17 May 2018' }]}
        unresolvedDates={[{ text: 'last year' }]}
      />,
      el,
    );
    expect(el.textContent).toContain('17 May 2018 (“on 17 May 2018”); “last year” (the article’s date is unknown)');
  });
});
