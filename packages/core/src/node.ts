import type { IncomingMessage, ServerResponse } from 'node:http';
import { splitHeaders } from './headers.js';
import { problemType } from './http/problem.js';
import { plainParts } from './plain-response.js';

/**
 * Node's http objects to Web Request/Response and back. Used by `cityscope serve`,
 * by the Google Cloud adapter (Express requests are IncomingMessages) and by the
 * Azure development host. Nothing here knows about a cloud.
 *
 * The fast path is @hono/node-server's: a Request whose costly parts (Headers, the
 * body stream, the Web Request itself) are built only when something reads them,
 * and answers from `plainResponse` written to the socket in one `end()` with a
 * Content-Length, never pumped through a ReadableStream.
 */

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
  return new URL(requestHref(target, origin));
}

function requestHref(target: string | undefined, origin: string): string {
  const t = target ?? '/';
  if (t.startsWith('/')) return `${origin}${t}`;
  return URL.canParse(t) ? new URL(t).href : `${origin}/`;
}

const INCOMING = Symbol('incoming');
interface Light {
  [INCOMING]: {
    req: IncomingMessage;
    method: string;
    url: string;
    rawBody: Uint8Array | undefined;
    headers?: Headers;
    body?: ReadableStream<Uint8Array> | null;
    signal?: AbortSignal;
    real?: Request;
  };
}

/** The client went away before its request was whole, or before it was answered. */
const gone = (req: IncomingMessage) => Boolean(req.errored) || (req.destroyed && !req.complete);

const NODE_REQ = Symbol('nodeRequest');
const REAL_HEADERS = Symbol('realHeaders');
interface LightHeaders {
  [NODE_REQ]: IncomingMessage;
  [REAL_HEADERS]?: Headers;
}
function realHeaders(self: LightHeaders): Headers {
  self[REAL_HEADERS] ??= toHeaders(rawPairs(self[NODE_REQ].rawHeaders));
  return self[REAL_HEADERS];
}

/**
 * Headers over the IncomingMessage's own (already parsed, lower-cased) header object:
 * `get` and `has` read it directly; anything else (iteration, …) builds a Web Headers
 * from the raw pairs first. Request headers are immutable, so the two always agree.
 */
