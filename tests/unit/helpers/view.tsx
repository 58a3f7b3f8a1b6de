/**
 * Rendering the extension's own pages (options, popup) in a test: a root element, the settings
 * stored in the fake browser before the view reads them, and a wait for the view to settle.
 */
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Settings } from '../../../lib/settings/schema';

/** Runs a few tasks inside act(): the view's storage reads, effects and re-renders are done after. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise((done) => setTimeout(done, 0)));
}

/** The settings the fake browser holds now. */
export async function storedSettings(): Promise<Settings> {
  return (await fakeBrowser.storage.local.get('settings')).settings as Settings;
}

/** A fresh element in the document to render a view into (call in beforeEach). */
export function addRoot(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  return root;
}

/** Unmounts whatever was rendered into `root` and takes it out (call in afterEach). */
export function removeRoot(root: HTMLElement): void {
  render(null, root);
  root.remove();
}

/** Stores `settings`, renders `view` into `root` and lets it settle. */
export async function showView(view: ComponentChild, root: HTMLElement, settings: Settings): Promise<void> {
  await fakeBrowser.storage.local.set({ settings });
  await act(() => render(view, root));
  await flush();
}
