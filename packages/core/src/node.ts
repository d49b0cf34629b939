import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * Node's http objects to Web Request/Response and back. Used by `cityscope serve`,
 * by the Google Cloud adapter (Express requests are IncomingMessages) and by the
 * Azure development host. Nothing here knows about a cloud.
 */

/** `http://<host>` when the Host header is a usable host, else `http://localhost`: a bad Host is no reason to fail. */
export function originFor(host: string | undefined, scheme = 'http'): string {
  if (host && URL.canParse(`${scheme}://${host}/`)) return `${scheme}://${host}`;
  return `${scheme}://localhost`;
}

/** Copies header pairs, leaving out any a Web Headers object refuses (NUL, CR, LF, code points above 255). */
export function toHeaders(pairs: Iterable<[string, string]>): Headers {
  const headers = new Headers();
  for (const [name, value] of pairs) {
    try {
      headers.append(name, value);
    } catch {
      // dropped: no API input travels in such a header
    }
  }
  return headers;
}

function* rawPairs(raw: string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!name.startsWith(':')) yield [name, raw[i + 1] as string];
  }
}

/**
 * The URL of a request line: an origin-form target is appended to the origin as it
 * stands ("//health" is a path here, not a host), an absolute-form one is taken whole.
 */
export function requestUrl(target: string | undefined, origin: string): URL {
  const t = target ?? '/';
  if (t.startsWith('/')) return new URL(`${origin}${t}`);
  return URL.canParse(t) ? new URL(t) : new URL(`${origin}/`);
}

/** An IncomingMessage as a Web Request. `rawBody`, when given, is used instead of the stream (it was read already). */
export function toWebRequest(req: IncomingMessage, rawBody?: Uint8Array, origin?: string): Request {
  const headers = toHeaders(rawPairs(req.rawHeaders));
  const base = origin ?? originFor(req.headers.host);
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
  if (hasBody) body = rawBody ? new Uint8Array(rawBody) : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  return new Request(requestUrl(req.url, base), {
    method,
    headers,
    ...(body ? { body, duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * Writes a Web Response to a ServerResponse, streaming its body. When the answer
 * came before the request body was read (413, 415, …), the connection is closed
 * after it: a keep-alive socket with unread upload bytes would stall the next request.
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  if (!res.req.complete) headers.connection = 'close';
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
  }
  res.end();
}
