import { PAGE_FETCH_LIMITS } from '../../parse/limits.js';
import { defineRoute } from '../route.js';
import { COST, TAGS, textCost } from './common.js';

const { maxRedirects, maxBytes, timeoutMs } = PAGE_FETCH_LIMITS;

export default defineRoute({
  method: 'POST',
  path: '/parse',
  operationId: 'parse',
  tag: TAGS.text,
  summary: 'Metadata, structure, readable text and analysis of a web page',
  description: `With \`url\`, the page is fetched: http(s) on ports 80 and 443, public addresses only (checked after DNS), at most ${maxRedirects} redirects, ${maxBytes / 1024 / 1024} MiB, ${timeoutMs / 1000} s, HTML only. With \`html\`, the given document is parsed.`,
  input: async () => {
    const { z, doc } = await import('../schemas.js');
    /** An absolute URL; which schemes, ports and addresses may be fetched is decided later (blocked_url). */
    const absoluteUrl = z.string().check(
      z.maxLength(2048),
      z.refine((s) => URL.canParse(s), 'Must be an absolute URL'),
    );
    const fields = {
      url: absoluteUrl.check(doc('The page to fetch and parse (give this or `html`)', 'https://example.org/')),
      html: z
        .string()
        .check(doc('An HTML document to parse instead of fetching one', '<html><title>Hi</title></html>')),
      baseUrl: absoluteUrl.check(
        doc('With `html`: the URL its relative links are resolved against', 'https://example.org/'),
      ),
    };
    return {
      // either `url`, or `html` with an optional `baseUrl`
      body: z
        .object({ url: z.optional(fields.url), html: z.optional(fields.html), baseUrl: z.optional(fields.baseUrl) })
        .check(
          z.refine((b) => (b.url === undefined) !== (b.html === undefined), {
            message: 'Give exactly one of "url" and "html"',
            path: ['url'],
          }),
          z.refine((b) => b.baseUrl === undefined || b.html !== undefined, {
            message: '"baseUrl" goes with "html"',
            path: ['baseUrl'],
          }),
        ),
      // as /openapi.json shows it: `oneOf` {url} | {html, baseUrl?}, which generators turn into a union
      bodyDocumented: z.xor([
        z.strictObject({ url: fields.url }).check(z.meta({ id: 'ParseUrl' })),
        z.strictObject({ html: fields.html, baseUrl: z.optional(fields.baseUrl) }).check(z.meta({ id: 'ParseHtml' })),
      ]),
    };
  },
  response: async () => {
    const { z, named, Keyword, Sentiment } = await import('../schemas.js');
    const str = z.string();
    const num = z.number();
    const orNull = z.nullable(str);
    return z
      .strictObject({
        url: orNull,
        title: orNull,
        description: orNull,
        lang: orNull,
        canonical: orNull,
        openGraph: z.strictObject({
          title: orNull,
          description: orNull,
          image: orNull,
          type: orNull,
          siteName: orNull,
        }),
        headings: z.array(z.strictObject({ level: num, text: str })),
        links: z.array(z.strictObject({ href: str, text: str, internal: z.boolean() })),
        images: z.array(z.strictObject({ src: str, alt: orNull })),
        text: str,
        wordCount: num,
        analysis: z.strictObject({ keywords: z.array(Keyword), sentiment: z.nullable(Sentiment) }),
        truncated: z
          .boolean()
          .check(
            z.describe(
              'The document went past a parsing bound and was read in part: elements past the 150,000th are not built (their text still counts), and elements nested deeper than 512 are flattened to that depth',
            ),
          ),
      })
      .check(named('ParsedPage'));
  },
  cache: 'no-store',
  errors: ['blocked_url', 'host_not_found', 'upstream_error', 'upstream_timeout'],
  // a fetched page costs its fetch as well as its text
  cost: ({ body }) => (body.html !== undefined ? textCost(body.html) : COST.fetchedPage),
  run: async ({ body }, { deps, request }) => {
    const parse = await import('../../parse/parse.js');
    if (body.html !== undefined) return parse.parseGivenHtml(body.html, body.baseUrl ?? null, request.signal);
    return parse.parseUrl(body.url as string, deps.pageFetch, request.signal);
  },
});
