/**
 * The stand-in's encyclopedia: a few articles, redirects, one disambiguation page, Wikidata
 * items and fact-checks, written for these tests (summaries in our own words, figures rounded,
 * item ids made up in the Q90000xx range). The stand-in serves them in the real APIs' shapes.
 */

export interface FixturePage {
  title: string;
  pageid: number;
  description?: string;
  /** The lead section, plain text. */
  intro: string;
  /** Further text after the lead (what a full-text extract adds), for claim passages. */
  body?: string;
  wikidata?: string;
  disambiguation?: boolean;
  /** Articles a disambiguation page lists. */
  links?: string[];
  thumbnail?: { file: string; width: number; height: number };
}

let nextId = 7100;
function page(p: Omit<FixturePage, 'pageid'>): FixturePage {
  nextId += 13;
  return { ...p, pageid: nextId };
}

export const PAGES: FixturePage[] = [
  page({
    title: 'Vladimir Putin',
    description: 'President of Russia since 2012',
    intro:
      'Vladimir Vladimirovich Putin is a Russian politician and former intelligence officer who has been President of Russia since 2012. He earlier held the presidency from 2000 to 2008 and served as prime minister in between. Under his rule Russia has backed the government of Bashar al-Assad in Syria. He was born in Leningrad in 1952.',
    wikidata: 'Q9000001',
    thumbnail: { file: 'Portrait_of_a_president.jpg', width: 240, height: 320 },
  }),
  page({
    title: 'Bashar al-Assad',
    description: 'President of Syria since 2000',
    intro:
      'Bashar al-Assad is a Syrian politician who has been President of Syria since 2000, succeeding his father. Trained as an ophthalmologist in Damascus and London, he leads the Ba’ath Party. His government has fought the Syrian civil war since 2011 with military support from Russia and Iran.',
    wikidata: 'Q9000002',
  }),
  page({
    title: 'Moscow',
    description: 'Capital and largest city of Russia',
    intro:
      'Moscow is the capital and the most populous city of Russia, standing on the Moskva River. It is the seat of the Russian government, which sits in the Kremlin at the city’s centre. The city is one of the largest urban economies in Europe.',
    wikidata: 'Q9000003',
  }),
  page({
    title: 'Syria',
    description: 'Country in West Asia',
    intro:
      'Syria, officially the Syrian Arab Republic, is a country in West Asia bordered by Turkey, Iraq, Jordan, Israel and Lebanon, with a coast on the Mediterranean Sea. Its capital is Damascus. Since 2011 the country has been torn by a civil war involving the government, opposition groups and foreign powers.',
    wikidata: 'Q9000004',
  }),
  page({
    title: 'Damascus',
    description: 'Capital city of Syria',
    intro:
      'Damascus is the capital of Syria and one of the oldest continuously inhabited cities in the world. It lies in the south-west of the country near the Anti-Lebanon mountains. The city is the seat of the Syrian government.',
    wikidata: 'Q9000005',
  }),
  page({
    title: 'Moscow Kremlin',
    description: 'Fortified complex in Moscow, Russia',
    intro:
      'The Moscow Kremlin is a fortified complex at the heart of Moscow, overlooking the Moskva River and Red Square. It serves as the official residence of the President of Russia, and its name is often used for the Russian government itself. Its walls and towers were built in the late fifteenth century.',
    wikidata: 'Q9000006',
  }),
  page({
    title: 'United States',
    description: 'Country primarily located in North America',
    intro:
      'The United States of America is a country made up of fifty states, a federal district and several territories. It is the third-largest country by area and by population. Its capital is Washington, D.C., and its largest city is New York City.',
    wikidata: 'Q9000007',
  }),
  page({
    title: 'European Union',
    description: 'Political and economic union of European states',
    intro:
      'The European Union is a political and economic union of member states located mainly in Europe. It operates a single market and a customs union, and many of its members share the euro. Its main institutions sit in Brussels, Luxembourg and Strasbourg.',
    wikidata: 'Q9000008',
  }),
  page({
    title: 'Caesar Syria Civilian Protection Act',
    description: 'United States law imposing sanctions on the Syrian government',
    intro:
      'The Caesar Syria Civilian Protection Act is a United States law that imposes sanctions on the Syrian government and on foreign parties that support it. It is named after "Caesar", the pseudonym of a military photographer who smuggled out images of detainees. The sanctions, often called the Caesar sanctions, came into force in June 2020.',
    wikidata: 'Q9000009',
  }),
  page({
    title: 'Turkey',
    description: 'Country in West Asia and Southeast Europe',
    intro:
      'Turkey, officially the Republic of Türkiye, is a transcontinental country on the Anatolian peninsula with a smaller part in the Balkans. Ankara is its capital and Istanbul its largest city. It borders Syria to the south.',
    wikidata: 'Q9000010',
  }),
  page({
    title: 'Daraa',
    description: 'City in southern Syria',
    intro:
      'Daraa is a city in southern Syria close to the border with Jordan, and the capital of the governorate of the same name. Protests in the city in March 2011 were among the first of the Syrian uprising.',
    wikidata: 'Q9000011',
  }),
  page({
    title: 'Daraa Governorate',
    description: 'Governorate of Syria',
    intro:
      'Daraa Governorate is one of the fourteen governorates, or provinces, of Syria, in the south-west of the country on the border with Jordan. Its capital is the city of Daraa. Government forces regained control of the province in 2018, and again took over its last opposition-held districts in September 2021.',
    wikidata: 'Q9000012',
  }),
  page({
    title: 'Idlib',
    description: 'City in north-western Syria',
    intro:
      'Idlib is a city in north-western Syria and the capital of the governorate of the same name. It lies south-west of Aleppo, close to the Turkish border.',
    wikidata: 'Q9000013',
  }),
  page({
    title: 'Idlib Governorate',
    description: 'Governorate of Syria',
    intro:
      'Idlib Governorate is one of the fourteen governorates, or provinces, of Syria, in the north-west of the country on the border with Turkey. Much of the province has been held by opposition groups during the civil war, and Turkey has deployed troops there.',
    wikidata: 'Q9000014',
  }),
  page({
    title: 'Civil war',
    description: 'War between organized groups within the same state',
    intro:
      'A civil war is a war between organized groups within the same state or country. The aim of one side may be to take control of the country or a region, to achieve independence, or to change government policies.',
    wikidata: 'Q9000015',
  }),
  page({
    title: 'Syrian civil war',
    description: 'Ongoing multi-sided war in Syria since 2011',
    intro:
      'The Syrian civil war is a multi-sided war in Syria fought between the government of Bashar al-Assad, backed by Russia and Iran, and a range of opposition forces. It began in 2011 when protests against the government were put down by force. Turkey, the United States and others have supported various groups in the north of the country.',
    body: 'By 2021 the government held about two thirds of the country’s territory, while opposition groups held much of Idlib Governorate and Kurdish-led forces held the north-east. Estimates of how much territory the government controls vary between observers and over time. More than 350,000 deaths had been documented by 2021.',
    wikidata: 'Q9000016',
  }),
  page({
    title: 'Libyan civil war (2011)',
    description: 'Armed conflict in Libya in 2011',
    intro:
      'The Libyan civil war of 2011 was an armed conflict between forces loyal to Muammar Gaddafi and rebel groups seeking to oust his government. It ended in October 2011 with Gaddafi’s death.',
    wikidata: 'Q9000017',
  }),
  page({
    title: '2021 Syrian presidential election',
    description: 'Presidential election held in Syria in May 2021',
    intro:
      'A presidential election was held in Syria on 26 May 2021, the second since the start of the civil war. Bashar al-Assad was declared the winner with a large majority. Western governments and the Syrian opposition described the election as neither free nor fair.',
    wikidata: 'Q9000018',
  }),
  page({
    title: 'Russian intervention in the Syrian civil war',
    description: 'Military intervention by Russia in Syria since 2015',
    intro:
      'The Russian intervention in the Syrian civil war began in September 2015, when Russia started air strikes in Syria at the request of Bashar al-Assad’s government. Moscow’s air power and advisers helped the Syrian army regain large parts of the country, including Aleppo in 2016.',
    wikidata: 'Q9000019',
  }),
  page({
    title: 'Saudi Arabian-led intervention in Yemen',
    description: 'Military intervention in Yemen since 2015',
    intro:
      'The Saudi Arabian-led intervention in Yemen began in March 2015, when a coalition of states led by Saudi Arabia started air strikes against the Houthi movement in Yemen.',
    wikidata: 'Q9000020',
  }),
  page({
    title: 'Georgia',
    description: 'Topics referred to by the same term',
    intro:
      'Georgia may refer to: Georgia (country), a country in the Caucasus; Georgia (U.S. state), a state of the United States.',
    disambiguation: true,
    links: ['Georgia (country)', 'Georgia (U.S. state)', 'Georgia Institute of Technology'],
  }),
  page({
    title: 'Georgia (country)',
    description: 'Country in the Caucasus',
    intro:
      'Georgia is a country in the Caucasus, at the meeting point of Eastern Europe and West Asia. Its capital and largest city is Tbilisi. It borders Russia to the north and Turkey and Armenia to the south.',
    wikidata: 'Q9000021',
  }),
  page({
    title: 'Georgia (U.S. state)',
    description: 'State of the United States of America',
    intro:
      'Georgia is a state in the south-eastern United States. Its capital and largest city is Atlanta. It is known for peaches, peanuts and the port of Savannah.',
    wikidata: 'Q9000022',
  }),
  page({
    title: 'Georgia Institute of Technology',
    description: 'Public research university in Atlanta, Georgia',
    intro: 'The Georgia Institute of Technology is a public research university in Atlanta.',
    wikidata: 'Q9000023',
  }),
];

