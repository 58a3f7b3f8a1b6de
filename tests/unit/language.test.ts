// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { languageName, pageLanguage, readsLanguage, textLanguage } from '../../lib/sites/language';

/** A few sentences of news prose per language, written for these tests. */
const TEXT: Record<string, string> = {
  en: 'The city council said on Monday that the new bridge would open in the spring, after two years of work. It was built by a local firm and has cost more than the budget that the mayor had promised. Residents who live near the river have complained about the noise, but the council says it will be worth it for their commute.',
  fr: 'Le conseil municipal a annoncé lundi que le nouveau pont ouvrira au printemps, après deux ans de travaux. Il a été construit par une entreprise locale et a coûté plus que le budget promis par le maire. Les habitants qui vivent près de la rivière se sont plaints du bruit, mais le conseil estime que cela en vaut la peine pour leurs trajets.',
  es: 'El ayuntamiento anunció el lunes que el nuevo puente se abrirá en primavera, después de dos años de obras. Fue construido por una empresa local y ha costado más que el presupuesto que había prometido el alcalde. Los vecinos que viven cerca del río se han quejado del ruido, pero el ayuntamiento dice que valdrá la pena para sus trayectos.',
  pt: 'A câmara municipal anunciou na segunda-feira que a nova ponte vai abrir na primavera, depois de dois anos de obras. Foi construída por uma empresa local e custou mais do que o orçamento que o presidente da câmara tinha prometido. Os moradores que vivem perto do rio queixaram-se do barulho, mas a câmara diz que não vai ser em vão.',
  de: 'Der Stadtrat hat am Montag mitgeteilt, dass die neue Brücke im Frühjahr eröffnet wird, nach zwei Jahren Bauzeit. Sie wurde von einer örtlichen Firma gebaut und hat mehr gekostet, als der Bürgermeister versprochen hatte. Anwohner, die nahe am Fluss wohnen, haben sich über den Lärm beschwert, aber der Rat sagt, dass es sich für die Pendler lohnt.',
  cs: 'Městská rada v pondělí oznámila, že nový most se otevře na jaře, po dvou letech stavby. Postavila ho místní firma a stál více, než starosta sliboval. Obyvatelé, kteří bydlí u řeky, si stěžují na hluk, ale rada tvrdí, že se to vyplatí, protože cesta do práce bude kratší a také bezpečnější pro děti, které chodí do školy.',
  it: 'Il consiglio comunale ha annunciato lunedì che il nuovo ponte aprirà in primavera, dopo due anni di lavori. È stato costruito da una ditta locale ed è costato più del bilancio che il sindaco aveva promesso. Gli abitanti che vivono vicino al fiume si sono lamentati del rumore, ma il consiglio dice che ne varrà la pena per i loro spostamenti.',
  nl: 'De gemeenteraad heeft maandag bekendgemaakt dat de nieuwe brug in het voorjaar opengaat, na twee jaar werk. Hij is gebouwd door een lokaal bedrijf en heeft meer gekost dan de burgemeester had beloofd. Bewoners die bij de rivier wonen, hebben geklaagd over het lawaai, maar de raad zegt dat het de moeite waard is voor hun reis naar het werk.',
  ja: '市議会は月曜日、新しい橋が二年間の工事を経て春に開通すると発表した。橋は地元の会社が建設し、市長が約束した予算を上回る費用がかかった。川の近くに住む住民は騒音に不満を示しているが、市議会は通勤のためには価値があると述べている。',
  zh: '市议会星期一宣布，新桥将在两年施工后于春季通车。这座桥由当地公司建造，费用超过了市长承诺的预算。住在河边的居民抱怨噪音，但市议会表示这对通勤者来说是值得的。',
  ru: 'Городской совет в понедельник объявил, что новый мост откроется весной, после двух лет строительства. Его построила местная фирма, и он обошёлся дороже, чем обещал мэр. Жители, которые живут у реки, жалуются на шум, но совет считает, что это того стоит.',
  ar: 'أعلن مجلس المدينة يوم الاثنين أن الجسر الجديد سيفتتح في الربيع بعد عامين من العمل. وقد بنته شركة محلية وكلف أكثر من الميزانية التي وعد بها رئيس البلدية. واشتكى السكان الذين يعيشون قرب النهر من الضجيج.',
};

describe('the language of a text', () => {
  test.each(Object.keys(TEXT))('%s news prose reads as %s', (code) => {
    expect(textLanguage(TEXT[code]!)).toBe(code);
  });

  test('too little text, or text with no letters, decides nothing', () => {
    expect(textLanguage('Breaking news')).toBeNull();
    expect(textLanguage('12 34 56 — 78')).toBeNull();
    expect(textLanguage('')).toBeNull();
  });

  test('only English is read; an unknown language is read as before', () => {
    expect(readsLanguage('en')).toBe(true);
    expect(readsLanguage('en-GB')).toBe(true);
    expect(readsLanguage('und')).toBe(true);
    expect(readsLanguage('fr')).toBe(false);
    expect(readsLanguage('cs-CZ')).toBe(false);
    expect(languageName('fr-CA')).toBe('French');
    expect(languageName('pt_BR')).toBe('Portuguese');
  });
});

describe('the page language', () => {
  const page = (head: string, htmlLang: string | null, body: string) => {
    if (htmlLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', htmlLang);
    document.head.innerHTML = head;
    document.body.innerHTML = body;
    return pageLanguage(document);
  };
  const paragraphs = (text: string) => `<article><h1>Title</h1><p>${text}</p></article>`;

  test('the text agreeing with <html lang>: the declaration is the source', () => {
    expect(page('', 'fr-FR', paragraphs(TEXT.fr!))).toEqual({ code: 'fr', name: 'French', source: 'html' });
  });

  test('an English page marked lang="fr" by mistake reads as English', () => {
    expect(page('', 'fr', paragraphs(TEXT.en!))).toEqual({ code: 'en', name: 'English', source: 'text' });
  });

  test('a declaration stands where the text cannot tell', () => {
    expect(page('', 'cs', paragraphs('Praha 2024'))).toMatchObject({ code: 'cs', source: 'html' });
    expect(
      page('<meta http-equiv="Content-Language" content="de, en">', null, paragraphs('Berlin 2024')),
    ).toMatchObject({ code: 'de', source: 'meta' });
    expect(page('<meta property="og:locale" content="es_ES">', null, paragraphs('Madrid'))).toMatchObject({
      code: 'es',
      source: 'og',
    });
  });

  test('with no declaration the text decides; with neither, the language is unknown (and read)', () => {
    expect(page('', null, paragraphs(TEXT.cs!))).toEqual({ code: 'cs', name: 'Czech', source: 'text' });
    expect(page('', null, paragraphs(TEXT.ja!))).toMatchObject({ code: 'ja', name: 'Japanese' });
    expect(page('', null, paragraphs('Hello'))).toMatchObject({ code: 'und' });
  });

  test('scripts and styles are not text', () => {
    const body = `<div>${TEXT.fr}</div><script>${'var the = and; '.repeat(200)}</script>`;
    expect(page('', null, body)).toMatchObject({ code: 'fr', source: 'text' });
  });
});
