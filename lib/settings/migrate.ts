import * as z from 'zod/mini';
import {
  apiKeySchema,
  DEFAULT_SETTINGS,
  endpointSchema,
  SETTINGS_VERSION,
  type Settings,
  settingsSchema,
} from './schema';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Migrations from each older version to the next, keyed by the version they start from.
 * Version 0 is anything stored before settings had a version (or without one).
 */
const MIGRATIONS: Record<number, (old: Loose) => Loose> = {
  // v0 kept a flat `showEntities`/`showClaims`/`showSource` triple and `delay` in seconds.
  0: (old) => {
    const next: Loose = { ...old, version: 1 };
    if (!isObject(old.kinds)) {
      next.kinds = {
        entities: old.showEntities ?? true,
        claims: old.showClaims ?? true,
        source: old.showSource ?? true,
      };
    }
    if (old.hoverDelayMs === undefined && typeof old.delay === 'number')
      next.hoverDelayMs = Math.round(old.delay * 1000);
    delete next.showEntities;
    delete next.showClaims;
    delete next.showSource;
    delete next.delay;
    return next;
  },
  // v1 underlined every mention of every kind; v2 adds `lines`, which defaults to key claims and
  // names at their first mention. A reader who had claims or names on gets the quieter default:
  // that is the change v2 brings, and both choices are one click away.
  1: (old) => {
    const next: Loose = { ...old, version: 2 };
    if (!isObject(old.lines)) next.lines = { claims: 'key', names: 'first' };
    return next;
  },
  // v2 kept the Fact Check key in these settings, which every content script reads. v3 keeps it in
  // the extension's IndexedDB (lib/secrets/store.ts): the background moves it there first
  // (lib/background/secrets.ts, with `legacyFactCheckKey`); this step only drops it.
  2: (old) => {
    const next: Loose = { ...old, version: 3 };
    delete next.factCheckApiKey;
    return next;
  },
};

/**
 * The Fact Check key a v2 (or older) settings object still carries, with the address it was for,
 * or null. Read before the settings are migrated, so the key can be moved rather than lost.
 */
export function legacyFactCheckKey(stored: unknown): { key: string; endpoint: string } | null {
  if (!isObject(stored) || typeof stored.factCheckApiKey !== 'string') return null;
  const key = apiKeySchema.safeParse(stored.factCheckApiKey);
  if (!key.success || !key.data) return null;
  const endpoints = isObject(stored.endpoints) ? stored.endpoints : {};
  const endpoint = endpointSchema.safeParse(endpoints.factCheck ?? DEFAULT_SETTINGS.endpoints.factCheck);
  return endpoint.success ? { key: key.data, endpoint: endpoint.data } : null;
}

/**
 * Repairs an object against its schema and defaults field by field: every field that fails
 * its own schema falls back to its default, so one bad value never loses the rest.
 */
function repairObject(value: unknown, schema: z.ZodMiniObject, defaults: Loose): Loose {
  const source = isObject(value) ? value : {};
  const result: Loose = {};
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    const candidate = source[key];
    if (fieldSchema instanceof z.ZodMiniObject) {
      result[key] = repairObject(candidate, fieldSchema, defaults[key] as Loose);
      continue;
    }
    if (fieldSchema instanceof z.ZodMiniArray && Array.isArray(candidate)) {
      // A list keeps its good entries: one mistyped site must not lose the reader's whole list.
      const element = fieldSchema.def.element as z.ZodMiniType;
      result[key] = candidate.flatMap((item) => {
        const parsed = element.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
      continue;
    }
    const parsed = (fieldSchema as z.ZodMiniType).safeParse(candidate);
    result[key] = parsed.success ? parsed.data : defaults[key];
  }
  return result;
}

/**
 * Runs the migrations from the value's own version up to the current one. Returns null for
 * a value from a newer version (the caller decides: repair keeps what fits, import refuses).
 */
export function upgradeSettings(stored: Loose): Loose | null {
  let value: Loose = { ...stored };
  let version = typeof value.version === 'number' && Number.isInteger(value.version) ? value.version : 0;
  if (version > SETTINGS_VERSION) return null;
  if (version < 0) version = 0;
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    value = step ? step(value) : value;
    version += 1;
  }
  value.version = SETTINGS_VERSION;
  return value;
}

export interface LoadResult {
  settings: Settings;
  /** True when what was stored differs from what is returned and should be written back. */
  repaired: boolean;
}

/** Turns whatever was stored (nothing, partial, old, malformed) into valid settings. Never throws. */
export function migrateSettings(stored: unknown): LoadResult {
  // Nothing stored yet (a reader who never changed a setting): the defaults, which are valid by
  // construction (tests/unit/settings.test.ts), without building and running the schema on every page.
  if (stored === undefined) return { settings: structuredClone(DEFAULT_SETTINGS), repaired: false };
  const direct = settingsSchema.safeParse(stored);
  if (direct.success) return { settings: direct.data, repaired: false };
  const loose: Loose = isObject(stored) ? stored : {};
  // From a newer build (a downgrade): keep whatever still fits this version's schema.
  const value = upgradeSettings(loose) ?? { ...loose, version: SETTINGS_VERSION };
  const repaired = repairObject(value, settingsSchema, DEFAULT_SETTINGS as unknown as Loose);
  const final = settingsSchema.parse(repaired);
  return { settings: final, repaired: stored !== undefined };
}
