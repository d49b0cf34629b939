import { pathSegments } from '../request.js';
import { type AnyRoute, findRoute, type RouteMatch } from '../route.js';
import analyze from './analyze.js';
import { explorerScript, explorerStyles } from './assets.js';
import compareCities from './compare-cities.js';
import distance from './distance.js';
import docs from './docs.js';
import explorer from './explorer.js';
import getCity from './get-city.js';
import health from './health.js';
import hubs from './hubs.js';
import openapi from './openapi.js';
import parse from './parse.js';
import route from './route.js';

/**
 * Every route of docs/api.md that this build serves, one file each in this folder (its
 * schemas, cost and code). The order is /openapi.json's. Each route's schemas and code are
 * imported on its first request, so a cold /health loads neither zod nor the NLP.
 */
export const routes: readonly AnyRoute[] = [
  health,
  getCity,
  compareCities,
  distance,
  route,
  hubs,
  analyze,
  parse,
  openapi,
  docs,
  explorer,
  explorerScript,
  explorerStyles,
];

/** The route a request with this method and (still encoded) path reaches, as the handler finds it. */
export function routeOf(method: string, pathname: string): RouteMatch {
  return findRoute(routes, method.toUpperCase(), pathSegments(pathname));
}
