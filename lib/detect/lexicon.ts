/**
 * General English knowledge the detector needs beyond the generated gazetteer: function words,
 * titles and roles, organisation and place heads, reporting verbs, months and weekdays, news
 * agencies. Written for this project; nothing here names a person, place or organisation of any
 * particular article.
 */
import {
  CAPITALS,
  CITIES,
  COUNTRIES,
  COUNTRY_INFO,
  DEMONYMS,
  GIVEN_NAMES,
  ORGANISATIONS,
  REGIONS,
  SURNAMES,
} from './data/gazetteer.generated';

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));
const bars = (s: string): Set<string> => new Set(s.split('|').filter(Boolean));

/** Nations, continents and world regions the ISO country lists do not carry. */
const MORE_PLACES = [
  'England',
  'Scotland',
  'Wales',
  'Northern Ireland',
  'Britain',
  'Great Britain',
  'Europe',
  'Asia',
  'Africa',
  'North America',
  'South America',
  'Central America',
  'Latin America',
  'Antarctica',
  'Oceania',
  'Middle East',
  'Far East',
  'Caribbean',
  'Scandinavia',
  'Balkans',
  'Siberia',
  'Caucasus',
  'West Bank',
  'Gaza Strip',
];
/** Peoples, faiths and regional adjectives beyond the country demonyms. */
const MORE_GROUPS = words(`
English Scottish Welsh Briton Britons European African Asian Arab Arabs Latin Kurd Kurds Kurdish Palestinian
Muslim Muslims Moslem Moslems Christian Christians Jewish Jew Jews Catholic Catholics Protestant Protestants
Sunni Shia Shi'ite Shiite Hindu Hindus Buddhist Sikh Orthodox Islamic Islamist Islamists Western Eastern
Soviet
`);

export const COUNTRY_SET = new Set([...bars(COUNTRIES), ...MORE_PLACES]);
export const CAPITAL_SET = bars(CAPITALS);
/** Organisations, companies and sports teams, lower-cased (compromise's lexicon, through the gazetteer). */
export const ORGANISATION_SET = bars(ORGANISATIONS);
export const CITY_SET = bars(CITIES);
export const REGION_SET = bars(REGIONS);
export const DEMONYM_SET = new Set([...bars(DEMONYMS), ...MORE_GROUPS]);
export const GIVEN_SET = bars(GIVEN_NAMES);
export const SURNAME_SET = bars(SURNAMES);

/** Country name → demonym and capital; capital → country. */
export const COUNTRY_DEMONYM = new Map<string, string>();
export const CAPITAL_COUNTRY = new Map<string, string>();
export const DEMONYM_COUNTRY = new Map<string, string>();
for (const row of COUNTRY_INFO.split('|')) {
  const [country, demonym, capital] = row.split('>');
  if (!country || !demonym) continue;
  COUNTRY_DEMONYM.set(country, demonym);
  if (!DEMONYM_COUNTRY.has(demonym)) DEMONYM_COUNTRY.set(demonym, country);
  if (capital) CAPITAL_COUNTRY.set(capital, country);
}

/** Lower-case words that, capitalised at a sentence start or in a headline, are not names. */
export const FUNCTION_WORDS = words(`
a an the and or but nor so yet for of in on at to from by with without within into onto upon about above below
over under after before during since until till through throughout between among against across along around
behind beyond near off out up down as than then that this these those there here where when while whereas whether
if unless because although though once however meanwhile moreover furthermore also still even just only already
not no yes all any both each every either neither few many much more most other others several some such own same
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs who whom whose
which what whatever whoever whichever is are was were be been being am do does did done have has had having will
would shall should can could may might must ought let lets get gets got make makes made say says said tell told
today yesterday tomorrow tonight now later earlier again ago never always often sometimes
according despite including following regarding concerning amid amidst toward towards via per
well please thank thanks hello oh ok okay
it's that's there's we're they're i'm i've we've you're don't doesn't didn't can't won't isn't aren't wasn't
`);

/** Title and role words that precede a person's name: "Russian President Vladimir Putin". */
export const TITLE_WORDS = words(`
president vice prime minister chancellor secretary premier king queen prince princess emperor sheikh sultan emir
pope cardinal archbishop bishop rabbi imam ayatollah reverend rev father sister brother
mr mrs ms miss dr sir dame lord lady madam mister professor prof
senator sen congressman congresswoman representative rep governor gov mayor councillor councilman
ambassador envoy commissioner chairman chairwoman chair ceo chief director spokesman spokeswoman spokesperson
general gen lieutenant lt colonel col major maj captain capt commander admiral sergeant sgt marshal field
judge justice attorney prosecutor inspector detective officer sheriff deputy
foreign defence defense interior finance financial economy trade health justice home state opposition former acting
chief deputy senior
coach manager striker midfielder defender goalkeeper keeper captain forward winger skipper
president-elect leader speaker
`);

