import { PLATFORMS, type Platform } from '@cityscope/core';
import type { Exchange, WireRequest } from '@cityscope/core/preset';
import { routeOf, routes } from '@cityscope/core/routes';
import type { Fault } from '@cityscope/testing';
import { expect } from 'vitest';

/** What a conformance case is, and how an exchange is checked against one. */

/** Every runtime the suite runs on: one per preset. */
export const RUNTIMES = PLATFORMS;
export type RuntimeName = Platform;
export type CaseRequest = WireRequest;
export type { Exchange };

export interface Case {
  name: string;
  request: CaseRequest;
  /** Queued on the fake Wikipedia just before the request. */
  faults?: Fault[];
  /** Only on these runtimes (default: all). */
  only?: RuntimeName[];
  /** Not over HTTP (for cases that need in-process control of the platform event). */
  inProcessOnly?: boolean;
  status: number;
  /** 'json', 'problem', a text answer ('html', 'svg', 'javascript', 'css') or 'none' (no body). */
  type: 'json' | 'problem' | 'html' | 'svg' | 'javascript' | 'css' | 'none';
  /** The problem's code, for problem answers. */
  code?: string;
  /** Headers that must be present with this value (string: equal; RegExp: match) or absent (null). */
  headers?: Record<string, string | RegExp | null>;
  /** A subset the JSON body must match. */
  json?: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: the body of a JSON answer, checked by the assertions inside
  check?: (body: any, exchange: Exchange, runtime: RuntimeName) => void;
}

export const JSON_BODY = { 'content-type': 'application/json' };

const CONTENT_TYPES = {
  json: /^application\/json/,
  problem: /^application\/problem\+json/,
  html: /^text\/html/,
  svg: /^image\/svg\+xml/,
  javascript: /^text\/javascript/,
  css: /^text\/css/,
} as const;

/** Each route's response schema, from the route table itself. */
const RESPONSE_SCHEMAS = new Map(await Promise.all(routes.map(async (r) => [r, await r.response()] as const)));

/** The schema of the 200 answer a request gets: its route's, found as the handler finds it. */
function responseSchemaOf(req: CaseRequest) {
  const { route } = routeOf(req.method, new URL(`http://conformance.local${req.path}`).pathname);
  return route ? RESPONSE_SCHEMAS.get(route) : undefined;
}

/** Asserts one exchange against its case. */
export function assertCase(c: Case, ex: Exchange, runtime: RuntimeName): void {
  const where = `${runtime}: ${c.name}`;
  expect(ex.status, `${where}: status (body ${ex.body.slice(0, 300)})`).toBe(c.status);
  const type = ex.headers.get('content-type');
  if (c.type === 'none') {
    expect(ex.body, `${where}: no body`).toBe('');
  } else {
    expect(type, `${where}: content type`).toMatch(CONTENT_TYPES[c.type]);
  }
  for (const [name, want] of Object.entries(c.headers ?? {})) {
    const got = ex.headers.get(name);
    if (want === null) expect(got, `${where}: header ${name}`).toBeNull();
    else if (typeof want === 'string') expect(got, `${where}: header ${name}`).toBe(want);
    else expect(got, `${where}: header ${name}`).toMatch(want);
  }
  expect(ex.headers.get('x-request-id'), `${where}: x-request-id`).toBeTruthy();
  expect(ex.headers.get('x-content-type-options'), `${where}: nosniff`).toBe('nosniff');
  if (c.type === 'none') return;
  if (c.type !== 'json' && c.type !== 'problem') {
    // a text answer: a page or asset has its route's shape; a map is another form of a JSON answer
    const checked = c.type === 'svg' ? { success: true } : responseSchemaOf(c.request)?.safeParse(ex.body);
    expect(checked?.success, `${where}: a page of the route's shape`).toBe(true);
    c.check?.(ex.body, ex, runtime);
    return;
  }
  const body = JSON.parse(ex.body);
  if (c.type === 'problem') {
    expect(body, `${where}: problem`).toMatchObject({
      type: `https://cityscope.dev/problems/${(c.code ?? '').replaceAll('_', '-')}`,
      status: c.status,
      code: c.code,
      title: expect.any(String),
      detail: expect.any(String),
      instance: expect.any(String),
      requestId: ex.headers.get('x-request-id'),
    });
    expect(ex.headers.get('cache-control'), `${where}: errors are no-store`).toBe('no-store');
  }
  if (c.type === 'json' && ex.status === 200) {
    // the whole answer has exactly the contract's shape: no field missing, none extra
    const schema = responseSchemaOf(c.request);
    expect(schema, `${where}: a response schema`).toBeDefined();
    const checked = schema?.safeParse(body);
    expect(checked?.success, `${where}: shape ${JSON.stringify(checked?.error?.issues?.slice(0, 3))}`).toBe(true);
  }
  if (c.json) expect(body, `${where}: body`).toMatchObject(c.json);
  c.check?.(body, ex, runtime);
}

/** The answers each runtime gave, by case name, to compare across runtimes. */
export class Answers {
  readonly #byCase = new Map<string, Map<RuntimeName, string>>();

  record(c: Case, runtime: RuntimeName, ex: Exchange): void {
    const seen = this.#byCase.get(c.name) ?? new Map<RuntimeName, string>();
    seen.set(runtime, ex.body);
    this.#byCase.set(c.name, seen);
  }

  /** Every runtime gave the same body for each case, apart from platform, request id and retrieval time. */
  expectSame(): void {
    for (const [name, byRuntime] of this.#byCase) {
      const [first, ...rest] = [...byRuntime.entries()];
      if (!first) continue;
      for (const [runtime, body] of rest) {
        expect(comparable(body), `${name}: ${runtime} vs ${first[0]}`).toEqual(comparable(first[1]));
      }
    }
  }
}

/** Runs one case: queues its upstream faults, sends it, checks the answer, records it. */
export async function runCase(
  c: Case,
  runtime: RuntimeName,
  send: (req: CaseRequest) => Promise<Exchange>,
  faults: Fault[],
  answers: Answers,
): Promise<void> {
  faults.length = 0;
  faults.push(...(c.faults ?? []));
  const ex = await send(c.request);
  assertCase(c, ex, runtime);
  answers.record(c, runtime, ex);
}

/** A body with what legitimately differs between runtimes and runs taken out. */
export function comparable(body: string): unknown {
  if (!body || !/^[[{]/.test(body)) return body;
  return JSON.parse(body, (key, value) => {
    if (key === 'requestId' || key === 'retrievedAt') return '<varies>';
    if (key === 'platform') return '<platform>';
    return value;
  });
}

export const appliesTo = (c: Case, runtime: RuntimeName, overHttp: boolean) =>
  (!c.only || c.only.includes(runtime)) && !(overHttp && c.inProcessOnly);