/** Redirect pages: title → target. */
export const REDIRECTS: Record<string, string> = {
  'Bashar Al-Assad': 'Bashar al-Assad',
  Assad: 'Bashar al-Assad',
  Putin: 'Vladimir Putin',
  Kremlin: 'Moscow Kremlin',
  US: 'United States',
  USA: 'United States',
  EU: 'European Union',
  'Daraa Province': 'Daraa Governorate',
  'Daraa province': 'Daraa Governorate',
  'Idlib Province': 'Idlib Governorate',
  'Idlib province': 'Idlib Governorate',
};

// --- Wikidata ---------------------------------------------------------------------------------

type Json = Record<string, unknown>;
let statementSerial = 0;
function serial(): number {
  statementSerial += 1;
  return statementSerial;
}

function snak(property: string, datavalue: Json | undefined, datatype: string): Json {
  return datavalue
    ? { snaktype: 'value', property, hash: `h${property}${serial()}`, datavalue, datatype }
    : { snaktype: 'novalue', property, hash: `h${property}${serial()}`, datatype };
}
const item = (id: string): Json => ({
  value: { 'entity-type': 'item', 'numeric-id': Number(id.slice(1)), id },
  type: 'wikibase-entityid',
});
const time = (iso: string, precision: number): Json => ({
  value: {
    time: `+${iso}T00:00:00Z`,
    timezone: 0,
    before: 0,
    after: 0,
    precision,
    calendarmodel: 'http://www.wikidata.org/entity/Q1985727',
  },
  type: 'time',
});
const quantity = (amount: number): Json => ({ value: { amount: `+${amount}`, unit: '1' }, type: 'quantity' });
const str = (value: string): Json => ({ value, type: 'string' });

