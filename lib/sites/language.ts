/**
 * The page's language: what it declares (`<html lang>`, a `Content-Language` meta, `og:locale`)
 * checked against what its text reads as. Detection reads English only, so on other pages
 * Sidenote places no marks. Cheap and self-contained (no zod, no detection), so the smallest
 * first content script can call it before anything else is loaded.
 */

export type LanguageSource = 'html' | 'meta' | 'og' | 'text';

export interface PageLanguage {
  /** Primary language subtag, lower case ("en", "fr", "ja"); "und" when nothing says. */
  code: string;
  /** The language's English name, for the popup: "French". */
  name: string;
  /** Where it was read: the page's declaration, or its text. */
  source: LanguageSource;
}

/** The languages detection reads. */
const READ_LANGUAGES = new Set(['en']);

/** Whether Sidenote's detection reads `code` (a language tag). Unknown ("und") is read: nothing says otherwise. */
export function readsLanguage(code: string): boolean {
  const primary = primaryOf(code);
  return primary === 'und' || READ_LANGUAGES.has(primary);
}

const NAMES: Record<string, string> = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  pt: 'Portuguese',
  de: 'German',
  cs: 'Czech',
  it: 'Italian',
  nl: 'Dutch',
  ja: 'Japanese',
  zh: 'Chinese',
  ko: 'Korean',
  ru: 'Russian',
  uk: 'Ukrainian',
  bg: 'Bulgarian',
  sr: 'Serbian',
  ar: 'Arabic',
  fa: 'Persian',
  ur: 'Urdu',
  he: 'Hebrew',
  el: 'Greek',
  hi: 'Hindi',
  th: 'Thai',
  pl: 'Polish',
  sk: 'Slovak',
  sv: 'Swedish',
  da: 'Danish',
  no: 'Norwegian',
  nb: 'Norwegian',
  fi: 'Finnish',
  tr: 'Turkish',
  hu: 'Hungarian',
  ro: 'Romanian',
  ca: 'Catalan',
  id: 'Indonesian',
  vi: 'Vietnamese',
  und: 'an unknown language',
};

/** The English name of a language tag's primary language ("fr-CA" → "French"), or the tag itself. */
export function languageName(code: string): string {
  const primary = primaryOf(code);
  return NAMES[primary] ?? primary;
}

function primaryOf(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'und';
}

/**
 * Function words frequent in each language's running text and rare in the others' (words shared
 * by several, such as "de", "a" or "in", are left out or kept only where they are most at home).
 */
const STOP_WORDS: Record<string, string> = {
  en: 'the and of to is was that for with on are this by from has have it at be which were said their its after but not who they an he she would been will',
  fr: 'le les des du et est une dans pour qui sur pas au aux avec ce cette sont été il elle ont mais plus ou leur ses nous vous était être fait comme aussi',
  es: 'el los las del y una por con para se su sus al como más pero fue ha está han sobre entre también este esta era hay desde muy sin',
  pt: 'o os do da dos das em um uma não com mais foi é ao na no pelo pela são também seu sua já ser há nos muito isso ele ela',
  de: 'der die das und ist nicht mit von zu den dem ein eine auf für sich auch es im dass sie wird wurde bei nach aus oder aber noch hat sind',
  cs: 'a je se na že ve do k jako ale by pro po jsou byl byla bylo který která které také jeho nebo už od při jen podle již však aby jsem jsme',
  it: 'il gli di e è che per non con della delle dei nel nella sono anche ma più come alla ha questo essere stato degli dalla una sua suo',
  nl: 'het een en van dat niet op te zijn met voor die er aan ook als bij maar om door naar heeft werd wordt nog worden dan hij ze',
};

const STOP_SETS = Object.fromEntries(
  Object.entries(STOP_WORDS).map(([code, words]) => [code, new Set(words.split(' '))]),
) as Record<string, Set<string>>;

/** Scripts that name their language plainly, by character range. */
const SCRIPTS: [code: string, pattern: RegExp][] = [
  ['ja', /[\u3040-\u30ff]/g], // hiragana and katakana: Japanese (checked before Han)
  ['ko', /[\uac00-\ud7af\u1100-\u11ff]/g],
  ['zh', /[\u4e00-\u9fff\u3400-\u4dbf]/g],
  ['ru', /[\u0400-\u04ff]/g],
  ['ar', /[\u0600-\u06ff\u0750-\u077f]/g],
  ['he', /[\u0590-\u05ff]/g],
  ['el', /[\u0370-\u03ff]/g],
  ['hi', /[\u0900-\u097f]/g],
  ['th', /[\u0e00-\u0e7f]/g],
];

