import { forwardingProto, MEMBERS } from './lazy-request.js';

/**
 * A Response whose parts stay plain (status, a header record, a string body) until
 * someone asks for more. Building a Web Response costs a body stream and a Headers
 * object; a server that writes to a socket needs neither, so `plainParts` hands it
 * the parts and the Web object is built only when another caller touches it (as
 * @hono/node-server's lightweight Response does). It has every property and method of a
 * Response (but is not `instanceof Response`, see lazy-request.ts).
 */
export interface PlainParts {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

const PARTS = Symbol('plainParts');
const REAL = Symbol('realResponse');

interface Plain {
  [PARTS]: PlainParts;
  [REAL]?: Response;
}

function real(self: Plain): Response {
  const p = self[PARTS];
  self[REAL] ??= new Response(p.body, { status: p.status, headers: p.headers });
  return self[REAL];
}

/**
 * The prototype: every member of a Response, forwarding to the Web Response built on
 * demand, except `status` and `ok`. Not Response's own prototype: reading that would
 * load Node's fetch implementation (undici), which a plain answer never needs.
 */
let proto: object | undefined;
function plainProto(): object {
  if (proto) return proto;
  const p = forwardingProto<Plain>(MEMBERS.response, real, 'Response');
  Object.defineProperty(p, 'status', {
    get(this: Plain) {
      return this[PARTS].status;
    },
  });
  Object.defineProperty(p, 'ok', {
    get(this: Plain) {
      const s = this[PARTS].status;
      return s >= 200 && s < 300;
    },
  });
  proto = p;
  return p;
}

/** A Response with these parts (a null-body status must have a null body). */
export function plainResponse(body: string | null, status: number, headers: Record<string, string>): Response {
  const r = Object.create(plainProto()) as Plain;
  r[PARTS] = { status, headers, body };
  return r as unknown as Response;
}

/** The plain parts of a response made by `plainResponse`, if nothing has turned it into a Web Response yet. */
export function plainParts(response: Response): PlainParts | undefined {
  const r = response as unknown as Plain;
  return r[PARTS] && !r[REAL] ? r[PARTS] : undefined;
}