interface StatementSpec {
  value: Json;
  datatype: string;
  rank?: 'preferred' | 'normal' | 'deprecated';
  qualifiers?: Record<string, { value: Json; datatype: string }>;
}

function statement(entity: string, property: string, spec: StatementSpec): Json {
  const qualifiers = Object.entries(spec.qualifiers ?? {});
  return {
    mainsnak: snak(property, spec.value, spec.datatype),
    type: 'statement',
    ...(qualifiers.length
      ? {
          qualifiers: Object.fromEntries(qualifiers.map(([p, q]) => [p, [snak(p, q.value, q.datatype)]])),
          'qualifiers-order': qualifiers.map(([p]) => p),
        }
      : {}),
    id: `${entity}$${serial().toString(16).padStart(8, '0')}-fixture`,
    rank: spec.rank ?? 'normal',
  };
}

const I = (id: string, extra: Partial<StatementSpec> = {}): StatementSpec => ({
  value: item(id),
  datatype: 'wikibase-item',
  ...extra,
});
const T = (iso: string, precision: number, extra: Partial<StatementSpec> = {}): StatementSpec => ({
  value: time(iso, precision),
  datatype: 'time',
  ...extra,
});
const Q = (amount: number, pointInTime: string, extra: Partial<StatementSpec> = {}): StatementSpec => ({
  value: quantity(amount),
  datatype: 'quantity',
  qualifiers: { P585: { value: time(pointInTime, 9), datatype: 'time' } },
  ...extra,
});
const URL_ = (url: string): StatementSpec => ({ value: str(url), datatype: 'url' });