/** Lower-case nouns that, right before a capitalised name, make it a person: "his counterpart Bashar ...". */
export const PERSON_CUES = words(`
counterpart leader president minister spokesman spokeswoman spokesperson striker midfielder defender goalkeeper
coach manager captain chairman chief director actor actress singer player champion rival colleague candidate
secretary senator envoy ambassador official husband wife son daughter brother sister father mother uncle aunt
cousin nephew niece friend lawyer attorney judge economist analyst author writer journalist reporter editor
professor dr mr mrs ms sir lord lady king queen prince princess pope emperor general colonel commander
founder owner president-elect premier governor mayor boss teammate partner widow widower opponent challenger
incumbent nominee winner seed rider driver cyclist golfer batsman bowler all-rounder skipper keeper forward
winger defenceman pitcher quarterback runner swimmer sprinter boxer wrestler veteran star
`);

/** Last words that make a capitalised span an organisation. */
export const ORG_HEADS = words(`
inc inc. corp corp. corporation co co. company companies ltd ltd. llc plc gmbh ag sa nv bv group holdings
bank banks fund trust party council ministry department agency authority commission committee court
parliament congress senate assembly union federation association society institute institution university
college school academy foundation organisation organization office board bureau service services
army navy police force forces guard command brigade regiment militia front movement alliance coalition
league club team fc afc cf sc ac united city rovers wanderers athletic
airlines airline airways motors energy oil petroleum gas telecom communications systems technologies
industries international partners capital securities insurance exchange markets media news times post herald
journal tribune gazette telegraph guardian press broadcasting network tv radio studios records pictures
hospital clinic church mosque cabinet government administration commission secretariat council
images photos pictures reserve pharmaceuticals pharmaceutical medical electric electronics power chemicals chemical
foods steel mining resources brands stores entertainment software motor automotive aerospace petroleum
telecommunications railways railway shipping logistics investments financial bancorp bancshares

`);

/** First words that begin an organisation: "Bank of England", "University of Texas". */
export const ORG_STARTS = words(`
bank university ministry department institute college council committee commission federation association
league union office bureau national central royal international
`);

/** Last words that make a capitalised span a place. */
export const PLACE_HEADS = words(`
river sea ocean lake mountains mountain mount island islands peninsula valley desert gulf bay strait canal
coast province region county district state territory territories city town village square street avenue
road airport port harbour harbor heights hills plain plains basin delta governorate oblast prefecture
`);

/** First words that begin a place: "Lake Victoria", "Gulf of Aden". */
export const PLACE_STARTS = words(`lake mount mt gulf bay cape strait port fort isle sea`);

/** Heads of event names, capitalised: "World Cup", "Olympic Games". */
export const EVENT_HEADS = words(`
war cup championship championships games olympics open tournament summit conference festival election
elections referendum revolution crisis uprising trophy series grand prix prize awards marathon derby
`);

/** Heads of laws, treaties and sanctions. */
export const LAW_HEADS = words(
  `act acts law laws treaty treaties accord accords agreement convention sanctions bill resolution protocol charter amendment`,
);

/** Lower-case event nouns that, with a date, describe an event in words. */
export const EVENT_NOUNS = words(`
war election elections referendum intervention invasion coup revolution uprising earthquake attack attacks
bombing protests protest summit crisis offensive ceasefire truce massacre siege occupation independence
genocide pandemic outbreak hurricane flood floods tsunami vote campaign operation withdrawal annexation
`);

/** Reporting verbs: a subject before them is a claimant. */
export const REPORTING_VERBS = words(`
said says say told tells tell stated states state added adds announced announces claimed claims claim
warned warns insisted insists argued argues noted notes explained explains declared declares reported
reports confirmed confirms denied denies admitted admits alleged alleges asserted asserts called calls
accused accuses urged urges wrote writes tweeted posted suggested suggests predicted estimated estimates
acknowledged acknowledges revealed reveals described describes stressed stresses praised praises
condemned condemns criticised criticized criticises criticizes
`);

/** Well-known news agencies and outlets, so "told Reuters" or "[Anadolu Agency]" reads as a source. */
export const NEWS_AGENCIES = words(
  `reuters afp ap tass xinhua bloomberg upi dpa ansa efe interfax ria sana irna anadolu`,
);

export { MONTH_ABBR, MONTHS, WEEKDAYS } from '../calendar';

/** Number words, for figures written out ("three million"). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  dozens: 24,
  hundreds: 200,
  thousands: 2000,
  millions: 2e6,
  half: 0.5,
};
export const MULTIPLIERS: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  bn: 1e9,
  mn: 1e6,
  m: 1e6,
  k: 1e3,
};
