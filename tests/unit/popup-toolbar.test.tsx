import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeText, setBadge } from '../../lib/background/badge';
import { runCommand, TOGGLE_COMMAND } from '../../lib/background/commands';

const sent = vi.hoisted(() => [] as { tabId: number; name: string; request: unknown }[]);
vi.mock('../../lib/messaging/channel', () => ({
  sendToTab: async (tabId: number, name: string, request: unknown) => {
    sent.push({ tabId, name, request });
    return tabId === 404 ? { ok: false, error: 'no receiver' } : { ok: true, value: { active: true } };
  },
}));

beforeEach(() => {
  fakeBrowser.reset();
  sent.length = 0;
});

describe('the toolbar badge', () => {
  test('shows the number of claims, or nothing when off or when there are none', () => {
    expect(badgeText(14, true)).toBe('14');
    expect(badgeText(14, false)).toBe('');
    expect(badgeText(0, true)).toBe('');
    expect(badgeText(1200, true)).toBe('999+');
  });

  test('is set per tab, and a tab that closed in between is no error', async () => {
    const calls: unknown[] = [];
    fakeBrowser.action.setBadgeText = async (details) => {
      calls.push(details);
      if (details.tabId === 99) throw new Error('No tab with id: 99');
    };
    fakeBrowser.action.setBadgeBackgroundColor = async (details) => {
      calls.push(details);
    };
    await setBadge(3, 5, true);
    await setBadge(4, 5, false);
    await expect(setBadge(99, 1, true)).resolves.toBeUndefined();
    expect(calls).toEqual([
      { tabId: 3, text: '5' },
      { tabId: 3, color: '#1f4e79' },
      { tabId: 4, text: '' },
      { tabId: 99, text: '1' },
      { tabId: 99, color: '#1f4e79' },
    ]);
  });
});

describe('the keyboard command', () => {
  test('toggles annotations on the active tab', async () => {
    fakeBrowser.tabs.query = async () => [{ id: 12, index: 0, active: true } as never];
    expect(await runCommand(TOGGLE_COMMAND)).toBe(true);
    expect(sent).toEqual([{ tabId: 12, name: 'toggleAnnotations', request: {} }]);
  });

  test('ignores other commands, and fails quietly where no content script answers', async () => {
    fakeBrowser.tabs.query = async () => [{ id: 404, index: 0, active: true } as never];
    expect(await runCommand('something-else')).toBe(false);
    expect(sent).toEqual([]);
    expect(await runCommand(TOGGLE_COMMAND)).toBe(false);
    fakeBrowser.tabs.query = async () => [];
    expect(await runCommand(TOGGLE_COMMAND)).toBe(false);
  });
});
