import { describe, expect, test } from 'vitest';
import { attributions } from '../../lib/detect/components/attributions';
import { claims } from '../../lib/detect/components/claims';
import { dates } from '../../lib/detect/components/dates';
import { events } from '../../lib/detect/components/events';
import { figures } from '../../lib/detect/components/figures';
import { lexicon } from '../../lib/detect/components/lexicon';
import { linking } from '../../lib/detect/components/linking';
import { naming } from '../../lib/detect/components/naming';
import { sentences } from '../../lib/detect/components/sentences';
import { tagger } from '../../lib/detect/components/tagger';
import { analyse, detect, PIPELINE } from '../../lib/detect/index';
import { type Component, createDoc, type Doc } from '../../lib/detect/pipeline/doc';
import type { DetectOptions } from '../../lib/detect/types';

const TEXT =
  'RUSSIAN PRESIDENT Vladimir Putin met Bashar al-Assad in Sochi on 17 May 2018, according to a Kremlin statement. ' +
  'Assad said the civil war which erupted in 2011 had killed 350,000 people. ' +
  'The Syrian presidential election in May was described as fraudulent by the US.';
const OPTIONS: DetectOptions = { referenceDate: '2021-05-20' };

/** `doc` after the components up to and including `last`, in the declared order. */
function runTo(last: Component, text = TEXT, options = OPTIONS): Doc {
  const doc = createDoc(text, options);
  for (const run of PIPELINE) {
    run(doc);
    if (run === last) break;
  }
  return doc;
}

const spanText = (doc: Doc, s: { start: number; end: number }) => doc.text.slice(s.start, s.end);

describe('the declared pipeline', () => {
  test('runs every component once, in order', () => {
    const order = 'lexicon tagger naming dates figures events linking attributions sentences claims';
    expect(PIPELINE.map((c) => c.name)).toEqual(order.split(' '));
    expect(PIPELINE[PIPELINE.length - 1]).toBe(claims);
  });

  test('analyse leaves every layer on the document, and detect gives them out', () => {
    const doc = analyse(TEXT, OPTIONS);
    for (const layer of ['recased', 'lex', 'names', 'dates', 'figures', 'events', 'entities', 'readings', 'claims'])
      expect(doc, layer).toHaveProperty(layer);
    const out = detect(TEXT, OPTIONS);
    expect(out.claims.map((c) => c.text)).toEqual(doc.claims!.map((c) => c.text));
    expect(out.entities.map((e) => e.entityId)).toEqual(doc.entities!.map((e) => e.entityId));
  });
});

describe('lexicon', () => {
  test('re-cases a headline line for the tagger, keeping tokens and offsets, and sets its word-list bits', () => {
    const doc = runTo(
      lexicon,
      'Floods Force Thousands From Homes In Italy\nThousands fled their homes in Italy on Monday.',
    );
    const recased = doc.recased!;
    expect(recased.tokens.length).toBe(doc.tokens.length);
    expect(recased.text.length).toBe(doc.text.length);
    expect(recased.text.startsWith('Floods force thousands')).toBe(true);
    expect(recased.lex!.length).toBe(doc.tokens.length);
  });

  test('does nothing on a slice read with its page context', () => {
    const doc = runTo(lexicon, 'Putin spoke.', { context: { length: 100, names: [] }, offset: 0 });
    expect(doc.recased).toBeUndefined();
  });
});

describe('tagger', () => {
  test('marks spans in CoNLL classes on the re-cased text', () => {
    const doc = runTo(tagger, 'Angela Merkel visited Paris on Monday.');
    const tagged = doc.recased!.tagged!.map((s) => ({
      type: s.type,
      text: doc.tokens
        .slice(s.first, s.last)
        .map((t) => t.text)
        .join(' '),
    }));
    expect(tagged).toEqual([
      { type: 'PER', text: 'Angela Merkel' },
      { type: 'LOC', text: 'Paris' },
    ]);
  });
});

