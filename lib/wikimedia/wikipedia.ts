import { z } from 'zod';
import type { LookupFailure } from '../contracts/lookups';
import { askJson } from './ask';
import type { GetJson } from './http';
import { isLegalTitle, wikipediaQueryUrl } from './urls';

/**
 * Wikipedia's Action API answers as Sidenote reads them, for entity lookups, source context and
 * figure checks alike: one schema of a page query's answer, and one way to ask for the page a
 * title names.
 */

// Shapes of the Action API's answers with formatversion=2 (booleans are real booleans, pages an array).
const thumbnailSchema = z.object({ source: z.string(), width: z.number(), height: z.number() });
export const pageSchema = z.object({
  title: z.string(),
  pageid: z.number().optional(),
  ns: z.number().optional(),
  missing: z.boolean().optional(),
  invalid: z.boolean().optional(),
  extract: z.string().optional(),
  description: z.string().optional(),
  thumbnail: thumbnailSchema.optional(),
  pageprops: z.object({ disambiguation: z.string().optional(), wikibase_item: z.string().optional() }).optional(),
  /** Rank in search results, when the pages come from the search generator. */
  index: z.number().optional(),
});
const fromTo = z.object({ from: z.string(), to: z.string() });
export const actionQuerySchema = z.object({
  batchcomplete: z.boolean().optional(),
  query: z
    .object({
      normalized: z.array(fromTo).optional(),
      redirects: z.array(fromTo.extend({ tofragment: z.string().optional() })).optional(),
      pages: z.array(pageSchema).optional(),
    })
    .optional(),
  error: z.object({ code: z.string(), info: z.string().optional() }).optional(),
});
export type ActionQuery = z.infer<typeof actionQuerySchema>;
export type ActionPage = z.infer<typeof pageSchema>;

/**
 * Follows a requested title through `normalized` and `redirects` to the page that answers it.
 * Redirect chains are followed a few steps at most, in case of a loop.
 */
export function finalTitle(title: string, query: NonNullable<ActionQuery['query']>): string {
  const normalized = new Map((query.normalized ?? []).map((n) => [n.from, n.to]));
  const redirects = new Map((query.redirects ?? []).map((r) => [r.from, r.to]));
  let current = normalized.get(title) ?? title;
  for (let i = 0; i < 5 && redirects.has(current); i += 1) current = redirects.get(current)!;
  return current;
}

/**
 * The article one title names (redirects followed), asked with the caller's `prop`s; no page when
 * the title cannot be one, is missing, or names a disambiguation page (never the thing asked for).
 */
export async function askTitlePage(
  getJson: GetJson,
  base: string,
  title: string,
  params: Record<string, string>,
): Promise<{ page?: ActionPage } | LookupFailure> {
  if (!isLegalTitle(title)) return {};
  const answer = await askJson(getJson, wikipediaQueryUrl(base, { ...params, titles: title }), actionQuerySchema);
  if (!answer.ok) return answer.failure;
  const page = answer.value.query?.pages?.find((p) => !p.missing && !p.invalid);
  if (!page || page.pageprops?.disambiguation !== undefined) return {};
  return { page };
}