/** Below this many words of Latin text the stop-word test does not decide. */
const MIN_WORDS = 30;
/** The winning language's stop words must make up at least this share of the words… */
const MIN_STOP_SHARE = 0.12;
/** …and outnumber the runner-up's by this factor. */
const MIN_LEAD = 1.5;
/** Text in another script than Latin decides when it makes up this share of the letters. */
const MIN_SCRIPT_SHARE = 0.3;
/** How much of the page's text the test reads: enough to decide, little enough to be instant. */
const SAMPLE_CHARS = 4000;

/**
 * The language a text reads as, or null when it cannot tell with confidence (too short, or two
 * languages close). Letters of another script decide by their range (with kana, Japanese rather
 * than Chinese; Cyrillic with Ukrainian letters, Ukrainian); Latin text by stop words.
 */
export function textLanguage(text: string): string | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (!letters) return null;
  const han = sample.match(SCRIPTS[2]![1])?.length ?? 0;
  for (const [code, pattern] of SCRIPTS) {
    let count = sample.match(pattern)?.length ?? 0;
    // Japanese writes with kanji among its kana; a page with a little kana is Japanese.
    if (code === 'ja' && count) count += han;
    if (count / letters < MIN_SCRIPT_SHARE) continue;
    if (code === 'ru' && /[іїєґ]/i.test(sample)) return 'uk';
    if (code === 'ar' && /[پچژگ]/.test(sample)) return 'fa';
    return code;
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const counts = Object.keys(STOP_SETS).map((code) => {
    const set = STOP_SETS[code]!;
    let n = 0;
    for (const w of words) if (set.has(w)) n += 1;
    return { code, n };
  });
  counts.sort((a, b) => b.n - a.n);
  const [best, second] = counts as [{ code: string; n: number }, { code: string; n: number }];
  if (best.n / words.length < MIN_STOP_SHARE || best.n < second.n * MIN_LEAD) return null;
  return best.code;
}

/** What the page says its language is, and where it says it. */
function declaredLanguage(doc: Document): { code: string; source: LanguageSource } | null {
  const html = doc.documentElement?.getAttribute('lang') || doc.documentElement?.getAttribute('xml:lang');
  if (html && primaryOf(html) !== 'und') return { code: primaryOf(html), source: 'html' };
  for (const meta of Array.from(doc.querySelectorAll('meta[http-equiv]'))) {
    if (meta.getAttribute('http-equiv')?.toLowerCase() !== 'content-language') continue;
    // "Content-Language" may list several; the first is the main one.
    const first = meta.getAttribute('content')?.split(',')[0] ?? '';
    if (primaryOf(first) !== 'und') return { code: primaryOf(first), source: 'meta' };
  }
  const og = doc.querySelector('meta[property="og:locale"]')?.getAttribute('content');
  if (og && primaryOf(og) !== 'und') return { code: primaryOf(og), source: 'og' };
  return null;
}

/**
 * A sample of the page's prose, cheaply: its paragraphs' text (no layout is read), or the body's
 * text without scripts and styles when it has no paragraphs.
 */
function pageSample(doc: Document): string {
  let sample = '';
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    sample += ` ${p.textContent ?? ''}`;
    if (sample.length >= SAMPLE_CHARS) return sample;
  }
  if (sample.trim().length >= 200 || !doc.body) return sample;
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let node = walker.nextNode(); node && sample.length < SAMPLE_CHARS; node = walker.nextNode()) {
    const parent = node.parentElement?.localName;
    if (parent === 'script' || parent === 'style' || parent === 'noscript') continue;
    sample += ` ${node.nodeValue ?? ''}`;
  }
  return sample;
}

/**
 * The page's language. The text decides when it is clear (an English page marked `lang="fr"` by
 * mistake reads as English); otherwise the page's declaration; with neither, "und" (unknown).
 */
export function pageLanguage(doc: Document): PageLanguage {
  const declared = declaredLanguage(doc);
  const fromText = textLanguage(pageSample(doc));
  const result = (code: string, source: LanguageSource): PageLanguage => ({ code, name: languageName(code), source });
  if (fromText && (!declared || declared.code !== fromText)) return result(fromText, 'text');
  if (declared) return result(declared.code, declared.source);
  return result('und', 'text');
}
