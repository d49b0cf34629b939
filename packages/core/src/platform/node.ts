import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEMS, type ProblemCode } from '../errors.js';
import { problemType } from '../http/problem.js';
import { splitHeaders } from './headers.js';
import { bytesStream, lazyRequest } from './lazy-request.js';
import { plainParts } from './plain-response.js';
import { originFor, requestHref } from './url.js';

export { toHeaders } from './lazy-request.js';
export { originFor, requestUrl } from './url.js';

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

function* rawPairs(raw: string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!name.startsWith(':')) yield [name, raw[i + 1] as string];
  }
}

/** The client went away before its request was whole, or before it was answered. */
const gone = (req: IncomingMessage) => Boolean(req.errored) || (req.destroyed && !req.complete);

/**
 * An IncomingMessage as a Web Request, built lazily (lazy-request.ts): headers are read
 * from Node's parsed header object. `rawBody`, when given, is used instead of the stream
 * (it was read already). Any method Node's parser accepts is kept, TRACE included, so
 * the API can answer it with a 405. The signal aborts when the client goes away.
 */
export function toWebRequest(req: IncomingMessage, rawBody?: Uint8Array, origin?: string): Request {
  return lazyRequest({
    method: (req.method ?? 'GET').toUpperCase(),
    url: requestHref(req.url, origin ?? originFor(req.headers.host)),
    header(name) {
      const v = req.headers[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
    pairs: () => rawPairs(req.rawHeaders),
    body() {
      if (rawBody) return bytesStream(new Uint8Array(rawBody));
      // loaded on the first streamed body: the Lambda adapter imports this module too, and never streams
      const { Readable } = process.getBuiltinModule('node:stream');
      return Readable.toWeb(req) as ReadableStream<Uint8Array>;
    },
    signal() {
      const controller = new AbortController();
      if (gone(req)) controller.abort();
      else req.once('close', () => gone(req) && controller.abort());
      return controller.signal;
    },
  });
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

/** Problems the HTTP server itself answers, before a request reaches the API (status and title from PROBLEMS). */
const SERVER_PROBLEMS = {
  400: { code: 'invalid_request', detail: 'The request is not valid HTTP/1.1' },
  405: { code: 'method_not_allowed', detail: 'CONNECT is not served: this is an API, not a proxy' },
  408: { code: 'request_timeout', detail: 'The request did not arrive in time' },
  417: { code: 'expectation_failed', detail: 'Only "Expect: 100-continue" is understood' },
  431: { code: 'request_header_fields_too_large', detail: 'The request headers are too large' },
} as const satisfies Record<number, { code: ProblemCode; detail: string }>;
export type ServerProblemStatus = keyof typeof SERVER_PROBLEMS;

/** The status Node's own server would answer a parser error with. */
export function parserErrorStatus(code: string | undefined): 400 | 408 | 431 {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * A problem the server answers itself (no route reached): its headers, closing the
 * connection, and its problem+json body with the request id, like every API error.
 */
export function serverProblem(
  status: ServerProblemStatus,
  requestId: string = crypto.randomUUID(),
  detail?: string,
): { headers: Record<string, string>; body: string } {
  const p = SERVER_PROBLEMS[status];
  const { title } = PROBLEMS[p.code];
  const body = JSON.stringify({
    type: problemType(p.code),
    title,
    status,
    code: p.code,
    detail: detail ?? p.detail,
    requestId,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': requestId,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    connection: 'close',
  };
  if (status === 405) headers.allow = 'GET, HEAD, POST, OPTIONS';
  return { headers, body };
}

/**
 * A whole raw HTTP/1.1 problem+json answer, for a socket whose request Node's parser
 * refused, or a CONNECT (so there is no ServerResponse to write to). The connection closes after it.
 */
export function rawProblemResponse(
  status: ServerProblemStatus,
  requestId: string = crypto.randomUUID(),
  detail?: string,
): string {
  const { headers, body } = serverProblem(status, requestId, detail);
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return `HTTP/1.1 ${status} ${PROBLEMS[SERVER_PROBLEMS[status].code].title}\r\n${lines.join('')}\r\n${body}`;
}
