// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MentionSummary } from '../../lib/contracts/tabs';
import type { Reply } from '../../lib/messaging/reply';
import { countMentions, formatBytes } from '../../lib/popup/page-state';
import { Popup, withSite } from '../../lib/popup/popup';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import { addRoot, flush, removeRoot, showView, storedSettings as stored } from './helpers/view';

// The popup talks to a tab and to the background; here both are played by these mocks.
const tabReplies = vi.hoisted(() => ({
  pageMentions: null as Reply<unknown> | null,
  sent: [] as { tabId: number; name: string; request: unknown }[],
  cache: null as Reply<unknown> | null,
}));
vi.mock('../../lib/messaging/channel', () => ({
  sendToTab: async (tabId: number, name: string, request: unknown) => {
    tabReplies.sent.push({ tabId, name, request });
    if (name === 'pageMentions') return tabReplies.pageMentions ?? { ok: false, error: 'no receiver' };
    if (name === 'revealMention') return { ok: true, value: { found: true } };
    if (name === 'toggleAnnotations') return { ok: true, value: { active: (request as { on?: boolean }).on ?? true } };
    return { ok: false, error: 'unknown' };
  },
  sendToBackground: async (name: string) => {
    tabReplies.sent.push({ tabId: -1, name, request: {} });
    return tabReplies.cache ?? { ok: false, error: 'No handler' };
  },
}));
vi.mock('../../lib/popup/target-tab', () => ({
  targetTab: async () => ({ id: 7, url: null }),
}));

const mentions: MentionSummary[] = [
  { id: 'm1', kind: 'entity', type: 'person', text: 'the president', label: 'Ada Example' },
  { id: 'm2', kind: 'claim', type: 'statistic', text: 'Prices rose 40% in 2020', label: '' },
  { id: 'm3', kind: 'entity', type: 'place', text: 'Lisbon', label: 'Lisbon' },
];
const page = (over: object = {}): Reply<unknown> => ({
  ok: true as const,
  value: { site: 'news.example', active: true, isArticle: true, mentions, ...over },
});

let root: HTMLElement;
const input = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const show = (settings: Settings = DEFAULT_SETTINGS) => showView(<Popup />, root, settings);

beforeEach(() => {
  fakeBrowser.reset();
  tabReplies.pageMentions = page();
  tabReplies.sent = [];
  tabReplies.cache = null;
  root = addRoot();
});
afterEach(() => removeRoot(root));

