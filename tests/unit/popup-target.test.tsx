// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { targetTab } from '../../lib/popup/target-tab';

beforeEach(() => {
  fakeBrowser.reset();
  history.replaceState(null, '', '/popup.html');
});

describe('the tab the popup acts on', () => {
  test('is the active tab of the current window by default', async () => {
    fakeBrowser.tabs.query = async (query) =>
      query.active && query.currentWindow ? [{ id: 3, index: 0, url: 'https://news.example/a' } as never] : [];
    expect(await targetTab()).toEqual({ id: 3, url: 'https://news.example/a' });
  });

  test('is the one named by ?tab=ID when the popup is opened as a page', async () => {
    history.replaceState(null, '', '/popup.html?tab=42');
    fakeBrowser.tabs.get = async (id) => ({ id, index: 0 }) as never;
    expect(await targetTab()).toEqual({ id: 42, url: null });
  });

  test('is none when the named tab is gone, and a bad id falls back to the active tab', async () => {
    history.replaceState(null, '', '/popup.html?tab=42');
    fakeBrowser.tabs.get = async () => {
      throw new Error('No tab with id: 42');
    };
    expect(await targetTab()).toBeNull();
    history.replaceState(null, '', '/popup.html?tab=-1');
    fakeBrowser.tabs.query = async () => [{ id: 9, index: 0 } as never];
    expect(await targetTab()).toEqual({ id: 9, url: null });
  });
});
