/**
 * The one error hierarchy of Cityscope. Every error the API can answer with is a
 * CityscopeError; its `code`, `status` and `title` come from PROBLEMS, the one table
 * of docs/api.md's error codes, which the OpenAPI document and per-item errors read
 * too. The mapping to problem+json lives in http/problem.ts and nowhere else.
 */

/** Every problem code of the contract: its HTTP status and its title. */
export const PROBLEMS = {
  invalid_request: { status: 400, title: 'Invalid Request' },
  blocked_url: { status: 400, title: 'Blocked URL' },
  host_not_found: { status: 400, title: 'Host Not Found' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not Found' },
  method_not_allowed: { status: 405, title: 'Method Not Allowed' },
  ambiguous: { status: 409, title: 'Ambiguous Name' },
  payload_too_large: { status: 413, title: 'Payload Too Large' },
  unsupported_media_type: { status: 415, title: 'Unsupported Media Type' },
  rate_limited: { status: 429, title: 'Too Many Requests' },
  upstream_error: { status: 502, title: 'Bad Gateway' },
  upstream_unavailable: { status: 503, title: 'Service Unavailable' },
  upstream_timeout: { status: 504, title: 'Gateway Timeout' },
  internal: { status: 500, title: 'Internal Server Error' },
  // answered by the Node server itself (`cityscope serve`) when Node's parser refuses a request
  request_timeout: { status: 408, title: 'Request Timeout' },
  request_header_fields_too_large: { status: 431, title: 'Request Header Fields Too Large' },
  expectation_failed: { status: 417, title: 'Expectation Failed' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]];

export interface FieldError {
  path: string;
  message: string;
}

export abstract class CityscopeError extends Error {
  abstract readonly code: ProblemCode;
  get status(): number {
    return PROBLEMS[this.code].status;
  }
  get title(): string {
    return PROBLEMS[this.code].title;
  }
  /** Extra members of the problem body (`errors`, `candidates`, …). */
  extensions(): Record<string, unknown> {
    return {};
  }
  /** Extra response headers (`Allow`, `Retry-After`, …). */
  headers(): Record<string, string> {
    return {};
  }
}

/** The base of one error class: its `name` and its problem `code`. */
function problem<const N extends string, const C extends ProblemCode>(name: N, code: C) {
  return class extends CityscopeError {
    override readonly name: N = name;
    readonly code: C = code;
  };
}

export class ValidationError extends problem('ValidationError', 'invalid_request') {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '));
  }
  override extensions() {
    return { errors: this.errors };
  }
}

export class BlockedUrlError extends problem('BlockedUrlError', 'blocked_url') {}

/** /parse: the URL's host name does not exist (DNS says NXDOMAIN); a client mistake, not an upstream fault. */
export class HostNotFoundError extends problem('HostNotFoundError', 'host_not_found') {}

export class NotFoundError extends problem('NotFoundError', 'not_found') {}

export class MethodNotAllowedError extends problem('MethodNotAllowedError', 'method_not_allowed') {
  constructor(
    readonly allow: readonly string[],
    method: string,
  ) {
    super(`Method ${method} is not allowed here; use ${allow.join(', ')}`);
  }
  override headers() {
    return { allow: this.allow.join(', ') };
  }
}

export class AmbiguousError extends problem('AmbiguousError', 'ambiguous') {
  constructor(
    message: string,
    readonly candidates: string[],
  ) {
    super(message);
  }
  override extensions() {
    return { candidates: this.candidates };
  }
}

/** No credentials, or credentials that do not hold; the detail says only missing, invalid or expired. */
export class UnauthorizedError extends problem('UnauthorizedError', 'unauthorized') {
  constructor(readonly reason: 'missing' | 'invalid' | 'expired') {
    super(`Credentials ${reason}: send Authorization: Bearer <key or token>, or X-API-Key: <key>`);
  }
  override headers(): Record<string, string> {
    return { 'www-authenticate': 'Bearer' };
  }
}

/** Authenticated, or not needed, but not allowed (a /parse URL outside PARSE_URL_HOSTS). */
export class ForbiddenError extends problem('ForbiddenError', 'forbidden') {}

/** The client spent its RATE_LIMIT; the RateLimit headers ride on the answer as on every limited one. */
export class RateLimitedError extends problem('RateLimitedError', 'rate_limited') {
  constructor(
    /** Seconds until the window resets. */
    readonly retryAfter: number,
  ) {
    super(`Rate limit reached; retry in ${retryAfter} s`);
  }
  override headers(): Record<string, string> {
    return { 'retry-after': String(this.retryAfter) };
  }
}

export class PayloadTooLargeError extends problem('PayloadTooLargeError', 'payload_too_large') {}

export class UnsupportedMediaTypeError extends problem('UnsupportedMediaTypeError', 'unsupported_media_type') {}

/** Upstream answered with an error status or something unreadable. */
export class UpstreamError extends problem('UpstreamError', 'upstream_error') {
  constructor(
    message: string,
    /** The upstream HTTP status, when there was one. */
    readonly upstreamStatus: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Upstream kept answering 429/503 after bounded retries. */
export class UpstreamUnavailableError extends problem('UpstreamUnavailableError', 'upstream_unavailable') {
  constructor(
    message: string,
    readonly upstreamStatus: number,
    /** Seconds, as the upstream asked; passed on as Retry-After. */
    readonly retryAfter: number | null,
  ) {
    super(message);
  }
  override headers(): Record<string, string> {
    return this.retryAfter === null ? {} : { 'retry-after': String(this.retryAfter) };
  }
}

export class UpstreamTimeoutError extends problem('UpstreamTimeoutError', 'upstream_timeout') {}

/** The request did not arrive in time (the Node server's own answer). */
export class RequestTimeoutError extends problem('RequestTimeoutError', 'request_timeout') {}

/** The request headers are too large (the Node server's own answer). */
export class HeaderFieldsTooLargeError extends problem(
  'HeaderFieldsTooLargeError',
  'request_header_fields_too_large',
) {}

/** An Expect header other than 100-continue (the Node server's own answer). */
export class ExpectationFailedError extends problem('ExpectationFailedError', 'expectation_failed') {}

/** A bug. Its message is logged, never sent. */
export class InternalError extends problem('InternalError', 'internal') {}

/** Anything thrown, as a CityscopeError; a non-Cityscope error is a bug and becomes `internal`. */
export function asCityscopeError(err: unknown): CityscopeError {
  return err instanceof CityscopeError ? err : new InternalError('An unexpected error occurred');
}

/** How one name's failure is reported inside a 200 answer about several names. */
export interface ItemError {
  status: number;
  code: ProblemCode;
  detail: string;
}

/** A name's own failure (not found, ambiguous) as an item error; anything else (5xx) fails the whole request. */
export function itemError(err: unknown): ItemError {
  const p = asCityscopeError(err);
  if (p.status >= 500) throw err;
  return { status: p.status, code: p.code, detail: p.message };
}