describe('naming', () => {
  test('gives product types, moves titles to roles and cuts names at slashes', () => {
    const doc = runTo(
      naming,
      'Russian President Vladimir Putin met Assad in Sochi.\nPutin spoke. [Kremlin Press Office/Anadolu Agency]',
    );
    const names = doc.names!.map((n) => ({ text: spanText(doc, n), type: n.type, role: n.role }));
    expect(names).toContainEqual({ text: 'Vladimir Putin', type: 'person', role: 'Russian President' });
    expect(names.map((n) => n.text)).toContain('Anadolu Agency');
    expect(names.map((n) => n.text)).toContain('Kremlin Press Office');
    expect(names.map((n) => n.text)).not.toContain('Kremlin Press Office/Anadolu Agency');
  });

  test("takes a slice's names from its page context", () => {
    const page = 'Bashar al-Assad spoke. Assad left.';
    const doc = runTo(naming, 'Assad left.', {
      context: { length: page.length, names: [{ start: 23, end: 28, type: 'person' }] },
      offset: 23,
    });
    expect(doc.names).toEqual([{ start: 0, end: 5, first: 0, last: 1, type: 'person' }]);
  });
});

describe('dates', () => {
  test('resolves absolute and relative dates against the reference date', () => {
    const doc = runTo(dates);
    const found = doc.dates!.map((d) => ({ text: d.text, value: d.value, relative: d.relative }));
    expect(found).toContainEqual({ text: '17 May 2018', value: '2018-05-17', relative: false });
    expect(found.some((d) => d.relative && d.value === '2021-05')).toBe(true);
  });
});

describe('figures', () => {
  test("finds the statements' figures, leaving out years and numbers inside dates", () => {
    const doc = runTo(figures);
    expect(doc.figures!.map((f) => ({ text: f.text, unit: f.unit }))).toEqual([{ text: '350,000', unit: 'count' }]);
  });

  test('reads a statement after its label', () => {
    const doc = runTo(figures, 'ANALYSIS: 40 percent of voters stayed home.');
    expect(doc.figures!.map((f) => [f.text, f.start])).toEqual([['40 percent', 10]]);
  });
});

describe('events', () => {
  test("reads the article's country and its events in words", () => {
    const doc = runTo(events);
    expect(doc.country).toBe('Syria');
    expect(doc.events!.map((e) => spanText(doc, e))).toContain('civil war which erupted in 2011');
  });

  test("a slice takes the page's country", () => {
    const doc = runTo(events, 'The election in May was close.', {
      referenceDate: '2021-06-01',
      context: { length: 40, names: [], country: 'Syria' },
      offset: 0,
    });
    expect(doc.country).toBe('Syria');
  });
});

describe('linking', () => {
  test('gives one entity id to every mention of an entity, with its fullest name', () => {
    const doc = runTo(linking);
    const assad = doc.entities!.filter((e) => e.type === 'person' && /Assad/.test(e.text));
    expect(assad.length).toBeGreaterThan(1);
    expect(new Set(assad.map((e) => e.entityId)).size).toBe(1);
    expect(assad.every((e) => e.name === 'Bashar al-Assad')).toBe(true);
  });

  test('a place gets the kind of place the text says it is', () => {
    const doc = runTo(linking, 'Fighting went on in the southern province of Daraa on Monday.');
    expect(doc.entities!.find((e) => e.text === 'Daraa')?.descriptor).toBe('province');
  });
});

describe('attributions', () => {
  test('finds cited sources, named by entity where one names them, with no claims yet', () => {
    const doc = runTo(attributions);
    const kremlin = doc.attributions!.find((a) => a.text === 'according to a Kremlin statement');
    expect(kremlin).toMatchObject({ kind: 'statement', claimIds: [] });
    expect(kremlin?.entityId).toBe(doc.entities!.find((e) => e.text === 'Kremlin')?.entityId);
  });
});

describe('sentences', () => {
  test('reads each sentence once: statement, figures, dates, source and features', () => {
    const doc = runTo(sentences);
    expect(doc.readings!.length).toBe(3);
    const [first, second] = doc.readings!;
    expect(first!.via).toBe('Kremlin statement');
    expect(second!.figures.map((f) => f.text)).toEqual(['350,000']);
    expect(second!.features.named.length).toBeGreaterThan(0);
  });
});

describe('claims', () => {
  test('finds claims with ids, entities and key phrases, and ties the attributions to them', () => {
    const doc = runTo(claims);
    const found = doc.claims!;
    expect(found.map((c) => c.id)).toEqual(found.map((_, i) => `c${i}`));
    expect(found.find((c) => c.kind === 'statistic')?.keyPhrase).toContain('350,000');
    const kremlin = doc.attributions!.find((a) => a.text === 'according to a Kremlin statement')!;
    const sentence = found.filter((c) => c.sentence.start === 0).map((c) => c.id);
    expect(kremlin.claimIds).toEqual(sentence);
  });
});
