/**
 * The limits of a page fetch for /parse (docs/api.md, "Fetching pages"). Kept apart from
 * fetch-page.ts so the route table can quote them without loading the fetcher.
 */
export const PAGE_FETCH_LIMITS = { timeoutMs: 8000, maxBytes: 2 * 1024 * 1024, maxRedirects: 3 } as const;
