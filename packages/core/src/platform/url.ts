/** Request URLs from a Host header and a request line, for every adapter. */

let lastHost: string | undefined;
let lastOrigin = 'http://localhost';

/** `http://<host>` when the Host header is a usable host, else `http://localhost`: a bad Host is no reason to fail. */
export function originFor(host: string | undefined, scheme = 'http'): string {
  if (scheme === 'http' && host === lastHost) return lastOrigin;
  const origin = host && URL.canParse(`${scheme}://${host}/`) ? `${scheme}://${host}` : `${scheme}://localhost`;
  if (scheme === 'http') {
    lastHost = host;
    lastOrigin = origin;
  }
  return origin;
}

/**
 * The URL of a request line: an origin-form target is appended to the origin as it
 * stands ("//health" is a path here, not a host), an absolute-form one is taken whole.
 */
export function requestUrl(target: string | undefined, origin: string): URL {
  return new URL(requestHref(target, origin));
}

export function requestHref(target: string | undefined, origin: string): string {
  const t = target ?? '/';
  if (t.startsWith('/')) return `${origin}${t}`;
  return URL.canParse(t) ? new URL(t).href : `${origin}/`;
}
