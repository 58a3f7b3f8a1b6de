import { useEffect, useState } from 'preact/hooks';
import type { Settings } from './schema';
import { type EndpointChange, loadSettings, updateSettings, watchSettings } from './store';

/**
 * Current settings for a Preact view, kept live, with a validated updater. `onEndpoints`: see
 * `updateSettings` (the options page, where source addresses are set, passes it).
 */
export function useSettings(
  onEndpoints?: (changed: EndpointChange) => Promise<void>,
): [Settings | null, (change: (s: Settings) => Settings) => Promise<void>] {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void loadSettings().then((s) => live && setSettings(s));
    const stop = watchSettings((s) => live && setSettings(s));
    return () => {
      live = false;
      stop();
    };
  }, []);
  const update = async (change: (s: Settings) => Settings) => {
    setSettings(await updateSettings(change, onEndpoints));
  };
  return [settings, update];
}
