/**
 * The seed page: everything its expected JSON lists must be found, through the same pipeline the
 * annotator runs (metadata, article body, detection). The expected JSON lives in ../shared/seed
 * beside the project and is read at test time, never copied in.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '../../lib/detect';
import type { Detection } from '../../lib/detect/types';
import { articleBodyText } from '../../lib/sites/article';
import { articleDate } from '../../lib/sites/article-date';
import { articleMetadata } from '../../lib/sites/metadata';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXPECTED = path.resolve(ROOT, '../shared/seed/putin-assad-memo.expected.json');
const PAGE = path.join(ROOT, 'tests/fixtures/putin-assad-memo.html');

interface Expected {
  publishedAt: string;
  publisher: { name: string };
  entities: Array<{ text: string; type: string }>;
  claims: Array<{
    contains: string;
    kind: string;
    claimant?: string;
    via?: string;
    value?: { number: number; unit?: string };
    resolvedDate?: string;
    about?: string;
  }>;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const present = existsSync(EXPECTED);
const expected = (present ? JSON.parse(readFileSync(EXPECTED, 'utf8')) : { entities: [], claims: [] }) as Expected;

// No skip: without ../shared this test fails, so a CI run without the seed data cannot pass by accident.
it("has the seed page's expected JSON beside the project", () => {
  expect(present, `missing ${EXPECTED}: the seed test needs ../shared/seed`).toBe(true);
});

describe.runIf(present)('seed page: putin-assad-memo', () => {
  const { document } = parseHTML(readFileSync(PAGE, 'utf8'));
  const doc = document as unknown as Document;
  const meta = articleMetadata(doc);
  const own = articleDate(doc);
  const text = articleBodyText(doc);
  // The reference date the page and the annotator use: the article's own (lib/sites/article-date.ts).
  const found: Detection = detect(text, { referenceDate: own.date });

  it('reads publication date and publisher from the page', () => {
    expect(meta.publishedAt).toBe(expected.publishedAt);
    expect(own.date).toBe(expected.publishedAt);
    expect(meta.publisher?.name).toBe(expected.publisher.name);
  });

  it('offsets point at the text they name', () => {
    for (const e of found.entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    for (const c of found.claims) expect(text.slice(c.start, c.end)).toBe(c.text);
    for (const a of found.attributions) expect(text.slice(a.start, a.end)).toBe(a.text);
  });

  for (const want of expected.entities) {
    it(`finds the ${want.type} "${want.text}"`, () => {
      const hit = found.entities.find((e) => e.text === want.text && e.type === want.type);
      expect(
        hit,
        `${want.text} as ${want.type}; got ${found.entities.filter((e) => e.text.includes(want.text)).map((e) => `${e.text}:${e.type}`)}`,
      ).toBeDefined();
    });
  }

  for (const want of expected.claims) {
    it(`finds the ${want.kind} claim "${want.contains}"`, () => {
      const hit = found.claims.find((c) => c.text.includes(want.contains));
      expect(hit, `no claim span holds "${want.contains}"`).toBeDefined();
      expect(hit!.kind).toBe(want.kind);
      if (want.claimant)
        expect(same(hit!.claimant?.name ?? '', want.claimant), `claimant ${hit!.claimant?.name}`).toBe(true);
      if (want.via) expect(hit!.via).toBe(want.via);
      if (want.value) {
        const fig = hit!.figures.find((f) => f.number === want.value!.number);
        expect(fig).toBeDefined();
        if (want.value.unit) expect(fig!.unit).toBe(want.value.unit);
      }
      if (want.resolvedDate) expect(hit!.dates.map((d) => d.value)).toContain(want.resolvedDate);
    });
  }

  it('joins short forms to the full name: "Assad" and "Putin"', () => {
    const full = (name: string) => found.entities.find((e) => e.text === name)!;
    for (const [short, long] of [
      ['Assad', 'Bashar Al-Assad'],
      ['Putin', 'Vladimir Putin'],
    ] as const) {
      const shorts = found.entities.filter((e) => e.text === short);
      expect(shorts.length).toBeGreaterThan(1);
      for (const s of shorts) {
        expect(s.entityId).toBe(full(long).entityId);
        expect(s.name).toBe(long);
      }
    }
  });

  it('strips titles into roles', () => {
    const putin = found.entities.find((e) => e.text === 'Vladimir Putin');
    expect(putin?.role).toBe('Russian President');
    expect(found.entities.some((e) => e.type === 'person' && /President/.test(e.text))).toBe(false);
  });

  it('resolves the dates of events described in words against the publication date', () => {
    const byText = (t: string) => found.entities.find((e) => e.type === 'event' && e.text === t);
    expect(byText('civil war which erupted in 2011')?.date?.value).toBe('2011');
    const election = byText('Syrian presidential election in May');
    expect(election?.date?.value).toBe('2021-05');
    expect(election?.lookupTitle).toBe('2021 Syrian presidential election');
    expect(byText('intervention in 2015')?.date?.value).toBe('2015');
  });

  it('ties the disputed claim to the election it is about', () => {
    const claim = found.claims.find((c) => c.kind === 'disputed')!;
    const election = found.entities.find((e) => e.lookupTitle === '2021 Syrian presidential election')!;
    expect(claim.entityIds).toContain(election.entityId);
  });

  it('lists the sources the article cites, with the claims resting on them', () => {
    const kremlin = found.attributions.find((a) => a.source === 'Kremlin');
    expect(kremlin?.kind).toBe('statement');
    const stat = found.claims.find((c) => c.text.includes('90 per cent'))!;
    expect(kremlin?.claimIds).toContain(stat.id);
    const credits = found.attributions.filter((a) => a.kind === 'credit').map((a) => a.source);
    expect(credits).toEqual(['Kremlin Press Office', 'Anadolu Agency']);
  });

  it('leaves the photo caption to its credits: no claim is marked there', () => {
    const caption = text.indexOf('(L) and President');
    expect(caption).toBeGreaterThan(0);
    expect(found.claims.some((c) => c.sentence.start <= caption && caption < c.sentence.end)).toBe(false);
  });

  it('labels predictions as opinion, never as check-worthy claims', () => {
    const pred = found.claims.find((c) => c.text.includes('will launch a full-scale offensive'));
    expect(pred?.kind).toBe('opinion');
  });
});
