import { type CityscopeError, InternalError } from '../errors.js';

export const PROBLEM_BASE = 'https://cityscope.dev/problems/';

/** The problem `type` URI of a code: `not_found` is `…/problems/not-found`. */
export const problemType = (code: string): string => `${PROBLEM_BASE}${code.replaceAll('_', '-')}`;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  [extension: string]: unknown;
}

/**
 * The one place where errors become RFC 9457 problem details. A 5xx `internal`
 * body carries a fixed sentence, never the error's own message or stack.
 */
export function toProblem(
  err: CityscopeError,
  instance: string,
  requestId: string,
): { body: ProblemBody; headers: Record<string, string> } {
  const detail =
    err instanceof InternalError ? 'An unexpected error occurred; quote the request id when reporting it' : err.message;
  return {
    body: {
      type: problemType(err.code),
      title: err.title,
      status: err.status,
      code: err.code,
      detail,
      instance,
      requestId,
      ...err.extensions(),
    },
    headers: err.headers(),
  };
}
