import type { LookupFailure } from '../contracts/lookups';
import type { JsonResult } from '../lookup/http';

export type { JsonResult };

/** The one network function source lookups use; the background passes the shared HTTP client's. */
export type GetJson = (url: string) => Promise<JsonResult>;

/** A small key-value cache with lifetimes; the background passes one backed by the shared cache. */
export interface SourceCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
}

/** Base addresses, from `settings.endpoints`; `{lang}` in the Wikipedia one is replaced. */
export interface SourceEndpoints {
  wikipedia: string;
  wikidata: string;
}

export function failure(reason: LookupFailure['reason'], retryAt?: number): LookupFailure {
  return retryAt === undefined ? { status: 'error', reason } : { status: 'error', reason, retryAt };
}
