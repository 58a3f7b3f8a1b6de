import type { z } from 'zod';
import type { LookupFailure } from '../contracts/lookups';
import { failure, type JsonResult } from './http';

/** An answer checked against its schema, or why there is none. */
export type Checked<T> = { ok: true; value: T } | { ok: false; failure: LookupFailure };

/**
 * A request's JSON checked against the schema of what was asked: every answer from a source
 * passes through zod before anything reads it; one that does not fit is `malformed`.
 */
export function checked<S extends z.ZodType>(result: JsonResult, schema: S): Checked<z.infer<S>> {
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, failure: failure('malformed') };
}

/** GETs `url` and checks its JSON against `schema` (see `checked`). Never throws. */
export async function askJson<S extends z.ZodType>(
  getJson: (url: string) => Promise<JsonResult>,
  url: string,
  schema: S,
): Promise<Checked<z.infer<S>>> {
  return checked(await getJson(url), schema);
}

/** A MediaWiki API `error` answer as a failure: a lag or rate limit says so, anything else is unavailable. */
export function apiErrorFailure(code: string): LookupFailure {
  return failure(/maxlag|ratelimit/i.test(code) ? 'rate-limited' : 'unavailable');
}
