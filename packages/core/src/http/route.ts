import type * as z from 'zod/mini';
import type { Platform } from '../config.js';
import type { ProblemCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { FetchPageOptions } from '../parse/fetch-page.js';
import type { WikipediaClient } from '../wikipedia/client.js';

/** What a route's code may use; built once per handler, shared by its requests. */
export interface Deps {
  platform: Platform;
  version: string;
  logger: Logger;
  wikipedia(): WikipediaClient;
  /** How /parse fetches pages. */
  pageFetch: FetchPageOptions;
}

export interface RouteContext {
  deps: Deps;
  requestId: string;
  request: Request;
}

type Schema = z.ZodMiniType;
type Out<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  method: 'GET' | 'POST';
  /** `/cities/{name+}`: `{x}` is one segment, `{x+}` the rest of the path. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** `public` answers may be cached for an hour; everything else is no-store. */
  cache: 'public' | 'no-store';
  /** Problem codes this route can answer with besides the ones every route can (for the OpenAPI document). */
  errors: ProblemCode[];
  run(input: { params: Out<P>; query: Out<Q>; body: Out<B> }, ctx: RouteContext): Promise<unknown>;
}

export type AnyRoute = RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>;

/** Declares a route with its input types inferred from its schemas. */
export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): AnyRoute {
  return spec as unknown as AnyRoute;
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
