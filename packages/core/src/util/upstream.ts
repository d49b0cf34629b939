import { UpstreamError, UpstreamTimeoutError, UpstreamUnavailableError } from '../errors.js';
import { upstreamCall } from '../telemetry/context.js';
import { readCapped } from './read-capped.js';

export type FetchLike = (input: URL | string, init?: RequestInit) => Promise<Response>;

export interface UpstreamOptions {
  /** Deadline for one attempt, headers and body together. */
  timeoutMs: number;
  /** A time (epoch ms) by which everything must be done, retries included; attempts are cut to it. */
  deadline?: number;
  /** Largest body accepted, in bytes, after decompression. */
  maxBytes: number;
  userAgent: string;
  /** Retries after the first attempt, for 429 and 503 only. */
  retries?: number;
  /** Backoff before retry n (0-based) is baseDelayMs * 2^n, plus jitter. */
  baseDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the caller gets 503 at once. */
  maxRetryAfterMs?: number;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  /** A name for messages ("en.wikipedia.org"). */
  label: string;
}

/** What a client of one upstream service (Wikipedia, Wikidata) is built with. */
export interface UpstreamClientOptions {
  /** The service's origin. */
  baseUrl: string;
  /** Deadline for one attempt. */
  timeoutMs: number;
  userAgent: string;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  /** Cap on one API answer. */
  maxBytes?: number;
  now?: () => number;
}

const RETRYABLE = new Set([429, 503]);
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Seconds from a Retry-After header (delta-seconds or HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), 86_400);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/**
 * GET a JSON document with a deadline per attempt, a size cap, a descriptive
 * User-Agent, and bounded retries with backoff on 429/503 honouring Retry-After.
 * Every failure is a typed CityscopeError that keeps the upstream status.
 */
export async function getJson(url: URL, opts: UpstreamOptions): Promise<unknown> {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;
  const retries = opts.retries ?? 2;
  const base = opts.baseDelayMs ?? 250;
  const maxWait = opts.maxRetryAfterMs ?? 3000;
  for (let attempt = 0; ; attempt++) {
    const left = opts.deadline === undefined ? opts.timeoutMs : Math.min(opts.timeoutMs, opts.deadline - Date.now());
    if (left <= 0) throw new UpstreamTimeoutError(`${opts.label} did not answer in time`);
    const signal = AbortSignal.timeout(left);
    let res: Response;
    let bytes: Uint8Array;
    // the request's trace goes to Wikipedia and Wikidata (a child traceparent), and the call is timed
    const call = upstreamCall('GET', url);
    let status: number | null = null;
    try {
      res = await doFetch(url, {
        headers: {
          'user-agent': opts.userAgent,
          'api-user-agent': opts.userAgent,
          accept: 'application/json',
          ...call?.headers,
        },
        redirect: 'follow',
        signal,
      });
      status = res.status;
      if (RETRYABLE.has(res.status)) {
        await res.body?.cancel().catch(() => {});
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
        const wait = retryAfter === null ? base * 2 ** attempt + Math.random() * base : retryAfter * 1000;
        const outOfTime = opts.deadline !== undefined && Date.now() + wait >= opts.deadline;
        if (attempt >= retries || wait > maxWait || outOfTime) {
          throw new UpstreamUnavailableError(
            `${opts.label} is unavailable (HTTP ${res.status})`,
            res.status,
            retryAfter,
          );
        }
        call?.end(status);
        await sleep(wait);
        continue;
      }
      bytes = await readCapped(
        res,
        opts.maxBytes,
        () => new UpstreamError(`${opts.label} answered with more than ${opts.maxBytes} bytes`, res.status),
      );
    } catch (err) {
      if (err instanceof UpstreamError || err instanceof UpstreamUnavailableError) throw err;
      if (isAbort(err) || signal.aborted) {
        throw new UpstreamTimeoutError(`${opts.label} did not answer within ${Math.round(left)} ms`);
      }
      const code = (err as { cause?: { code?: unknown } }).cause?.code;
      const why = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
      throw new UpstreamError(`${opts.label} could not be reached${why}`, null, { cause: err });
    } finally {
      call?.end(status);
    }
    if (!res.ok) {
      throw new UpstreamError(`${opts.label} answered HTTP ${res.status}`, res.status);
    }
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (err) {
      throw new UpstreamError(`${opts.label} answered with unreadable JSON`, res.status, { cause: err });
    }
  }
}
