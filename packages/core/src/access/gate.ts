import type { Config } from '../config.js';
import { RateLimitedError, UnauthorizedError } from '../errors.js';
import type { Logger } from '../log.js';
import type { FetchLike } from '../util/upstream.js';
import { matchApiKey } from './api-keys.js';
import type { JwtVerifier } from './jwt.js';
import { type Counter, type Decision, MemoryCounter, type ScriptRunner, SharedCounter } from './limiter.js';
import { authRequired, type RateLimitConfig } from './settings.js';

/**
 * Who may call, and how much: loaded by the handler only when API_KEYS, AUTH_* or
 * RATE_LIMIT is set. `identify` answers the client a request counts against (or throws
 * 401); `charge` spends a request's cost and answers the RateLimit headers.
 */
export interface Gate {
  /** Whether protected routes need credentials. */
  readonly auth: boolean;
  identify(request: Request, address: string | undefined): Promise<string>;
  /**
   * Spends a request's cost (nothing when RATE_LIMIT is off or the cost is 0): the
   * RateLimit headers go into `headers`, and a request over the limit throws 429.
   */
  spend(client: string, cost: number, headers: Record<string, string>): Promise<void>;
}

/** The policy's name in the RateLimit fields. */
const POLICY = 'default';

/**
 * RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers, structured
 * fields: a quoted policy name with q quota and w window; r remaining and t reset).
 */
export function rateLimitHeaders(limit: RateLimitConfig, d: Decision): Record<string, string> {
  return {
    'ratelimit-policy': `"${POLICY}";q=${limit.units};w=${limit.windowSeconds}`,
    ratelimit: `"${POLICY}";r=${d.remaining};t=${d.resetSeconds}`,
  };
}

/** A bearer value shaped like a JWT (three base64url parts), as opposed to an API key. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** Counts in the store at CACHE_URL when there is one (its client imported on first use), else in memory. */
function sharedOrMemory(config: Config, limit: RateLimitConfig, logger: Logger): Counter {
  const memory = new MemoryCounter(limit);
  const url = config.cache.url;
  if (!url) return memory;
  let store: Promise<ScriptRunner> | undefined;
  const open = (): Promise<ScriptRunner> => {
    store ??= import('../cache/redis.js').then((m) =>
      m.openRedisStore({ url, timeoutMs: config.cache.timeoutMs, maxBulkBytes: 1024 }),
    );
    return store;
  };
  return new SharedCounter(open, limit, memory, logger);
}

export function createGate(config: Config, logger: Logger, fetch?: FetchLike): Gate {
  const access = config.access;
  const auth = authRequired(access);
  let jwt: Promise<JwtVerifier> | undefined;
  const verifier = (jwtConfig: NonNullable<typeof access.jwt>) => {
    jwt ??= import('./jwt.js').then(
      (m) => new m.JwtVerifier({ ...jwtConfig, userAgent: config.userAgent, ...(fetch ? { fetch } : {}) }),
    );
    return jwt;
  };

  const keyClient = (key: string): string => {
    const name = access.apiKeys.length ? matchApiKey(key, access.apiKeys) : null;
    if (name === null) throw new UnauthorizedError('invalid');
    return `key:${name}`;
  };

  async function identify(request: Request, address: string | undefined): Promise<string> {
    if (!auth) return `addr:${address ?? 'unknown'}`;
    const apiKey = request.headers.get('x-api-key');
    if (apiKey !== null) return keyClient(apiKey.trim());
    const authorization = request.headers.get('authorization');
    if (authorization === null || authorization.trim() === '') throw new UnauthorizedError('missing');
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!m) throw new UnauthorizedError('invalid');
    const credential = m[1] as string;
    if (access.jwt && JWT_SHAPE.test(credential)) {
      const sub = await (await verifier(access.jwt)).verify(credential);
      return `sub:${sub.slice(0, 256)}`;
    }
    return keyClient(credential);
  }

  const limit = access.rateLimit;
  let counter: Counter | undefined;
  const counterOf = (l: RateLimitConfig): Counter => {
    counter ??= sharedOrMemory(config, l, logger);
    return counter;
  };

  return {
    auth,
    identify,
    async spend(client, cost, headers) {
      if (!limit || cost <= 0) return;
      const d = await counterOf(limit).take(client, cost);
      Object.assign(headers, rateLimitHeaders(limit, d));
      if (!d.allowed) throw new RateLimitedError(d.resetSeconds);
    },
  };
}
