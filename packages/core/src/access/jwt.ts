import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import { UnauthorizedError } from '../errors.js';
import { type FetchLike, getJson } from '../util/upstream.js';
import type { JwtConfig } from './settings.js';

/**
 * Bearer JWTs from an OpenID Connect provider, checked with `jose` (imported only when
 * AUTH_* is set). The JWKS is fetched by the project's own upstream rules (deadline,
 * size cap, User-Agent), not by jose's createRemoteJWKSet, which caps neither the
 * body's size nor takes our User-Agent rules; it is cached, and refetched on a key id it
 * does not know at most once a minute.
 */

export interface JwtVerifierOptions extends JwtConfig {
  userAgent: string;
  fetch?: FetchLike;
  now?: () => number;
}

/** How long a fetched JWKS is used before it is fetched again. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** The least time between two fetches prompted by an unknown key id. */
const JWKS_COOLDOWN_MS = 60_000;
const JWKS_TIMEOUT_MS = 3000;
const JWKS_MAX_BYTES = 64 * 1024;
/** Clock skew allowed on exp and nbf. */
const LEEWAY_SECONDS = 30;
/**
 * The algorithms accepted at all: asymmetric signatures only (never `none`, never an HMAC
 * keyed with a public key). Which one a token may use is its key's: jose's key set picks
 * only a key whose declared `alg` is the token's (or, for a key that declares none, whose
 * type fits it), so a token in any other algorithm finds no key.
 */
const ASYMMETRIC = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

interface KeySet {
  getKey: ReturnType<typeof createLocalJWKSet>;
  fetchedAt: number;
}

export class JwtVerifier {
  readonly #opts: JwtVerifierOptions;
  #set: Promise<KeySet> | undefined;
  #lastFetch = Number.NEGATIVE_INFINITY;

  constructor(opts: JwtVerifierOptions) {
    this.#opts = opts;
  }

  #now(): number {
    return (this.#opts.now ?? Date.now)();
  }

  async #fetch(): Promise<KeySet> {
    this.#lastFetch = this.#now();
    const json = (await getJson(new URL(this.#opts.jwksUrl), {
      timeoutMs: JWKS_TIMEOUT_MS,
      maxBytes: JWKS_MAX_BYTES,
      userAgent: this.#opts.userAgent,
      retries: 1,
      label: 'the JWKS',
      ...(this.#opts.fetch ? { fetch: this.#opts.fetch } : {}),
    })) as JSONWebKeySet;
    // signing keys only: a shared secret ("oct") in a public key set is never used
    const keys = Array.isArray(json?.keys) ? json.keys.filter((k) => k && k.kty !== 'oct' && k.use !== 'enc') : [];
    return { getKey: createLocalJWKSet({ keys }), fetchedAt: this.#lastFetch };
  }

  /** The cached key set; fetched when absent or older than its maximum age. */
  async #keys(): Promise<KeySet> {
    const current = this.#set ? await this.#set.catch(() => undefined) : undefined;
    if (!current || this.#now() - current.fetchedAt > JWKS_MAX_AGE_MS) {
      this.#set = this.#fetch();
      this.#set.catch(() => {
        this.#set = undefined;
      });
    }
    return this.#set as Promise<KeySet>;
  }

  /** A token's subject when it holds; otherwise an UnauthorizedError (missing, invalid or expired). */
  async verify(token: string): Promise<string> {
    let set = await this.#keys();
    try {
      return await this.#check(token, set);
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey)) throw asUnauthorized(err);
      // a key id the set does not know: the provider may have rotated its keys; ask again, once a minute at most
      if (this.#now() - this.#lastFetch < JWKS_COOLDOWN_MS) throw new UnauthorizedError('invalid');
      this.#set = this.#fetch();
      set = await this.#set;
      try {
        return await this.#check(token, set);
      } catch (again) {
        throw asUnauthorized(again);
      }
    }
  }

  async #check(token: string, set: KeySet): Promise<string> {
    const { payload } = await jwtVerify(token, set.getKey, {
      issuer: this.#opts.issuer,
      algorithms: ASYMMETRIC,
      clockTolerance: LEEWAY_SECONDS,
      currentDate: new Date(this.#now()),
    });
    if (!audienceHolds(payload, this.#opts.audience)) throw new UnauthorizedError('invalid');
    const subject = payload.sub ?? stringClaim(payload, 'client_id') ?? stringClaim(payload, 'azp');
    if (!subject) throw new UnauthorizedError('invalid');
    return subject;
  }
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const v = payload[name];
  return typeof v === 'string' && v ? v : undefined;
}

/** `aud` names the audience; a token without `aud` (Cognito's access tokens) may name it in `client_id`. */
function audienceHolds(payload: JWTPayload, audience: string): boolean {
  const aud = payload.aud;
  if (aud === undefined) return payload.client_id === audience;
  return Array.isArray(aud) ? aud.includes(audience) : aud === audience;
}

/** Any verification failure as a 401 saying only expired or invalid; a failed JWKS fetch stays an upstream error. */
function asUnauthorized(err: unknown): Error {
  if (err instanceof UnauthorizedError) return err;
  if (err instanceof errors.JWTExpired) return new UnauthorizedError('expired');
  if (err instanceof errors.JOSEError || err instanceof TypeError) return new UnauthorizedError('invalid');
  return err instanceof Error ? err : new UnauthorizedError('invalid');
}
