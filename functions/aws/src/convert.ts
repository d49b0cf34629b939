import { splitHeaders } from '@cityscope/core/headers';
import { originFor, toHeaders } from '@cityscope/core/node';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Incoming: an API Gateway HTTP API (payload 2.0) event as a Web Request. */
export function toRequest(event: APIGatewayProxyEventV2): Request {
  // payload 2.0 moves cookies out of the headers into `cookies`
  const pairs = Object.entries(event.headers ?? {}).filter(
    (e): e is [string, string] =>
      typeof e[1] === 'string' && !(event.cookies?.length && e[0].toLowerCase() === 'cookie'),
  );
  if (event.cookies?.length) pairs.push(['cookie', event.cookies.join('; ')]);
  const headers = toHeaders(pairs);
  const origin = originFor(event.headers?.host ?? event.requestContext?.domainName, 'https');
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const method = (event.requestContext?.http?.method ?? 'GET').toUpperCase();
  let body: Uint8Array | string | undefined;
  if (event.body != null && method !== 'GET' && method !== 'HEAD') {
    body = event.isBase64Encoded ? new Uint8Array(Buffer.from(event.body, 'base64')) : event.body;
  }
  return new Request(`${origin}${event.rawPath || '/'}${query}`, { method, headers, body });
}

const TEXTUAL = /^(text\/|application\/([a-z0-9.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded))/i;

/** Text that API Gateway may pass as is: a textual media type, not compressed (gzip bytes are binary whatever the type). */
function isTextual(headers: Headers): boolean {
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return false;
  return TEXTUAL.test(headers.get('content-type') ?? 'text/plain');
}

/** Outgoing: a Web Response as the structured 2.0 result; binary bodies go base64. */
export async function fromResponse(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
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
