import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { apiKeySchema, DEFAULT_ENDPOINTS, endpointSchema, type Settings } from '../settings/schema';

/**
 * The reader's secrets (today the Fact Check Tools key), kept in the extension's own IndexedDB.
 *
 * Not in `storage.local`: every content script can read that area (Chromium and Firefox give it to
 * content scripts, and `setAccessLevel` covers only `storage.session`), so a compromised renderer
 * of any site could read a key kept there. IndexedDB belongs to the extension's origin, which no web
 * page's process is given: only the background worker and the extension's own pages (options) open it.
 *
 * The key is stored with the address it may be sent to. A key is used only while the Fact Check
 * address in the settings is that same address: a changed address (typed, imported, or written by
 * anyone who can write `storage.local`) never receives a key the reader gave another address.
 */
export interface FactCheckSecret {
  key: string;
  /** The Fact Check Tools address the key was given for. */
  endpoint: string;
}

/**
 * The source addresses the reader set on the options page (or had when this record began), per
 * source. Settings live in `storage.local`, which a content script (a compromised renderer) can
 * also write; the background sends lookups only to a default address or one recorded here, so a
 * write there cannot move the phrases looked up in every tab to another host.
 */
export type ApprovedEndpoints = Partial<Settings['endpoints']>;

interface SecretsDb extends DBSchema {
  secrets: { key: string; value: FactCheckSecret | ApprovedEndpoints };
}

const FACT_CHECK = 'factCheck';
const APPROVED_ENDPOINTS = 'approvedEndpoints';
export const SECRETS_DB = 'sidenote-secrets';

/**
 * Runs `use` on a connection opened for it and closed after: secrets are read a few times a page at
 * most (a fact-check lookup, the options page), and a closed connection never blocks an upgrade.
 */
async function withDb<T>(name: string, use: (db: IDBPDatabase<SecretsDb>) => Promise<T>): Promise<T> {
  const db = await openDB<SecretsDb>(name, 1, { upgrade: (d) => void d.createObjectStore('secrets') });
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** The stored Fact Check key and its address, or null. A malformed record reads as none. */
export async function loadFactCheckSecret(name = SECRETS_DB): Promise<FactCheckSecret | null> {
  const value = (await withDb(name, (db) => db.get('secrets', FACT_CHECK))) as Partial<FactCheckSecret> | undefined;
  if (!value || typeof value !== 'object') return null;
  const key = apiKeySchema.safeParse(value.key);
  const endpoint = endpointSchema.safeParse(value.endpoint);
  if (!key.success || !endpoint.success || !key.data) return null;
  return { key: key.data, endpoint: endpoint.data };
}

/**
 * The key to send to `endpoint`: the stored key when it was given for that address, else ''.
 * A key bound to another address is dropped on the way (the address changed since).
 */
export async function factCheckKeyFor(endpoint: string, name = SECRETS_DB): Promise<string> {
  const secret = await loadFactCheckSecret(name);
  if (!secret) return '';
  if (secret.endpoint === endpoint) return secret.key;
  await clearFactCheckSecret(name);
  return '';
}

/** Stores the key for one address; an empty key removes it. Both are validated first. */
export async function saveFactCheckSecret(key: string, endpoint: string, name = SECRETS_DB): Promise<void> {
  const k = apiKeySchema.parse(key);
  const e = endpointSchema.parse(endpoint);
  if (!k) return clearFactCheckSecret(name);
  await withDb(name, (db) => db.put('secrets', { key: k, endpoint: e }, FACT_CHECK));
}

export async function clearFactCheckSecret(name = SECRETS_DB): Promise<void> {
  await withDb(name, (db) => db.delete('secrets', FACT_CHECK));
}

/** The valid addresses of a stored record, or null when there is none. Malformed entries are left out. */
function approvedOf(value: unknown): ApprovedEndpoints | null {
  if (!value || typeof value !== 'object') return null;
  const out: ApprovedEndpoints = {};
  for (const source of Object.keys(DEFAULT_ENDPOINTS) as (keyof ApprovedEndpoints)[]) {
    const parsed = endpointSchema.safeParse((value as Record<string, unknown>)[source]);
    if (parsed.success) out[source] = parsed.data;
  }
  return out;
}

/** The approved source addresses, or null when none were ever recorded. Malformed entries are left out. */
export async function loadApprovedEndpoints(name = SECRETS_DB): Promise<ApprovedEndpoints | null> {
  return approvedOf(await withDb(name, (db) => db.get('secrets', APPROVED_ENDPOINTS)));
}

/**
 * Writes the approved addresses `next` derives from the recorded ones (null: none yet), in one
 * transaction, so two writers (the options page, the background's first start) never lose each
 * other's addresses. `next` returning undefined writes nothing. Addresses are validated first.
 */
async function updateApproved(
  name: string,
  next: (before: ApprovedEndpoints | null) => ApprovedEndpoints | undefined,
): Promise<void> {
  await withDb(name, async (db) => {
    const tx = db.transaction('secrets', 'readwrite');
    const value = next(approvedOf(await tx.store.get(APPROVED_ENDPOINTS)));
    if (value) {
      const checked: ApprovedEndpoints = {};
      for (const [source, address] of Object.entries(value) as [keyof ApprovedEndpoints, string][])
        checked[source] = endpointSchema.parse(address);
      await tx.store.put(checked, APPROVED_ENDPOINTS);
    }
    await tx.done;
  });
}

/** Records addresses the reader set, merged over those recorded before. */
export function approveEndpoints(endpoints: ApprovedEndpoints, name = SECRETS_DB): Promise<void> {
  return updateApproved(name, (before) => ({ ...before, ...endpoints }));
}

/**
 * Records `endpoints` as the approved addresses only if none were ever recorded: the first start's
 * record never overwrites addresses the options page approved while that start read the settings.
 */
export function recordEndpointsIfNone(endpoints: ApprovedEndpoints, name = SECRETS_DB): Promise<void> {
  return updateApproved(name, (before) => (before ? undefined : endpoints));
}
