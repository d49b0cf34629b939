/**
 * A Web Request whose costly parts are built only when something reads them, as
 * @hono/node-server's lightweight Request is: `method` and `url` are plain strings,
 * `headers.get()` reads the platform's own header object, and the body stream, the
 * Web Headers and the Web Request itself are made on first use. Core's handler reads
 * only the method, the URL and a few headers for most routes, so a request such as
 * GET /health never builds a Web Request, and a fresh process never loads Node's
 * fetch implementation (undici) for it. Used by the Node server and the Lambda adapter.
 */
export interface RequestSource {
  /** Upper-case. Any method is kept, TRACE included (a Web Request refuses it). */
  method: string;
  url: string;
  /** One header's value by lower-case name, or null. */
  header(name: string): string | null;
  /** Every header pair, for iteration and for a Web Headers (invalid ones are dropped). */
  pairs(): Iterable<[string, string]>;
  /** The body, or null (GET and HEAD never have one). */
  body(): ReadableStream<Uint8Array> | null;
  /** Aborted when the client goes away; a signal that never aborts if not given. */
  signal?(): AbortSignal;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\0\r\n\u0100-\uffff]/;

/** A header as a Web Headers object keeps it (lower-case name, value trimmed of blanks), or null where it refuses it. */
export function webHeader(name: string, value: string): [string, string] | null {
  if (!TOKEN.test(name) || BAD_VALUE.test(value)) return null;
  return [name.toLowerCase(), value.replace(/^[\t ]+|[\t ]+$/g, '')];
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

const SOURCE = Symbol('source');
interface State {
  src: RequestSource;
  headers?: Headers;
  realHeaders?: Headers;
  body?: ReadableStream<Uint8Array> | null;
  signal?: AbortSignal;
  real?: Request;
}
interface Lazy {
  [SOURCE]: State;
}

/**
 * The members of the Web classes, listed rather than read from their prototypes:
 * reading `Request.prototype` would load undici, which is what this module avoids.
 */
export const MEMBERS = {
  request: {
    getters: [
      'method',
      'url',
      'headers',
      'destination',
      'referrer',
      'referrerPolicy',
      'mode',
      'credentials',
      'cache',
      'redirect',
      'integrity',
      'keepalive',
      'isReloadNavigation',
      'isHistoryNavigation',
      'signal',
      'body',
      'bodyUsed',
      'duplex',
    ],
    methods: ['clone', 'arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'],
  },
  response: {
    getters: ['type', 'url', 'redirected', 'status', 'ok', 'statusText', 'headers', 'body', 'bodyUsed'],
    methods: ['clone', 'arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'],
  },
  headers: {
    getters: [],
    methods: ['append', 'delete', 'get', 'getSetCookie', 'has', 'set', 'forEach', 'keys', 'values', 'entries'],
    iterable: true,
  },
} as const;

/**
 * A prototype whose every member forwards to the Web object `real(this)` returns
 * (built on first use). It is not the Web class's prototype, so `instanceof` is false:
 * core and the adapters never ask, and asking would load undici.
 */
export function forwardingProto<T>(
  members: { getters: readonly string[]; methods: readonly string[]; iterable?: boolean },
  real: (self: T) => object,
  tag: string,
): object {
  const p: object = {};
  for (const key of members.getters) {
    Object.defineProperty(p, key, {
      configurable: true,
      get(this: T) {
        return (real(this) as Record<string, unknown>)[key];
      },
    });
  }
  const methods: Array<string | symbol> = [...members.methods, ...(members.iterable ? [Symbol.iterator] : [])];
  for (const key of methods) {
    Object.defineProperty(p, key, {
      configurable: true,
      value(this: T, ...args: unknown[]) {
        const r = real(this) as Record<string | symbol, (...a: unknown[]) => unknown>;
        return (r[key] as (...a: unknown[]) => unknown).apply(r, args);
      },
    });
  }
  Object.defineProperty(p, Symbol.toStringTag, { value: tag });
  return p;
}

const realHeaders = (s: State): Headers => {
  s.realHeaders ??= toHeaders(s.src.pairs());
  return s.realHeaders;
};
const bodyOf = (s: State): ReadableStream<Uint8Array> | null => {
  if (s.body === undefined) s.body = s.src.method === 'GET' || s.src.method === 'HEAD' ? null : s.src.body();
  return s.body;
};
const signalOf = (s: State): AbortSignal => {
  s.signal ??= s.src.signal?.() ?? new AbortController().signal;
  return s.signal;
};
const realRequest = (s: State): Request => {
  if (s.real) return s.real;
  const body = bodyOf(s);
  s.real = new Request(s.src.url, {
    method: s.src.method,
    headers: realHeaders(s),
    signal: signalOf(s),
    ...(body ? { body, duplex: 'half' } : {}),
  } as RequestInit);
  return s.real;
};

let headersProto: object | undefined;
let requestProto: object | undefined;

function lightHeaders(s: State): Headers {
  if (!headersProto) {
    const p = forwardingProto<Lazy>(MEMBERS.headers, (self) => realHeaders(self[SOURCE]), 'Headers');
    Object.defineProperties(p, {
      get: {
        value(this: Lazy, name: string): string | null {
          const st = this[SOURCE];
          return st.realHeaders ? st.realHeaders.get(name) : st.src.header(String(name).toLowerCase());
        },
      },
      has: {
        value(this: Lazy, name: string): boolean {
          const st = this[SOURCE];
          return st.realHeaders ? st.realHeaders.has(name) : st.src.header(String(name).toLowerCase()) !== null;
        },
      },
    });
    headersProto = p;
  }
  const h = Object.create(headersProto) as Lazy;
  h[SOURCE] = s;
  return h as unknown as Headers;
}

/** A Request over `src` (see above), with every member of one (but not `instanceof Request`, see forwardingProto). */
export function lazyRequest(src: RequestSource): Request {
  if (!requestProto) {
    const p = forwardingProto<Lazy>(MEMBERS.request, (self) => realRequest(self[SOURCE]), 'Request');
    Object.defineProperties(p, {
      method: {
        get(this: Lazy) {
          return this[SOURCE].src.method;
        },
      },
      url: {
        get(this: Lazy) {
          return this[SOURCE].src.url;
        },
      },
      headers: {
        get(this: Lazy) {
          const s = this[SOURCE];
          s.headers ??= lightHeaders(s);
          return s.headers;
        },
      },
      body: {
        get(this: Lazy) {
          return bodyOf(this[SOURCE]);
        },
      },
      signal: {
        get(this: Lazy) {
          return signalOf(this[SOURCE]);
        },
      },
    });
    requestProto = p;
  }
  const r = Object.create(requestProto) as Lazy;
  r[SOURCE] = { src };
  return r as unknown as Request;
}

/** A body of bytes already in memory, as a stream. */
export function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
}
