import type { Config } from '../config.js';

/**
 * The headers the handler puts on its answers: content types, Cache-Control by the route's
 * `cache`, and CORS (every answer's headers, and the preflight).
 */

/** Content types of the answers. */
export const CONTENT_TYPE = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  problem: 'application/problem+json; charset=utf-8',
} as const;

/** The Content-Type of a 200 answer in a media type: text types are UTF-8. */
export const contentTypeOf = (type: string) =>
  type === 'application/json' ? CONTENT_TYPE.json : `${type}; charset=utf-8`;

/** Cache-Control of the answers: by the route's `cache` for GET answers (no-store for POST), and everything else. */
export const CACHE_CONTROL = {
  public: 'public, max-age=3600',
  page: 'public, max-age=300',
  immutable: 'public, max-age=31536000, immutable',
  none: 'no-store',
} as const;

/** CORS: what browsers may read and send, and how long a preflight answer holds. */
export const CORS = {
  exposeHeaders: 'x-request-id, retry-after, allow, ratelimit, ratelimit-policy, www-authenticate, server-timing',
  allowHeaders: 'content-type, x-request-id, authorization, x-api-key',
  maxAgeSeconds: 86_400,
} as const;

/** Step: the CORS headers of every answer, from the CORS_ORIGINS setting. */
export function corsHeaders(config: Config, request: Request): Record<string, string> {
  const exposed = { 'access-control-expose-headers': CORS.exposeHeaders };
  if (config.corsOrigins.includes('*')) return { 'access-control-allow-origin': '*', ...exposed };
  const origin = request.headers.get('origin');
  const h: Record<string, string> = { vary: 'Origin' };
  if (origin && config.corsOrigins.includes(origin)) h['access-control-allow-origin'] = origin;
  return { ...h, ...exposed };
}

/** Step: a CORS preflight (OPTIONS) on a known path: 204 with the methods it allows. */
export function preflight(allow: string[]): { status: number; headers: Record<string, string>; body: null } {
  const methods = [...allow, 'OPTIONS'].join(', ');
  return {
    status: 204,
    headers: {
      allow: methods,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': CORS.allowHeaders,
      'access-control-max-age': String(CORS.maxAgeSeconds),
      'cache-control': CACHE_CONTROL.none,
    },
    body: null,
  };
}
