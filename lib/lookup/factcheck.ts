import { z } from 'zod';
import type { FactCheck, LookupFailure } from '../contracts/lookups';
import { type HttpClient, queryString } from '../wikimedia/http';

// The claims:search answer: an object with `claims` (absent when nothing matched).
const reviewSchema = z.object({
  publisher: z.object({ name: z.string().optional(), site: z.string().optional() }).optional(),
  url: z.string().optional(),
  title: z.string().optional(),
  reviewDate: z.string().optional(),
  textualRating: z.string().optional(),
  languageCode: z.string().optional(),
});
export const claimSearchSchema = z.object({
  claims: z
    .array(
      z.object({
        text: z.string().optional(),
        claimant: z.string().optional(),
        claimDate: z.string().optional(),
        claimReview: z.array(reviewSchema).optional(),
      }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});

/** Fact-checks kept per claim: a card has room for a few. */
const MAX_ITEMS = 5;

/** Reduces a claims:search answer to fact-checks with an https link, a publisher and a rating. */
export function reduceClaimSearch(data: unknown): FactCheck[] | LookupFailure {
  const parsed = claimSearchSchema.safeParse(data);
  if (!parsed.success) return { status: 'error', reason: 'malformed' };
  const items: FactCheck[] = [];
  const seen = new Set<string>();
  for (const claim of parsed.data.claims ?? []) {
    for (const review of claim.claimReview ?? []) {
      const url = review.url && safeHttps(review.url, review.publisher?.site);
      const publisher = review.publisher?.name || review.publisher?.site;
      const rating = review.textualRating?.trim();
      if (!url || !publisher || !rating || seen.has(url)) continue;
      seen.add(url);
      const date = (review.reviewDate ?? claim.claimDate)?.slice(0, 10);
      items.push({
        publisher,
        rating,
        url,
        ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}),
        ...(claim.text ? { claimReviewed: claim.text } : {}),
      });
      if (items.length >= MAX_ITEMS) return items;
    }
  }
  return items;
}

/**
 * The review's link when it is https, carries no credentials, and is on the publisher's own site
 * (Fact Check Tools gives the site with each review: a review of "factdesk.example" links to
 * factdesk.example or a subdomain). A link elsewhere, or with no site to check it against, is dropped:
 * a card's link must go where its label says.
 */
function safeHttps(url: string, site: string | undefined): string | undefined {
  const publisherHost = site ? hostOf(site.includes('://') ? site : `https://${site}`) : undefined;
  if (!publisherHost) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return undefined;
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    return host === publisherHost || host.endsWith(`.${publisherHost}`) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(address: string): string | undefined {
  try {
    const host = new URL(address).hostname.toLowerCase().replace(/^www\./, '');
    return host.includes('.') ? host : undefined;
  } catch {
    return undefined;
  }
}

/** Searches Google Fact Check Tools for reviews of a claim (one request). */
export async function searchFactChecks(
  http: HttpClient,
  base: string,
  key: string,
  query: string,
  lang: string,
): Promise<FactCheck[] | LookupFailure> {
  const url = `${base.replace(/\/+$/, '')}/v1alpha1/claims:search?${queryString({
    query,
    languageCode: lang,
    pageSize: 10,
    key,
  })}`;
  // No custom header here: Google's API needs none, and none means no CORS preflight.
  const result = await http.getJson(url);
  return result.ok ? reduceClaimSearch(result.data) : result.failure;
}
