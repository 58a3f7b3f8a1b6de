/**
 * The story of the React test page and the ways its text changes, as plain data: no React, no DOM.
 * The app renders these blocks, and the test reads back what each paragraph must say from the same
 * function, so "what React's state says" has one definition.
 *
 * The text is the project's own, written for this page.
 */

/** One piece of a paragraph: text (one text node), an `Updated:` badge element, or a hole (`{cond && …}` that is false). */
export type Part = string | { badge: string } | null;

export interface Block {
  /** React's key and the `data-para` attribute the test finds the element by. */
  key: string;
  tag: 'h1' | 'p';
  parts: Part[];
}

export interface StoryState {
  /** How many of the test's steps have been applied (0: as first rendered). */
  step: number;
  /** Seconds since the live line's reference time; the clock ticks once a second after mount. */
  clock: number;
  /** Which sentence the live line shows. */
  sentence: number;
  /** Ticks left during which the live line moves to its next sentence each second. */
  rolling: number;
  revised: boolean;
  badge: boolean;
  lead: boolean;
  order: string[];
}

/** The live line's reference time: 14:05:00 GMT, the same on the server and in the page. */
const CLOCK_START = 14 * 3600 + 5 * 60;

/** The live line's sentences, in the order they come; the last names someone nothing else names. */
export const LIVE_SENTENCES = [
  'officials in Damascus had made no comment on the meeting.',
  'the European Union said in Brussels that it would give a further 50 million euros to families displaced in the north-west.',
  'Fernando Arias, the head of the Organisation for the Prohibition of Chemical Weapons, had again asked for access to two sites near Hama, according to a spokesman for the watchdog.',
  'the Turkish defence ministry reported a second convoy of armoured vehicles crossing into Idlib province.',
  'the United Nations envoy Geir Pedersen said he would convene the constitutional committee in Geneva next month.',
] as const;

/** Names the test expects to be marked once their text is on the page (and not before). */
export const NEW_NAMES = {
  /** In the revised standfirst only. */
  revised: 'Faisal Mekdad',
  /** In the live line's last sentence only. */
  live: 'Geir Pedersen',
  /** In the paragraph added when the paragraphs are re-ordered. */
  added: 'António Guterres',
  /** Only in the leading text that goes away. */
  leadOnly: 'Dmitry Peskov',
  /** Right after the badge (the detector reads the start of the paragraph's name in more than one way). */
  afterBadge: 'Erdoğan',
} as const;

/** The keyed paragraphs of the body, by key. */
const BODY: Record<string, string> = {
  control:
    'According to the Kremlin, Putin told his guest that government forces now controlled 90 per cent of the country, a figure opposition groups say is exaggerated.',
  sanctions:
    'Both men attacked the sanctions the United States and the European Union have imposed on Damascus, which Assad called the main obstacle to rebuilding cities such as Aleppo and Homs.',
  turkey:
    'Turkey, which backs several rebel factions in the north-west, has moved more troops and armour to its observation posts around Idlib in recent weeks, and Ankara has warned that it will not accept a new wave of refugees.',
  aid: 'Aid agencies say a new offensive could push hundreds of thousands of people towards the closed border, where camps near the town of Atmeh already shelter more than a million.',
  lavrov:
    'Foreign Minister Sergei Lavrov is due to discuss the situation with his Turkish counterpart, Mevlüt Çavuşoğlu, in Ankara later this month.',
  geneva:
    'In New York, the UN Secretary-General, António Guterres, urged all sides to respect the ceasefire agreed in March 2020 and to let aid convoys reach Idlib.',
};

export const INITIAL_ORDER = ['control', 'sanctions', 'turkey', 'aid', 'lavrov'];
/** The order after the re-ordering step: moved, `sanctions` removed, `geneva` added. */
export const FINAL_ORDER = ['lavrov', 'geneva', 'aid', 'control', 'turkey'];

export const INITIAL_STATE: StoryState = {
  step: 0,
  clock: 0,
  sentence: 0,
  rolling: 0,
  revised: false,
  badge: false,
  lead: true,
  order: INITIAL_ORDER,
};

