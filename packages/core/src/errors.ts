/**
 * The one error hierarchy of Cityscope. Every error the API can answer with is a
 * CityscopeError; its `code` and `status` are fixed by the contract (shared/API.md).
 * The mapping to problem+json lives in http/problem.ts and nowhere else.
 */

export type ProblemCode =
  | 'invalid_request'
  | 'blocked_url'
  | 'not_found'
  | 'method_not_allowed'
  | 'ambiguous'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'internal';

export interface FieldError {
  path: string;
  message: string;
}

export abstract class CityscopeError extends Error {
  abstract readonly status: number;
  abstract readonly code: ProblemCode;
  abstract readonly title: string;
  /** Extra members of the problem body (`errors`, `candidates`, …). */
  extensions(): Record<string, unknown> {
    return {};
  }
  /** Extra response headers (`Allow`, `Retry-After`, …). */
  headers(): Record<string, string> {
    return {};
  }
}

export class ValidationError extends CityscopeError {
  readonly status = 400;
  readonly code = 'invalid_request';
  readonly title = 'Invalid Request';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '));
  }
  override extensions() {
    return { errors: this.errors };
  }
}

export class BlockedUrlError extends CityscopeError {
  readonly status = 400;
  readonly code = 'blocked_url';
  readonly title = 'Blocked URL';
}

export class NotFoundError extends CityscopeError {
  readonly status = 404;
  readonly code = 'not_found';
  readonly title = 'Not Found';
}

export class MethodNotAllowedError extends CityscopeError {
  readonly status = 405;
  readonly code = 'method_not_allowed';
  readonly title = 'Method Not Allowed';
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

export class AmbiguousError extends CityscopeError {
  readonly status = 409;
  readonly code = 'ambiguous';
  readonly title = 'Ambiguous Name';
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

export class PayloadTooLargeError extends CityscopeError {
  readonly status = 413;
  readonly code = 'payload_too_large';
  readonly title = 'Payload Too Large';
}

export class UnsupportedMediaTypeError extends CityscopeError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
  readonly title = 'Unsupported Media Type';
}

/** Upstream answered with an error status or something unreadable. */
export class UpstreamError extends CityscopeError {
  readonly status = 502;
  readonly code = 'upstream_error';
  readonly title = 'Bad Gateway';
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
export class UpstreamUnavailableError extends CityscopeError {
  readonly status = 503;
  readonly code = 'upstream_unavailable';
  readonly title = 'Service Unavailable';
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

export class UpstreamTimeoutError extends CityscopeError {
  readonly status = 504;
  readonly code = 'upstream_timeout';
  readonly title = 'Gateway Timeout';
}

/** A bug. Its message is logged, never sent. */
export class InternalError extends CityscopeError {
  readonly status = 500;
  readonly code = 'internal';
  readonly title = 'Internal Server Error';
}
