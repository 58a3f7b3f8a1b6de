import { type ApprovedEndpoints, loadApprovedEndpoints, recordEndpointsIfNone } from '../secrets/store';
import { DEFAULT_ENDPOINTS, type Settings } from '../settings/schema';
import { loadSettings } from '../settings/store';

type Endpoints = Settings['endpoints'];

/**
 * The addresses lookups may go to: each source's stored address when it is the default or one the
 * reader approved on the options page (lib/secrets/store.ts `ApprovedEndpoints`), else the default.
 */
export function trustedEndpoints(stored: Endpoints, approved: ApprovedEndpoints): Endpoints {
  const out = { ...stored };
  for (const source of Object.keys(out) as (keyof Endpoints)[])
    if (out[source] !== DEFAULT_ENDPOINTS[source] && out[source] !== approved[source])
      out[source] = DEFAULT_ENDPOINTS[source];
  return out;
}

export interface TrustedSettingsDeps {
  load: () => Promise<Settings>;
  approved: () => Promise<ApprovedEndpoints | null>;
  /** Records the first addresses, unless some were recorded meanwhile. */
  recordFirst: (endpoints: ApprovedEndpoints) => Promise<void>;
}

/**
 * Settings as the background acts on them: `storage.local`'s, with source addresses limited to
 * those the reader set (`trustedEndpoints`). The first read ever (an install, or the update that
 * began the record) takes the stored addresses as the reader's and records them; the background
 * does it at start, before any page can have written. When the record cannot be read, only the
 * default addresses are used.
 */
export async function loadTrustedSettings(
  deps: TrustedSettingsDeps = {
    load: loadSettings,
    approved: loadApprovedEndpoints,
    recordFirst: recordEndpointsIfNone,
  },
): Promise<Settings> {
  const settings = await deps.load();
  const read = () => deps.approved().catch(() => ({}) as ApprovedEndpoints);
  let approved = await read();
  if (approved === null) {
    await deps.recordFirst(settings.endpoints).catch(() => undefined);
    // Read again: the options page may have approved addresses while this read the settings.
    approved = (await read()) ?? {};
  }
  return { ...settings, endpoints: trustedEndpoints(settings.endpoints, approved) };
}
