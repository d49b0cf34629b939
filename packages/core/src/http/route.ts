import type * as z from 'zod/mini';
import type { Platform } from '../config.js';
import type { ProblemCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { FetchPageOptions } from '../parse/fetch-page.js';
import type { WikipediaClient } from '../wikipedia/client.js';
import type { PageSources } from './security.js';

/** What a route's code may use; built once per handler, shared by its requests. */
export interface Deps {
  platform: Platform;
  version: string;
  logger: Logger;
  wikipedia(): WikipediaClient;
  /** How /parse fetches pages. */
  pageFetch: FetchPageOptions;
  /** The routes this handler serves (/openapi.json describes them). */
  routes: readonly AnyRoute[];
}

export interface RouteContext {
  deps: Deps;
  requestId: string;
  request: Request;
}

type Schema = z.ZodMiniType;
type Out<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

/**
 * A route's input schemas: path parameters, query, JSON body. `bodyDocumented` is how
 * /openapi.json shows the body where that differs from the schema that validates it.
 */
export interface InputSchemas {
  params?: Schema;
  query?: Schema;
  body?: Schema;
  bodyDocumented?: Schema;
}

/** A route's validated input, typed by its schemas. */
export type Input<I> = {
  params: Out<I extends { params: infer S } ? S : undefined>;
  query: Out<I extends { query: infer S } ? S : undefined>;
  body: Out<I extends { body: infer S } ? S : undefined>;
};

/** What a route answers with on success: JSON checked by its response schema, or a fixed media type (a page, a script, a style sheet). */
export type Produces = 'application/json' | 'text/html' | 'text/javascript' | 'text/css';

/** Draws a route's answer in another media type from the same validated input (its code imported on first use). */
export type Renderer<I> = (input: I, ctx: RouteContext) => Promise<string>;

/** One route: its file under http/routes/ holds all of it (docs/architecture.md, "Add a route"). */
export interface RouteSpec<I extends InputSchemas, R extends Schema> {
  method: 'GET' | 'POST';
  /** `/cities/{name+}`: `{x}` is one segment, `{x+}` the rest of the path. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The OpenAPI tag that groups this operation. */
  tag: { name: string; description: string };
  /**
   * The input schemas, built on the route's first request (or by /openapi.json): zod is
   * imported then, never at start. A route without input leaves it out.
   */
  input?: () => Promise<I>;
  /**
   * The schema of the 200 answer, built on demand (it documents /openapi.json and the
   * conformance suite checks every answer against it; a request never loads it).
   * `run` must return what it accepts.
   */
  response: () => Promise<R>;
  /** Media type of the 200 answer; JSON unless said otherwise (`run` then returns the body text). */
  produces?: Produces;
  /** What a page (HTML) loads from elsewhere, for its Content-Security-Policy (`http/security.ts`); loaded on demand. */
  page?: () => Promise<PageSources>;
  /**
   * Other media types the 200 answer can take, chosen by the request's Accept (JSON stays the
   * default), each with its renderer: same input, validation, errors (problem+json) and limits.
   */
  renders?: Readonly<Record<string, Renderer<Input<I>>>>;
  /**
   * `public` answers may be cached for an hour, `page` ones for five minutes, `immutable` ones
   * (assets at versioned URLs) for a year; everything else is no-store.
   */
  cache: 'public' | 'page' | 'immutable' | 'no-store';
  /** Problem codes this route can answer with besides the ones every route can (for the OpenAPI document). */
  errors: readonly ProblemCode[];
  /**
   * Open to anyone even when API_KEYS or AUTH_* is set (/health, the API's own documents,
   * the explorer page and its assets); every other route needs credentials then.
   */
  open?: true;
  /**
   * What one request costs against RATE_LIMIT, in units (one single-city lookup is 1;
   * 0 is never counted): a number, or one computed from the validated input.
   */
  cost: number | ((input: Input<I>) => number);
  run(input: Input<I>, ctx: RouteContext): Promise<z.input<R>>;
}

export type AnyRoute = RouteSpec<InputSchemas, Schema>;

/** A builder run once, its promise kept (schemas are built once, so each is one object). */
function once<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

/**
 * Declares a route: its input types are inferred from its schemas, its result must match its
 * response schema; its schemas are built once, on first use.
 */
export function defineRoute<R extends Schema, I extends InputSchemas = Record<never, never>>(
  spec: RouteSpec<I, R>,
): AnyRoute {
  const { input } = spec;
  return { ...spec, response: once(spec.response), ...(input ? { input: once(input) } : {}) } as unknown as AnyRoute;
}

/** What one request to a route costs against RATE_LIMIT, from its validated input. */
export function costOf(route: AnyRoute, input: unknown): number {
  return typeof route.cost === 'number' ? route.cost : route.cost(input as never);
}

/** Matches decoded path segments against a route path; the parameters, or null. */
export function matchPath(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = partsOf(pattern);
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as PatternPart;
    if (part.kind === 'rest') {
      if (i >= segments.length) return null;
      params[part.text] = segments.slice(i).join('/');
      return params;
    }
    const seg = segments[i];
    if (seg === undefined) return null;
    if (part.kind === 'param') params[part.text] = seg;
    else if (part.text !== seg) return null;
  }
  return segments.length === parts.length ? params : null;
}

/** One segment of a route pattern: `{name+}` (the rest of the path), `{name}`, or literal text. */
interface PatternPart {
  kind: 'rest' | 'param' | 'literal';
  text: string;
}
const parsedPatterns = new Map<string, PatternPart[]>();

/** A pattern's segments, parsed once (matching runs for every route on every request). */
function partsOf(pattern: string): PatternPart[] {
  let parts = parsedPatterns.get(pattern);
  if (!parts) {
    parts = pattern
      .split('/')
      .slice(1)
      .map((part): PatternPart => {
        const rest = /^\{(\w+)\+\}$/.exec(part);
        if (rest) return { kind: 'rest', text: rest[1] as string };
        const one = /^\{(\w+)\}$/.exec(part);
        return one ? { kind: 'param', text: one[1] as string } : { kind: 'literal', text: part };
      });
    parsedPatterns.set(pattern, parts);
  }
  return parts;
}

/** The route a request reaches, or why none does: no route at the path (`allow` empty), or not with this method. */
export type RouteMatch =
  | { route: AnyRoute; params: Record<string, string>; allow: string[] }
  | { route: null; params: null; allow: string[] };

/** Methods a route answers: GET routes answer HEAD too. */
const methodsOf = (route: AnyRoute): string[] => (route.method === 'GET' ? ['GET', 'HEAD'] : [route.method]);

/** Finds the route for a method and decoded path segments, with the methods the path allows. */
export function findRoute(routes: readonly AnyRoute[], method: string, segments: string[]): RouteMatch {
  // a plain loop: this runs on every request (no intermediate arrays, no Set for one or two methods)
  const allow: string[] = [];
  let hit: { route: AnyRoute; params: Record<string, string> } | undefined;
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    for (const m of methodsOf(route)) {
      if (!allow.includes(m)) allow.push(m);
      if (m === method && !hit) hit = { route, params };
    }
  }
  return hit ? { ...hit, allow } : { route: null, params: null, allow };
}
