/**
 * Names in headlines: runs detection over our own headline set (tests/fixtures/headlines.ts: title
 * case and capitals, names labelled by hand, each with a short body) and prints the false names
 * (a span in the headline that is not a labelled name, or is one with the wrong edges) and the
 * labelled names found exactly, then each headline that has either kind of miss.
 *   npm run -s eval:headlines
 * Also counts, in the bodies, fragments of names and date parts marked as names on their own
 * ("Con" of "Con Edison", "Feb." of "Feb. 21, 2019").
 */
import { detect } from '../lib/detect/index';
import { HEADLINES, type HeadlineCase } from '../tests/fixtures/headlines';

export interface HeadlineScore {
  /** Spans in the headline that overlap no labelled name: not names at all ("Manhole Fires"). */
  falseNames: string[];
  /** Spans that overlap a labelled name with other edges ("MacBook" for "MacBook Pro"). */
  wrongEdges: string[];
  found: string[];
  missed: string[];
  /** Body spans that are a month abbreviation alone or the first word of a longer capitalised name. */
  fragments: string[];
}

const MONTH_PART = /^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/i;

/** What detection marks in one case's headline and body, against its labels. */
export function scoreHeadline(c: HeadlineCase): HeadlineScore {
  const text = `${c.headline}\n${c.body}`;
  const { entities } = detect(text);
  const headlineSpans = entities.filter((e) => e.end <= c.headline.length);
  const inHeadline = headlineSpans.map((e) => e.text);
  const allowed = new Set([...c.names, ...(c.optional ?? [])]);
  const labelled = [...allowed].flatMap((n) => {
    const out: Array<[number, number]> = [];
    for (let at = c.headline.indexOf(n); at >= 0; at = c.headline.indexOf(n, at + 1)) out.push([at, at + n.length]);
    return out;
  });
  const overlaps = (e: { start: number; end: number }) => labelled.some(([a, b]) => e.start < b && a < e.end);
  const fragments = entities
    .filter((e) => e.start > c.headline.length)
    .filter((e) => MONTH_PART.test(e.text) || /^ [A-Z][a-z]+/.test(text.slice(e.end, e.end + 12)))
    .map((e) => e.text);
  return {
    falseNames: headlineSpans.filter((e) => !allowed.has(e.text) && !overlaps(e)).map((e) => e.text),
    wrongEdges: headlineSpans.filter((e) => !allowed.has(e.text) && overlaps(e)).map((e) => e.text),
    found: c.names.filter((n) => inHeadline.includes(n)),
    missed: c.names.filter((n) => !inHeadline.includes(n)),
    fragments,
  };
}

function main(): void {
  let falseNames = 0;
  let wrongEdges = 0;
  let found = 0;
  let names = 0;
  let fragments = 0;
  const lines: string[] = [];
  for (const c of HEADLINES) {
    const s = scoreHeadline(c);
    falseNames += s.falseNames.length;
    wrongEdges += s.wrongEdges.length;
    found += s.found.length;
    names += c.names.length;
    fragments += s.fragments.length;
    if (s.falseNames.length || s.wrongEdges.length || s.missed.length || s.fragments.length)
      lines.push(
        `${c.headline}\n    false: ${s.falseNames.join(' | ') || '-'}   wrong edges: ${s.wrongEdges.join(' | ') || '-'}   missed: ${s.missed.join(' | ') || '-'}${s.fragments.length ? `   body fragments: ${s.fragments.join(' | ')}` : ''}`,
      );
  }
  console.log(
    `${HEADLINES.length} headlines: ${falseNames} false names, ${wrongEdges} names with wrong edges; real names found ${found}/${names}; name fragments in bodies ${fragments}`,
  );
  if (lines.length) console.log(`\n${lines.join('\n')}`);
}

if (process.argv[1]?.endsWith('eval-headlines.ts')) main();