/**
 * What each step does, for the test's messages. The badge comes last: on a page whose nodes were
 * moved it is the change most likely to make React unmount the article, which ends the story.
 */
export const STEPS = [
  'state text replaced (headline, standfirst, figures)',
  'interpolated live line moves to a new sentence each second, four times',
  'conditional leading text removed',
  'keyed paragraphs re-ordered, one removed and one added',
  'an Updated: badge inserted before a name',
] as const;

/** Applies step `n` (1-based) to the state. */
export function applyStep(state: StoryState, n: number): StoryState {
  const next = { ...state, step: n };
  switch (n) {
    case 1:
      return { ...next, revised: true };
    case 2:
      return { ...next, rolling: LIVE_SENTENCES.length - 1 - state.sentence };
    case 3:
      return { ...next, lead: false };
    case 4:
      return { ...next, order: FINAL_ORDER };
    case 5:
      return { ...next, badge: true };
    default:
      throw new Error(`no step ${n}`);
  }
}

/** One second passes: the clock moves, and while rolling, so does the live line. */
export function tick(state: StoryState): StoryState {
  if (state.rolling <= 0) return { ...state, clock: state.clock + 1 };
  return { ...state, clock: state.clock + 1, sentence: state.sentence + 1, rolling: state.rolling - 1 };
}

const two = (n: number) => String(n).padStart(2, '0');

export function clockText(clock: number): string {
  const t = CLOCK_START + clock;
  return `${two(Math.floor(t / 3600) % 24)}:${two(Math.floor(t / 60) % 60)}:${two(t % 60)}`;
}

/** The article's blocks for a state, in document order. */
export function storyBlocks(state: StoryState): Block[] {
  const headline = state.revised
    ? 'Putin and Assad agree to press on in Idlib, Kremlin says'
    : 'Putin hosts Assad in Moscow as pressure builds over Idlib';
  const standfirst = state.revised
    ? 'The Syrian foreign minister, Faisal Mekdad, said after the talks that Damascus and Moscow saw "no alternative" to retaking the last rebel stronghold.'
    : 'The Russian president received Bashar al-Assad at the Kremlin on Monday evening, their first public meeting in more than a year.';
  const figures = state.revised
    ? 'The Syrian Observatory for Human Rights, a monitoring group based in Britain, said at least 41 civilians had been killed in Idlib province since the start of the month, and that 3,000 families had fled towards the border.'
    : 'The Syrian Observatory for Human Rights, a monitoring group based in Britain, said at least 34 civilians had been killed in Idlib province since the start of the month.';
  return [
    { key: 'headline', tag: 'h1', parts: [headline] },
    { key: 'standfirst', tag: 'p', parts: [standfirst] },
    {
      key: 'live',
      tag: 'p',
      parts: ['As of ', clockText(state.clock), ' GMT, ', LIVE_SENTENCES[state.sentence] ?? ''],
    },
    {
      key: 'lead',
      tag: 'p',
      parts: [
        state.lead
          ? 'Speaking to reporters at the Kremlin, the spokesman Dmitry Peskov called the talks "frank and useful". '
          : null,
        'Assad has said many times that every part of Syria will return to the control of his government, by negotiation or by force.',
      ],
    },
    {
      key: 'badge',
      tag: 'p',
      parts: [
        state.badge ? { badge: 'Updated: ' } : null,
        'Recep Tayyip Erdoğan, the Turkish president, spoke to Putin by telephone on Tuesday and asked him to restrain the Syrian air force.',
      ],
    },
    { key: 'figures', tag: 'p', parts: [figures] },
    ...state.order.map((key): Block => ({ key, tag: 'p', parts: [BODY[key] ?? ''] })),
  ];
}

/** What a block's element must read: its parts' text, holes left out. */
export function blockText(block: Block): string {
  return block.parts.map((part) => (part === null ? '' : typeof part === 'string' ? part : part.badge)).join('');
}

/** Every block's key and text, as the test compares them with the page. */
export function expectedTexts(state: StoryState): { key: string; text: string }[] {
  return storyBlocks(state).map((block) => ({ key: block.key, text: blockText(block) }));
}
