import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { BlockedUrlError, HostNotFoundError, UpstreamError, UpstreamTimeoutError } from '../errors.js';
import { blockedReason, isLoopback } from './ip.js';
import { PAGE_FETCH_LIMITS } from './limits.js';
import { specialUseReason } from './special-names.js';

// Node's http, https, zlib, dns, net and stream are loaded on the first fetch, not when
// the module is imported: a cold start that never fetches a page never loads them.

export interface FetchPageOptions {
  userAgent: string;
  /** Whole fetch, redirects included. */
  timeoutMs?: number;
  /** Body after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** For tests only; never set from the environment. */
  allowLoopback?: boolean;
  /** Ports that may be fetched; 80 and 443 (tests add their own). */
  ports?: number[];
  /** Stands in for DNS (tests). */
  resolve?: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
  /** The caller went away: stop everything. */
  signal?: AbortSignal;
  /** Called with every hop's URL before it is fetched (PARSE_URL_HOSTS); throws to refuse it. */
  checkUrl?: (url: string) => void;
}

export interface FetchedPage {
  url: string;
  contentType: string;
  body: Buffer;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Checks a URL before any connection: scheme, port, and every address its host resolves to. */
async function vet(raw: string, opts: FetchPageOptions): Promise<{ url: URL; address: string; family: number }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedUrlError(`Not an absolute URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BlockedUrlError(`Only http and https URLs can be fetched, not ${url.protocol}`);
  const port = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port);
  if (!(opts.ports ?? [80, 443]).includes(port))
    throw new BlockedUrlError(`Only ports 80 and 443 can be fetched, not ${port}`);
  // the WHATWG parser has already turned decimal, octal and hex IPv4 spellings into dotted quads
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const { isIP } = await import('node:net');
  let addresses: Array<{ address: string; family: number }>;
  const literal = isIP(host) !== 0;
  if (literal) addresses = [{ address: host, family: isIP(host) }];
  else {
    // special-use names (localhost, .internal, …) never reach DNS; tests' stand-in DNS serves .test names
    const special = opts.allowLoopback ? null : specialUseReason(host);
    if (special) throw new BlockedUrlError(`${url.host} is ${special}, which is never fetched`);
    addresses = await resolveHost(host, opts);
  }
  for (const a of addresses) {
    const why = blockedReason(a.address);
    if (why && !(opts.allowLoopback && isLoopback(a.address))) {
      const what = literal
        ? `${url.host} is a ${why} address`
        : `${url.host} resolves to a ${why} address (${a.address})`;
      throw new BlockedUrlError(`${what}, which is never fetched`);
    }
  }
  const first = addresses[0] as { address: string; family: number };
  return { url, address: first.address, family: first.family };
}

/**
 * The addresses of a name. A name that does not exist (NXDOMAIN: ENOTFOUND, or no
 * address at all) is the caller's mistake, 400 host_not_found; a resolver that fails
 * (EAI_AGAIN, a timeout, SERVFAIL) is an upstream fault, 502.
 */
async function resolveHost(host: string, opts: FetchPageOptions): Promise<Array<{ address: string; family: number }>> {
  let addresses: Array<{ address: string; family: number }>;
  try {
    const resolve =
      opts.resolve ??
      (async (h: string) => (await import('node:dns/promises')).lookup(h, { all: true, verbatim: true }));
    addresses = await resolve(host);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOTFOUND') throw new HostNotFoundError(`${host} does not exist (DNS has no such name)`);
    throw new UpstreamError(`${host} could not be resolved${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  if (addresses.length === 0) throw new HostNotFoundError(`${host} has no address`);
  return addresses;
}

async function get(
  url: URL,
  address: string,
  family: number,
  opts: FetchPageOptions,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        signal,
        headers: {
          'user-agent': opts.userAgent,
          accept: 'text/html,application/xhtml+xml;q=0.9',
          'accept-encoding': 'gzip, deflate, br',
        },
        // connect to the address that was checked, not to a second DNS answer
        lookup: (_host, options, cb) => {
          if ((options as { all?: boolean }).all)
            (cb as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
          else cb(null, address, family);
        },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

async function decoder(encoding: string): Promise<Transform | null> {
  const zlib = await import('node:zlib');
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return null;
}

/**
 * The body, decompressed, at most `maxBytes` after decompression. One
 * pipeline joins the response, the decompressor and the reader: an error
 * anywhere (a reset, a corrupt or cut stream, the cap) or the abort signal
 * (deadline or caller gone) destroys all of them, so nothing is left waiting.
 */
async function readBody(res: IncomingMessage, maxBytes: number, host: string, signal: AbortSignal): Promise<Buffer> {
  const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  const declared = Number(res.headers['content-length']);
  if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new UpstreamError(`${host} sent a page over ${maxBytes} bytes`);
  }
  const decompress = encoding === 'identity' ? null : await decoder(encoding);
  if (encoding !== 'identity' && !decompress) {
    res.destroy();
    throw new UpstreamError(`${host} sent an unsupported content encoding (${encoding.slice(0, 40)})`);
  }
  const { pipeline } = await import('node:stream/promises');
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = new UpstreamError(`${host} sent a page over ${maxBytes} bytes`);
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge;
      chunks.push(chunk);
    }
  };
  try {
    if (decompress) await pipeline(res, decompress, collect, { signal });
    else await pipeline(res, collect, { signal });
  } catch (err) {
    res.destroy();
    // the pipeline may report the cap as the premature close it caused
    if (size > maxBytes) throw tooLarge;
    if (err instanceof UpstreamError || signal.aborted) throw err;
    throw new UpstreamError(`${host} sent a body that could not be read`, res.statusCode ?? null, { cause: err });
  }
  return Buffer.concat(chunks);
}

/** DNS lookups cannot be cancelled; stop waiting for one when the deadline passes. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Fetches an HTML page for /parse under the rules of docs/api.md: http(s) on
 * ports 80 and 443, public addresses only (checked after DNS, connecting to the
 * checked address), at most 3 redirects each checked the same way, 2 MiB after
 * decompression, 8 s in all whatever the server does (stall, trickle, reset,
 * cut or corrupt compressed body), text/html or application/xhtml+xml only.
 * `signal` (the caller went away) stops it at once.
 */
export async function fetchPage(raw: string, opts: FetchPageOptions): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? PAGE_FETCH_LIMITS.timeoutMs;
  const maxBytes = opts.maxBytes ?? PAGE_FETCH_LIMITS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? PAGE_FETCH_LIMITS.maxRedirects;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
  let current = raw;
  try {
    for (let hop = 0; ; hop++) {
      opts.checkUrl?.(current);
      const { url, address, family } = await untilAborted(vet(current, opts), signal);
      let res: IncomingMessage;
      try {
        res = await get(url, address, family, opts, signal);
      } catch (err) {
        if (signal.aborted) throw err;
        const code = (err as { code?: string }).code;
        throw new UpstreamError(`${url.host} could not be reached${code ? ` (${code})` : ''}`, null, { cause: err });
      }
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.destroy();
        if (hop >= maxRedirects)
          throw new UpstreamError(`${url.host} redirected more than ${maxRedirects} times`, status);
        try {
          current = new URL(res.headers.location, url).href;
        } catch {
          throw new UpstreamError(`${url.host} redirected to an address that is not a URL`, status);
        }
        continue;
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw new UpstreamError(`${url.host} answered HTTP ${status}`, status);
      }
      const contentType = (res.headers['content-type'] ?? '').toLowerCase();
      const media = contentType.split(';')[0]?.trim() ?? '';
      if (!HTML_TYPES.has(media)) {
        res.destroy();
        throw new UpstreamError(
          `${url.host} answered with ${media.slice(0, 100) || 'no content type'}, not an HTML page`,
          status,
        );
      }
      return { url: url.href, contentType, body: await readBody(res, maxBytes, url.host, signal) };
    }
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (deadline.aborted && !(err instanceof BlockedUrlError)) {
      throw new UpstreamTimeoutError(`The page did not load within ${timeoutMs / 1000} s`);
    }
    throw err;
  }
}
