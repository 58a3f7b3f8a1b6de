/**
 * Headlines read as headlines (lib/detect/headlines.ts) and names whole (lib/detect/name-fragments.ts),
 * on our own headline set (tests/fixtures/headlines.ts) and on lines written to tell style from names.
 */
import { describe, expect, it } from 'vitest';
import { recaseHeadlines, styledLines } from '../../lib/detect/headlines';
import { detect } from '../../lib/detect/index';
import { wholeNames } from '../../lib/detect/name-fragments';
import { createDoc } from '../../lib/detect/pipeline/doc';
import { tagLexicon } from '../../lib/detect/pipeline/lexicon-tags';
import { scoreHeadline } from '../../scripts/eval-headlines';
import { HEADLINES } from '../fixtures/headlines';

const BODY = 'Federal debt has risen every year, and interest on it will soon cost more than the military.';

describe('headline set: title case and capitals, names labelled by hand', () => {
  const scores = HEADLINES.map((c) => ({ c, s: scoreHeadline(c) }));

  it('marks no false name in any headline', () => {
    const wrong = scores.filter(({ s }) => s.falseNames.length).map(({ c, s }) => `${c.headline}: ${s.falseNames}`);
    expect(wrong).toEqual([]);
  });

  it('still finds the real names (at least half of them, each one exactly)', () => {
    const found = scores.reduce((n, { s }) => n + s.found.length, 0);
    const names = HEADLINES.reduce((n, c) => n + c.names.length, 0);
    // 16 of 62 before headlines were read as such; 29 now (30 with the tagger before its run-head
    // retraining). The rest are names that neither the short bodies written here nor the word lists
    // know (see the README).
    expect(found).toBeGreaterThanOrEqual(29);
    expect(found / names).toBeGreaterThan(0.45);
    // ("Trump" in "Republicans Are Following Trump to Nowhere" was found before the tagger's run-head
    // retraining and is missed since: counted in the 29 above, not hidden.)
    for (const [headline, name] of [
      ['Sweden Drops Its Investigation Into Rape Allegation Against Julian Assange', 'Julian Assange'],
      ['Ukraine Says Drones Hit Oil Depot Near Russian Border', 'Russian'],
      ['HUNDREDS MARCH IN NAIROBI OVER RISING FOOD PRICES', 'NAIROBI'],
    ] as const) {
      const s = scores.find(({ c }) => c.headline === headline)!.s;
      expect(s.found, headline).toContain(name);
    }
  });

  it('leaves no fragment of a name or part of a date marked alone in the bodies', () => {
    expect(scores.flatMap(({ s }) => s.fragments)).toEqual([]);
  });
});

describe('which lines are capitalised by style', () => {
  const styled = (text: string) => {
    const doc = createDoc(text);
    return styledLines(doc).map((l) => doc.text.slice(doc.tokens[l.first]!.start, doc.tokens[l.last - 1]!.end));
  };

  it('a title-case headline, anywhere when it capitalises common words, at the top when its only sign is style', () => {
    expect(styled(`As Debt Rises, the Government Will Soon Spend More on Interest\n${BODY}`)).toEqual([
      'As Debt Rises, the Government Will Soon Spend More on Interest',
    ]);
    expect(styled(`Adam Schiff Working against the Clock\n${BODY}`)).toHaveLength(1);
    expect(styled(`${BODY}\nAdam Schiff Working against the Clock\n${BODY}`)).toHaveLength(0);
    expect(styled(`${BODY}\nWhy Interest Will Soon Cost More Than Defence\n${BODY}`)).toHaveLength(1);
  });

  it('not lines of names, nor sentences that name many things', () => {
    for (const line of [
      'Blackburn Rovers v Sheffield Wednesday',
      'Czech Republic at Germany',
      'Among those seen as interested are First Bank System Inc. and Norwest Corp. of Minneapolis.',
      'Donovan Bailey ( Canada ) , Michael Johnson ( U.S. ) , Frankie Fredericks ( Namibia )',
    ])
      expect(styled(`${BODY}\n${line}\n${BODY}`), line).toEqual([]);
  });
});

describe('re-casing keeps the text’s offsets', () => {
  it('changes only the case of letters in the headline, and the words it keeps are names by evidence', () => {
    const text =
      'Senate Passes Budget as Tim Cook Visits Berlin\nThe Senate voted on the budget late on Monday, and the vote passes it to the president.';
    const doc = createDoc(text);
    const recased = recaseHeadlines(doc);
    expect(recased.text).toHaveLength(text.length);
    expect(recased.text.toLowerCase()).toBe(text.toLowerCase());
    expect(recased.tokens.map((t) => [t.start, t.end])).toEqual(doc.tokens.map((t) => [t.start, t.end]));
    // "Senate" as the body writes it; "Tim Cook" a given name and a surname; "Berlin" a listed city.
    expect(recased.text.split('\n')[0]).toBe('Senate passes budget as Tim Cook visits Berlin');
    // The body is untouched.
    expect(recased.text.split('\n')[1]).toBe(text.split('\n')[1]);
    const { entities } = detect(text);
    expect(entities.filter((e) => e.end <= 46).map((e) => e.text)).toEqual(['Senate', 'Tim Cook', 'Berlin']);
  });

  it('returns the same document when no line is capitalised by style', () => {
    const doc = createDoc(BODY);
    expect(recaseHeadlines(doc)).toBe(doc);
  });
});

describe('names whole', () => {
  it('completes a name the tagger cut short and keeps the rest', () => {
    const text = 'A Con Edison worker checked a manhole on Feb. 21, 2019.';
    expect(detect(text).entities.map((e) => e.text)).toEqual(['Con Edison']);
  });

  it('drops a span made only of a date’s month or weekday', () => {
    const doc = tagLexicon(createDoc('Photo taken on Feb. 21, 2019 by Jane Roe on Monday.'));
    const span = (from: string, to: string) => {
      const first = doc.tokens.findIndex((t) => t.text === from);
      const last = doc.tokens.findIndex((t) => t.text === to) + 1;
      return { first, last, start: doc.tokens[first]!.start, end: doc.tokens[last - 1]!.end };
    };
    const kept = wholeNames(doc, [span('Feb.', 'Feb.'), span('Jane', 'Roe'), span('Monday', 'Monday')]);
    expect(kept.map((n) => doc.text.slice(n.start, n.end))).toEqual(['Jane Roe']);
  });
});