let headersProto: object | undefined;
function lightHeadersProto(): object {
  if (headersProto) return headersProto;
  const p: object = Object.create(Headers.prototype);
  delegate(p, Headers.prototype, (self) => realHeaders(self as LightHeaders));
  Object.defineProperties(p, {
    get: {
      value(this: LightHeaders, name: string): string | null {
        if (this[REAL_HEADERS]) return this[REAL_HEADERS].get(name);
        const v = this[NODE_REQ].headers[String(name).toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    has: {
      value(this: LightHeaders, name: string): boolean {
        if (this[REAL_HEADERS]) return this[REAL_HEADERS].has(name);
        return this[NODE_REQ].headers[String(name).toLowerCase()] !== undefined;
      },
    },
  });
  headersProto = p;
  return p;
}

/** Defines on `target` every method and getter of `source`, each forwarding to the object `real(this)` returns. */
function delegate(target: object, source: object, real: (self: unknown) => object): void {
  for (const key of Object.getOwnPropertyNames(source)) {
    const d = Object.getOwnPropertyDescriptor(source, key);
    if (key === 'constructor' || !d) continue;
    if (typeof d.value === 'function') {
      Object.defineProperty(target, key, {
        configurable: true,
        value(this: unknown, ...args: unknown[]) {
          const r = real(this) as Record<string, (...a: unknown[]) => unknown>;
          return (r[key] as (...a: unknown[]) => unknown).apply(r, args);
        },
      });
    } else if (d.get) {
      Object.defineProperty(target, key, {
        configurable: true,
        get(this: unknown) {
          return (real(this) as Record<string, unknown>)[key];
        },
      });
    }
  }
  const iterator = Object.getOwnPropertyDescriptor(source, Symbol.iterator);
  if (iterator && typeof iterator.value === 'function') {
    Object.defineProperty(target, Symbol.iterator, {
      configurable: true,
      value(this: unknown) {
        const r = real(this) as unknown as Iterable<unknown>;
        return r[Symbol.iterator]();
      },
    });
  }
}

const lazy = {
  headers(this: Light): Headers {
    const s = this[INCOMING];
    if (!s.headers) {
      const h = Object.create(lightHeadersProto()) as LightHeaders;
      h[NODE_REQ] = s.req;
      s.headers = h as unknown as Headers;
    }
    return s.headers;
  },
  body(this: Light): ReadableStream<Uint8Array> | null {
    const s = this[INCOMING];
    if (s.body !== undefined) return s.body;
    if (s.method === 'GET' || s.method === 'HEAD') s.body = null;
    else if (s.rawBody) {
      const bytes = new Uint8Array(s.rawBody);
      s.body = new ReadableStream({
        start(c) {
          c.enqueue(bytes);
          c.close();
        },
      });
    } else {
      // loaded on the first streamed body: the Lambda adapter imports this module too, and never streams
      const { Readable } = process.getBuiltinModule('node:stream');
      s.body = Readable.toWeb(s.req) as ReadableStream<Uint8Array>;
    }
    return s.body;
  },
  /** Aborted when the client goes away (mid-upload, or before the answer is written). */
  signal(this: Light): AbortSignal {
    const s = this[INCOMING];
    if (s.signal) return s.signal;
    const controller = new AbortController();
    s.signal = controller.signal;
    if (gone(s.req)) controller.abort();
    else s.req.once('close', () => gone(s.req) && controller.abort());
    return s.signal;
  },
};

function real(self: Light): Request {
  const s = self[INCOMING];
  if (s.real) return s.real;
  const body = lazy.body.call(self);
  s.real = new Request(s.url, {
    method: s.method,
    headers: realHeaders(lazy.headers.call(self) as unknown as LightHeaders),
    signal: lazy.signal.call(self),
    ...(body ? { body, duplex: 'half' } : {}),
  } as RequestInit);
  return s.real;
}

/** Request's prototype with lazy members (see above); built on first use, as touching Request loads undici. */
let requestProto: object | undefined;
function lightProto(): object {
  if (requestProto) return requestProto;
  const p: object = Object.create(Request.prototype);
  delegate(p, Request.prototype, (self) => real(self as Light));
  Object.defineProperties(p, {
    method: {
      get(this: Light) {
        return this[INCOMING].method;
      },
    },
    url: {
      get(this: Light) {
        return this[INCOMING].url;
      },
    },
    headers: { get: lazy.headers },
    body: { get: lazy.body },
    signal: { get: lazy.signal },
  });
  requestProto = p;
  return p;
}

/**
 * An IncomingMessage as a Web Request, built lazily (see above). `rawBody`, when
 * given, is used instead of the stream (it was read already). Any method Node's
 * parser accepts is kept, TRACE included, so the API can answer it with a 405.
 */
export function toWebRequest(req: IncomingMessage, rawBody?: Uint8Array, origin?: string): Request {
  const light = Object.create(lightProto()) as Light;
  light[INCOMING] = {
    req,
    method: (req.method ?? 'GET').toUpperCase(),
    url: requestHref(req.url, origin ?? originFor(req.headers.host)),
    rawBody,
  };
  return light as unknown as Request;
}

/**
 * Writes a Web Response to a ServerResponse. An answer from `plainResponse` goes in
 * one write with its Content-Length; any other body is streamed. When the answer
 * came before the request body was read (413, 415, …), the connection is closed
 * after it: a keep-alive socket with unread upload bytes would stall the next request.
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const plain = plainParts(response);
  if (plain) {
    const headers: Record<string, string | number> = { ...plain.headers };
    if (!res.req.complete) headers.connection = 'close';
    if (plain.body === null) {
      res.writeHead(plain.status, headers);
      res.end();
    } else {
      headers['content-length'] = Buffer.byteLength(plain.body);
      res.writeHead(plain.status, headers);
      res.end(plain.body);
    }
    return;
  }
  const { headers: single, cookies } = splitHeaders(response.headers);
  const headers: Record<string, string | string[]> = single;
  if (!res.req.complete) headers.connection = 'close';
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

/** Problems the HTTP server itself answers, before a request reaches the API. */
const PARSER_PROBLEMS = {
  400: { code: 'invalid_request', title: 'Invalid Request', detail: 'The request is not valid HTTP/1.1' },
  408: { code: 'request_timeout', title: 'Request Timeout', detail: 'The request did not arrive in time' },
  431: {
    code: 'request_header_fields_too_large',
    title: 'Request Header Fields Too Large',
    detail: 'The request headers are too large',
  },
} as const;

/** The status Node's own server would answer a parser error with. */
export function parserErrorStatus(code: string | undefined): 400 | 408 | 431 {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * A whole raw HTTP/1.1 problem+json answer, for a socket whose request Node's parser
 * refused (so there is no ServerResponse to write to). The connection closes after it.
 */
export function rawProblemResponse(status: 400 | 408 | 431, requestId: string = crypto.randomUUID()): string {
  const p = PARSER_PROBLEMS[status];
  const body = JSON.stringify({
    type: problemType(p.code),
    title: p.title,
    status,
    code: p.code,
    detail: p.detail,
    requestId,
  });
  return (
    `HTTP/1.1 ${status} ${p.title}\r\n` +
    'content-type: application/problem+json; charset=utf-8\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    `x-request-id: ${requestId}\r\n` +
    'cache-control: no-store\r\n' +
    'connection: close\r\n\r\n' +
    body
  );
}
