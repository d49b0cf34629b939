import { splitHeaders } from '@cityscope/core/platform/headers';
import { bytesStream, lazyRequest, webHeader } from '@cityscope/core/platform/lazy-request';
import { plainParts } from '@cityscope/core/platform/plain-response';
import { originFor } from '@cityscope/core/platform/url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * Incoming: an API Gateway HTTP API (payload 2.0) event as a Web Request, built lazily
 * (@cityscope/core/platform/lazy-request): a request that reads only a few headers never builds
 * a Web Request, so a cold GET /health does not load Node's fetch implementation.
 */
export function toRequest(event: APIGatewayProxyEventV2): Request {
  // payload 2.0 moves cookies out of the headers into `cookies`
  const pairs = Object.entries(event.headers ?? {}).filter(
    (e): e is [string, string] =>
      typeof e[1] === 'string' && !(event.cookies?.length && e[0].toLowerCase() === 'cookie'),
  );
  if (event.cookies?.length) pairs.push(['cookie', event.cookies.join('; ')]);
  const byName = new Map<string, string>();
  for (const [name, raw] of pairs) {
    const kept = webHeader(name, raw); // what a Web Headers would keep: no client can break the request
    if (!kept) continue;
    const [key, value] = kept;
    const had = byName.get(key);
    byName.set(key, had === undefined ? value : `${had}, ${value}`);
  }
  const origin = originFor(event.headers?.host ?? event.requestContext?.domainName, 'https');
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const method = (event.requestContext?.http?.method ?? 'GET').toUpperCase();
  return lazyRequest({
    method,
    url: `${origin}${event.rawPath || '/'}${query}`,
    header: (name) => byName.get(name) ?? null,
    pairs: () => pairs,
    body() {
      if (event.body == null) return null;
      return bytesStream(
        event.isBase64Encoded ? new Uint8Array(Buffer.from(event.body, 'base64')) : Buffer.from(event.body, 'utf8'),
      );
    },
  });
}

const TEXTUAL = /^(text\/|application\/([a-z0-9.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded))/i;

/** Text that API Gateway may pass as is: a textual media type, not compressed (gzip bytes are binary whatever the type). */
function isTextual(headers: Headers): boolean {
  return isTextualType(headers.get('content-type') ?? undefined, headers.get('content-encoding') ?? undefined);
}

function isTextualType(type: string | undefined, encoding: string | undefined): boolean {
  const e = encoding?.trim().toLowerCase();
  if (e && e !== 'identity') return false;
  return TEXTUAL.test(type ?? 'text/plain');
}

/** Outgoing: a Web Response as the structured 2.0 result; binary bodies go base64. */
export async function fromResponse(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const plain = plainParts(response);
  if (plain && isTextualType(plain.headers['content-type'], plain.headers['content-encoding'])) {
    // core's own answer (JSON, problem+json, HTML), still plain: no Web Response to build and read back
    return { statusCode: plain.status, headers: { ...plain.headers }, body: plain.body ?? '', isBase64Encoded: false };
  }
  const { headers, cookies } = splitHeaders(response.headers);
  const bytes = Buffer.from(await response.arrayBuffer());
  const textual = isTextual(response.headers);
  return {
    statusCode: response.status,
    headers,
    ...(cookies.length ? { cookies } : {}),
    body: textual ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !textual,
  };
}
