import type { Cookie, HttpRequest, HttpResponseInit } from '@azure/functions';
import { splitHeaders } from '@cityscope/core/platform/headers';

/** Incoming: an Azure Functions v4 HttpRequest as a Web Request. */
export async function toRequest(req: HttpRequest): Promise<Request> {
  const method = req.method.toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await req.arrayBuffer());
  return new Request(req.url, { method, headers: new Headers(req.headers as unknown as Headers), body });
}

const SAME_SITE = { strict: 'Strict', lax: 'Lax', none: 'None' } as const;

/**
 * One Set-Cookie line as the structured cookie Azure's worker sends: the worker keeps
 * one value per header name, so cookies travel in `cookies`, never as headers.
 */
export function toCookie(line: string): Cookie {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  const cookie: Cookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'domain') cookie.domain = value;
    else if (key === 'path') cookie.path = value;
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) cookie.expires = new Date(value);
    else if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite') cookie.sameSite = SAME_SITE[value.toLowerCase() as keyof typeof SAME_SITE];
  }
  return cookie;
}

/** Outgoing: a Web Response as an HttpResponseInit; every Set-Cookie is kept. */
export async function fromResponse(response: Response): Promise<HttpResponseInit> {
  const { headers, cookies } = splitHeaders(response.headers);
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  return {
    status: response.status,
    headers,
    ...(cookies.length ? { cookies: cookies.map(toCookie) } : {}),
    ...(body ? { body } : {}),
  };
}
