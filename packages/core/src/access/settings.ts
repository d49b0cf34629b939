import { ForbiddenError } from '../errors.js';

/**
 * The access settings (docs/api.md, "Settings"): API keys, JWT, the per-client rate
 * limit, forwarded-address trust and the /parse host allowlist. Read once per handler
 * like every setting; a bad value fails at start-up. Nothing here loads a library: the
 * modules that check credentials and count are imported only when a setting turns them on.
 */

export interface ApiKeyEntry {
  /** The key's name: the client the rate limit counts. */
  name: string;
  /** SHA-256 of the key's UTF-8 bytes, 32 bytes. */
  sha256: Uint8Array;
}

export interface JwtConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export interface RateLimitConfig {
  /** Units a client may spend per window. */
  units: number;
  windowSeconds: number;
}

export interface AccessConfig {
  /** API_KEYS; empty: no key is accepted. */
  apiKeys: ApiKeyEntry[];
  /** AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE together; null when unset. */
  jwt: JwtConfig | null;
  /** RATE_LIMIT; null: no limit. */
  rateLimit: RateLimitConfig | null;
  /** TRUST_PROXY: the plain server takes the client's address from X-Forwarded-For's last hop. */
  trustProxy: boolean;
  /** PARSE_URL_HOSTS: host suffixes /parse may fetch; null: any public host. */
  parseUrlHosts: string[] | null;
}

type Env = Record<string, string | undefined>;

const WINDOWS: Record<string, number> = { s: 1, min: 60, h: 3600 };

/** `name:sha256hex, …`: each name unique, each hash 64 lower-case hex digits. */
export function parseApiKeys(text: string): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const m = /^([A-Za-z0-9._-]{1,64}):([0-9a-f]{64})$/.exec(entry);
    if (!m) {
      throw new Error(
        `API_KEYS entries are name:sha256hex (name of letters, digits, . _ -; 64 lower-case hex digits; \`cityscope key new NAME\` prints one): ${entry.slice(0, 20)}…`,
      );
    }
    const [, name, hex] = m as unknown as [string, string, string];
    if (entries.some((e) => e.name === name)) throw new Error(`API_KEYS names the key ${name} twice`);
    entries.push({ name, sha256: Uint8Array.from(Buffer.from(hex, 'hex')) });
  }
  return entries;
}

/** `<units>/<s|min|h>`, e.g. `600/min`. */
export function parseRateLimit(text: string): RateLimitConfig {
  const m = /^(\d{1,9})\s*\/\s*(s|min|h)$/.exec(text);
  const units = m ? Number(m[1]) : 0;
  if (!m || units < 1) throw new Error(`RATE_LIMIT must be <units>/<s|min|h> with units ≥ 1, e.g. 600/min: ${text}`);
  return { units, windowSeconds: WINDOWS[m[2] as string] as number };
}

function jwtConfig(env: Env): JwtConfig | null {
  const jwksUrl = (env.AUTH_JWKS_URL ?? '').trim();
  const issuer = (env.AUTH_ISSUER ?? '').trim();
  const audience = (env.AUTH_AUDIENCE ?? '').trim();
  if (!jwksUrl && !issuer && !audience) return null;
  if (!jwksUrl || !issuer || !audience) {
    throw new Error('AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE go together: set all three, or none');
  }
  let u: URL;
  try {
    u = new URL(jwksUrl);
  } catch {
    throw new Error(`AUTH_JWKS_URL is not a URL: ${jwksUrl}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`AUTH_JWKS_URL must be http(s): ${jwksUrl}`);
  return { jwksUrl, issuer, audience };
}

function flag(env: Env, name: string): boolean {
  const text = (env[name] ?? '').trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') return true;
  throw new Error(`${name} must be true or false: ${env[name]}`);
}

export function loadAccessConfig(env: Env): AccessConfig {
  const limit = (env.RATE_LIMIT ?? '').trim();
  const hosts = (env.PARSE_URL_HOSTS ?? '')
    .split(',')
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\*?\.+/, ''),
    )
    .filter(Boolean);
  for (const h of hosts) {
    if (!/^[a-z0-9.-]+$/.test(h)) throw new Error(`PARSE_URL_HOSTS entries are host names or suffixes: ${h}`);
  }
  return {
    apiKeys: parseApiKeys(env.API_KEYS ?? ''),
    jwt: jwtConfig(env),
    rateLimit: limit ? parseRateLimit(limit) : null,
    trustProxy: flag(env, 'TRUST_PROXY'),
    parseUrlHosts: hosts.length ? hosts : null,
  };
}

/**
 * What a request to a protected route costs when its input is refused (400, 413, 415): it
 * was read and checked, so it counts, as the smallest lookup does (docs/api.md, "Access").
 */
export const REFUSED_INPUT_COST = 1;

/** Whether requests need credentials. */
export const authRequired = (a: AccessConfig): boolean => a.apiKeys.length > 0 || a.jwt !== null;

/** The /parse page fetch's URL check when PARSE_URL_HOSTS is set: a host outside it is 403 `forbidden`. */
export function parseUrlCheck(a: AccessConfig): { checkUrl?: (url: string) => void } {
  const allowed = a.parseUrlHosts;
  if (!allowed) return {};
  return {
    checkUrl(url) {
      let host: string;
      try {
        host = new URL(url).hostname;
      } catch {
        return; // not a URL: the fetch's own checks refuse it
      }
      if (!hostAllowed(host, allowed))
        throw new ForbiddenError(`This deployment's /parse does not fetch pages from ${host}`);
    },
  };
}

/** Whether a host is one PARSE_URL_HOSTS allows: the suffix itself or a subdomain of it. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowed.some((s) => h === s || h.endsWith(`.${s}`));
}
