import type { EntityQuery } from '../../../lib/contracts/lookups';

/**
 * The seed page's entities as the detector gives them to the background (one query per
 * mention; short forms carry the entity's full name), and the article each must resolve to
 * (from /work/shared/seed/putin-assad-memo.expected.json, copied into the test fixtures).
 */
const NAMES = [
  'Vladimir Putin',
  'Bashar Al-Assad',
  'Moscow',
  'Syria',
  'Damascus',
  'Kremlin',
  'US',
  'EU',
  'Caesar Sanctions',
  'Turkey',
  'Daraa',
  'Idlib',
];
const related = (self: string) => NAMES.filter((n) => n !== self);

type Seed = { query: Omit<EntityQuery, 'related'> & { related?: string[] }; expected: string };

const SEEDS: Seed[] = [
  { query: { key: 'e-putin', name: 'Vladimir Putin', type: 'person' }, expected: 'Vladimir Putin' },
  { query: { key: 'e-putin-short', name: 'Vladimir Putin', type: 'person' }, expected: 'Vladimir Putin' },
  { query: { key: 'e-assad', name: 'Bashar Al-Assad', type: 'person' }, expected: 'Bashar al-Assad' },
  { query: { key: 'e-assad-short', name: 'Bashar Al-Assad', type: 'person' }, expected: 'Bashar al-Assad' },
  { query: { key: 'e-moscow', name: 'Moscow', type: 'place' }, expected: 'Moscow' },
  { query: { key: 'e-syria', name: 'Syria', type: 'place' }, expected: 'Syria' },
  { query: { key: 'e-damascus', name: 'Damascus', type: 'place' }, expected: 'Damascus' },
  { query: { key: 'e-kremlin', name: 'Kremlin', type: 'organization' }, expected: 'Moscow Kremlin' },
  { query: { key: 'e-us', name: 'US', type: 'place' }, expected: 'United States' },
  { query: { key: 'e-eu', name: 'EU', type: 'organization' }, expected: 'European Union' },
  {
    query: { key: 'e-caesar', name: 'Caesar Sanctions', type: 'law' },
    expected: 'Caesar Syria Civilian Protection Act',
  },
  { query: { key: 'e-turkey', name: 'Turkey', type: 'place' }, expected: 'Turkey' },
  { query: { key: 'e-daraa', name: 'Daraa', type: 'place', descriptor: 'province' }, expected: 'Daraa Governorate' },
  { query: { key: 'e-idlib', name: 'Idlib', type: 'place', descriptor: 'province' }, expected: 'Idlib Governorate' },
  { query: { key: 'e-civil-war', name: 'civil war', type: 'event', date: '2011' }, expected: 'Syrian civil war' },
  {
    query: {
      key: 'e-election',
      name: 'Syrian presidential election',
      type: 'event',
      lookupTitle: '2021 Syrian presidential election',
      date: '2021-05',
    },
    expected: '2021 Syrian presidential election',
  },
  {
    query: {
      key: 'e-intervention',
      name: 'intervention',
      type: 'event',
      date: '2015',
      related: ['Moscow', 'Damascus', 'Bashar Al-Assad'],
    },
    expected: 'Russian intervention in the Syrian civil war',
  },
];

export const SEED_QUERIES: EntityQuery[] = SEEDS.map(({ query }) => ({
  ...query,
  related: query.related ?? related(query.name),
}));
export const SEED_EXPECTED: Record<string, string> = Object.fromEntries(SEEDS.map((s) => [s.query.key, s.expected]));