/** Labels of every item the fixtures use (items with statements below take theirs from the page). */
const LABELS: Record<string, string> = {
  Q9000101: 'human',
  Q9000102: 'President of Russia',
  Q9000103: 'Prime Minister of Russia',
  Q9000104: 'President of Syria',
  Q9000105: 'city',
  Q9000106: 'capital city',
  Q9000107: 'Russia',
  Q9000108: 'sovereign state',
  Q9000109: 'fortified complex',
  Q9000110: 'political union',
  Q9000111: 'Brussels',
  Q9000112: 'act of Congress',
  Q9000113: 'governorate of Syria',
  Q9000114: 'civil war',
  Q9000115: 'presidential election',
  Q9000116: 'military intervention',
  Q9000117: 'country',
  Q9000118: 'state of the United States',
  Q9000119: 'war',
};

const CLAIMS: Record<string, Record<string, StatementSpec[]>> = {
  Q9000001: {
    P31: [I('Q9000101')],
    P569: [T('1952-10-07', 11)],
    P39: [
      I('Q9000102', { qualifiers: { P580: { value: time('2012-05-07', 11), datatype: 'time' } } }),
      I('Q9000103', {
        qualifiers: {
          P580: { value: time('2008-05-08', 11), datatype: 'time' },
          P582: { value: time('2012-05-07', 11), datatype: 'time' },
        },
      }),
    ],
  },
  Q9000002: {
    P31: [I('Q9000101')],
    P569: [T('1965-09-11', 11)],
    P39: [I('Q9000104', { qualifiers: { P580: { value: time('2000-07-17', 11), datatype: 'time' } } })],
  },
  Q9000003: {
    P31: [I('Q9000106'), I('Q9000105')],
    P17: [I('Q9000107')],
    P1082: [Q(11500000, '2010-00-00'), Q(13000000, '2021-00-00'), Q(9000000, '1990-00-00', { rank: 'deprecated' })],
  },
  Q9000004: {
    P31: [I('Q9000108')],
    P571: [T('1946-04-17', 11)],
    P1082: [Q(21000000, '2018-00-00'), Q(22900000, '2021-00-00')],
  },
  Q9000005: { P31: [I('Q9000106')], P17: [I('Q9000004')], P1082: [Q(2500000, '2021-00-00')] },
  Q9000006: {
    P31: [I('Q9000109')],
    P17: [I('Q9000107')],
    P571: [T('1482-00-00', 9)],
    P856: [URL_('https://www.kremlin.example/')],
  },
  Q9000007: {
    P31: [I('Q9000108')],
    P571: [T('1776-07-04', 11)],
    P1082: [Q(331000000, '2020-00-00', { rank: 'preferred' }), Q(335000000, '2023-00-00')],
  },
  Q9000008: {
    P31: [I('Q9000110')],
    P571: [T('1993-11-01', 11)],
    P159: [I('Q9000111')],
    P856: [URL_('https://european-union.example/'), URL_('http://insecure.example/')],
  },
  Q9000009: { P31: [I('Q9000112')], P17: [I('Q9000007')] },
  Q9000010: { P31: [I('Q9000108')], P571: [T('1923-10-29', 11)], P1082: [Q(85000000, '2021-00-00')] },
  Q9000011: { P31: [I('Q9000105')], P17: [I('Q9000004')] },
  Q9000012: { P31: [I('Q9000113')], P17: [I('Q9000004')], P1082: [Q(1000000, '2011-00-00')] },
  Q9000013: { P31: [I('Q9000105')], P17: [I('Q9000004')] },
  Q9000014: { P31: [I('Q9000113')], P17: [I('Q9000004')], P1082: [Q(1500000, '2011-00-00')] },
  Q9000015: { P31: [I('Q9000119')] },
  Q9000016: { P31: [I('Q9000114')], P17: [I('Q9000004')] },
  Q9000018: { P31: [I('Q9000115')], P17: [I('Q9000004')] },
  Q9000019: { P31: [I('Q9000116')], P17: [I('Q9000004')] },
  Q9000021: { P31: [I('Q9000108')] },
  Q9000022: { P31: [I('Q9000118')] },
};