describe('the popup', () => {
  test('has real labelled switches for everywhere, this site and each kind', async () => {
    await show();
    for (const [name, label] of [
      ['enabled', 'On everywhere'],
      ['site', 'On for news.example'],
      ['entities', 'Entities'],
      ['claims', 'Claims'],
      ['source', 'Source'],
    ]) {
      const box = input(name as string);
      expect(box.type).toBe('checkbox');
      expect(box.checked).toBe(true);
      expect(box.closest('label')?.textContent).toContain(label);
    }
  });

  test('each switch is named by its label alone, with its hint attached as its description', async () => {
    await show();
    const text = (ids: string | null) =>
      (ids ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const claims = input('claims');
    expect(text(claims.getAttribute('aria-labelledby'))).toBe('Claims');
    expect(text(claims.getAttribute('aria-describedby'))).toBe('Figures, quotes, disputed statements');
    expect(text(input('enabled').getAttribute('aria-labelledby'))).toBe('On everywhere');
    expect(input('enabled').hasAttribute('aria-describedby')).toBe(false);
  });

  test('"Claims to underline" and "Names" are stored from the popup', async () => {
    await show();
    const radio = (name: string, value: string) =>
      root.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;
    expect(radio('lines-claims', 'key').checked).toBe(true);
    expect(radio('lines-names', 'first').checked).toBe(true);
    await act(() => radio('lines-claims', 'all').click());
    await flush();
    await act(() => radio('lines-names', 'every').click());
    await flush();
    expect((await stored()).lines).toEqual({ claims: 'all', names: 'every' });
  });

  test('on a page in a language Sidenote does not read, it says so plainly and still offers the publisher', async () => {
    tabReplies.pageMentions = page({
      mentions: [],
      language: { code: 'fr', name: 'French', source: 'html', reads: false },
    });
    await show();
    expect(root.querySelector('[data-page="language"]')?.textContent).toBe(
      'Sidenote reads English articles; this page is in French.',
    );
    expect(root.querySelector('button[name="publisher"]')).not.toBeNull();
    expect(root.querySelector('.sn-counts')).toBeNull();
  });

  test('switching Claims off and the site off stores them', async () => {
    await show();
    await act(() => input('claims').click());
    await flush();
    expect((await stored()).kinds).toEqual({ entities: true, claims: false, source: true });
    await act(() => input('site').click());
    await flush();
    expect((await stored()).disabledSites).toEqual(['news.example']);
    expect(input('site').checked).toBe(false);
  });

  test('a site the settings cannot hold is refused with a message, and nothing changes', async () => {
    tabReplies.pageMentions = page({ site: '[::1]' });
    await show();
    await act(() => input('site').click());
    await flush();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Not saved: Sidenote cannot store this change.');
    expect(await stored()).toEqual(DEFAULT_SETTINGS);
    expect(input('site').checked).toBe(true);
  });

  test('lists what the page holds with counts, and choosing one reveals it', async () => {
    await show();
    expect(root.querySelector('.sn-counts')?.textContent).toBe('2 entities · 1 claim');
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('button[data-mention-id]')];
    expect(buttons.map((b) => b.textContent)).toEqual([
      'the presidentEntity · Ada Example',
      'Prices rose 40% in 2020Claim · statistic',
      'LisbonEntity · place',
    ]);
    await act(() => buttons[1]!.click());
    await flush();
    expect(tabReplies.sent).toContainEqual({ tabId: 7, name: 'revealMention', request: { id: 'm2' } });
  });

  test('a page that cannot be reached says so, and the site switch is off limits', async () => {
    tabReplies.pageMentions = { ok: false, error: 'Could not establish connection' };
    await show();
    expect(root.querySelector('[data-page="unreachable"]')?.textContent).toContain('can’t reach this page');
    expect(input('site').disabled).toBe(true);
  });

  test('a page past its budgets says what Sidenote left out', async () => {
    tabReplies.pageMentions = page({ limits: { text: true, lookups: true } });
    await show();
    const limits = root.querySelector('[data-limits]');
    expect(limits?.getAttribute('data-limits')).toBe('text lookups');
    expect(limits?.textContent).toContain('This page is very long: Sidenote read only its first part.');
    expect(limits?.textContent).toContain('past the first 500 names, a card looks its name up when you open it');
    // The list is still there.
    expect(root.querySelectorAll('.sn-mention')).toHaveLength(3);
  });

  test('a page within its budgets says nothing of them', async () => {
    tabReplies.pageMentions = page({ limits: { text: false } });
    await show();
    expect(root.querySelector('[data-limits]')).toBeNull();
    expect(root.textContent).not.toContain('very long');
  });

  test('a page that is not an article says so', async () => {
    tabReplies.pageMentions = page({ isArticle: false, mentions: [] });
    await show();
    expect(root.querySelector('[data-page="not-article"]')?.textContent).toContain('doesn’t look like an article');
  });

  test('in click mode the popup offers to annotate this page only', async () => {
    tabReplies.pageMentions = page({ active: false, mentions: [] });
    await show({ ...DEFAULT_SETTINGS, mode: 'click' });
    const annotate = root.querySelector<HTMLButtonElement>('button[name="annotate"]');
    expect(annotate?.textContent).toBe('Annotate this page');
    await act(() => annotate!.click());
    await flush();
    expect(tabReplies.sent).toContainEqual({ tabId: 7, name: 'toggleAnnotations', request: { on: true } });
    expect((await stored()).mode).toBe('click');
  });

  test('the cache shows "unavailable" until the background answers, and its size when it does', async () => {
    await show();
    expect(root.querySelector('[data-cache]')?.textContent).toBe('Cache size unavailable');
    expect(root.querySelector<HTMLButtonElement>('button[name="clear-cache"]')?.disabled).toBe(true);
    render(null, root);
    tabReplies.cache = { ok: true, value: { entries: 12, bytes: 30_720 } };
    await show();
    expect(root.querySelector('[data-cache]')?.textContent).toBe('Cache: 12 entries, 30 KB');
    await act(() => root.querySelector<HTMLButtonElement>('button[name="clear-cache"]')!.click());
    await flush();
    expect(tabReplies.sent.map((s) => s.name)).toContain('cacheClear');
  });
});

describe('popup helpers', () => {
  test('turning a site on removes every rule that covers it, and lists it in "sites" mode', () => {
    const s = { ...DEFAULT_SETTINGS, disabledSites: ['example.com', 'other.org'] };
    expect(withSite(s, 'news.example.com', true).disabledSites).toEqual(['other.org']);
    expect(withSite({ ...s, mode: 'sites' }, 'news.example.com', true).sites).toEqual(['news.example.com']);
    expect(withSite(s, 'third.net', false).disabledSites).toEqual(['example.com', 'other.org', 'third.net']);
    expect(withSite(s, 'other.org', false)).toBe(s);
  });

  test('counts and sizes read well', () => {
    expect(countMentions(mentions)).toEqual({ entities: 2, claims: 1 });
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
