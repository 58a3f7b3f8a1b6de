import { useEffect, useState } from 'preact/hooks';
import type { CacheStats } from '../contracts/settings';
import { formatBytes, readCache } from './page-state';

/** The lookups' cache: its size, and a button to clear it. */
export function CacheSection() {
  const [stats, setStats] = useState<CacheStats | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void readCache().then(setStats);
  }, []);
  const clear = async () => {
    setBusy(true);
    setStats(await readCache(true));
    setBusy(false);
  };
  const text =
    stats === undefined
      ? 'Cache: …'
      : stats === null
        ? 'Cache size unavailable'
        : `Cache: ${stats.entries} ${stats.entries === 1 ? 'entry' : 'entries'}, ${formatBytes(stats.bytes)}`;
  return (
    <div class="sn-cache">
      <span data-cache={stats === null ? 'unavailable' : stats ? 'ready' : 'loading'}>{text}</span>
      <button
        type="button"
        name="clear-cache"
        disabled={!stats || busy || stats.entries === 0}
        onClick={() => void clear()}
      >
        Clear cache
      </button>
    </div>
  );
}