/** An item as `wbgetentities` gives it, limited to the requested props and languages. */
export function wikidataEntity(id: string, props: string[], languages: string[]): Json | undefined {
  const fromPage = PAGES.find((p) => p.wikidata === id);
  const label = fromPage?.title.replace(/ \(.*\)$/, '') ?? LABELS[id];
  if (!label) return undefined;
  const terms = (value: string | undefined) =>
    Object.fromEntries(languages.filter(() => value).map((language) => [language, { language, value }]));
  const entity: Json = { type: 'item', id };
  if (props.includes('labels')) entity.labels = languages.includes('en') ? terms(label) : {};
  if (props.includes('descriptions'))
    entity.descriptions = languages.includes('en') ? terms(fromPage?.description) : {};
  if (props.includes('claims')) {
    entity.claims = Object.fromEntries(
      Object.entries(CLAIMS[id] ?? {}).map(([property, specs]) => [
        property,
        specs.map((spec) => statement(id, property, spec)),
      ]),
    );
  }
  if (props.includes('sitelinks')) {
    entity.sitelinks = fromPage ? { enwiki: { site: 'enwiki', title: fromPage.title, badges: [] } } : {};
  }
  return entity;
}

// --- Fact Check Tools ---------------------------------------------------------------------------

export const FACT_CHECKS = [
  {
    text: 'The Syrian government controls 90 per cent of the country’s territory.',
    claimant: 'Vladimir Putin',
    claimDate: '2021-09-13T00:00:00Z',
    claimReview: [
      {
        publisher: { name: 'Example Fact Desk', site: 'factdesk.example' },
        url: 'https://factdesk.example/checks/syria-territory-share',
        title: 'How much of Syria does the government control?',
        reviewDate: '2021-09-20T00:00:00Z',
        textualRating: 'Exaggerated',
        languageCode: 'en',
      },
      {
        publisher: { name: 'Insecure Checker', site: 'insecure.example' },
        url: 'http://insecure.example/check/1',
        title: 'A review linked without https',
        reviewDate: '2021-09-21T00:00:00Z',
        textualRating: 'False',
        languageCode: 'en',
      },
    ],
  },
  {
    text: 'The 2021 Syrian presidential election was free and fair.',
    claimant: 'Syrian state media',
    claimDate: '2021-05-28T00:00:00Z',
    claimReview: [
      {
        publisher: { name: 'Another Checker', site: 'checker.example' },
        url: 'https://checker.example/syria-election-2021',
        title: 'Was the Syrian election free?',
        reviewDate: '2021-06-02T00:00:00Z',
        textualRating: 'False',
        languageCode: 'en',
      },
    ],
  },
];
