/**
 * SVG maps (POST /route and /hubs with Accept: image/svg+xml), drawn for 50 cities spread
 * over the Pacific and across the antimeridian, from city data already in hand (no upstream
 * look-up): the first drawing in a fresh process (the maps' code, the Natural Earth outline,
 * its conversion), then warm drawings, interleaved rounds, each map twice: the same cities
 * every round (a view drawn before), and the cities moved a little each round (a view never
 * drawn, so nothing kept helps). Beside them the computations the maps draw (the tour; k-means
 * into 5 hubs), a route map of 50 cities in Europe (a close view: the 1:50m outline), and,
 * with BASELINE_TREE=<another checkout, installed>, the same maps drawn by that tree's code
 * in the same rounds.
 * `tsx scripts/bench-maps.ts`; `pnpm bench` runs it in section 6.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { groupInto } from '../packages/core/src/geo/hubs.js';
import { shortestTour } from '../packages/core/src/geo/tsp.js';
import type { LatLon } from '../packages/core/src/geo/types.js';
import type { HubsDrawing } from '../packages/core/src/maps/hubs-map.js';
import type { RouteDrawing } from '../packages/core/src/maps/route-map.js';
import { interleave, ms, out, progress, stat } from './bench-lib.js';

const ROUNDS = Number(process.env.MAP_ROUNDS ?? 40);
const BASELINE = process.env.BASELINE_TREE;

// deterministic spread: 150°E to 130°W, 40°S to 60°N
const points: LatLon[] = Array.from({ length: 50 }, (_, i) => ({
  lat: -40 + ((i * 53) % 100),
  lon: ((150 + ((i * 37) % 80) + 180) % 360) - 180,
}));
const titles = points.map((_, i) => `City number ${i + 1}`);
// and 50 in Europe (40–60°N, 5°W–25°E): a view under 50° wide, so the finer outline (1:50m)
const europe = new Map(titles.map((t, i) => [t, { lat: 40 + ((i * 53) % 20), lon: -5 + ((i * 37) % 30) }]));
const movedEurope = (round: number) =>
  new Map([...europe].map(([t, p]) => [t, { lat: p.lat, lon: p.lon + round / 100 }]));
const places = new Map(titles.map((t, i) => [t, points[i] as LatLon]));
/** The same cities moved east by a hundredth of a degree per round: a new view each round. */
const moved = (round: number) =>
  new Map(titles.map((t, i) => [t, { lat: (points[i] as LatLon).lat, lon: (points[i] as LatLon).lon + round / 100 }]));

function routeAnswer(): RouteDrawing {
  const tour = shortestTour(points, 0, false);
  const order = tour.order.map((i) => titles[i] as string);
  return {
    order,
    legs: order.slice(1).map((to, i) => ({ from: order[i] as string, to, km: 1000 })),
    totalKm: tour.km,
    unresolved: [],
  };
}

function hubsAnswer(): HubsDrawing {
  const { labels } = groupInto(points, 5);
  const groups = [...new Set(labels)].map((l) => titles.filter((_, i) => labels[i] === l));
  return { hubs: groups.map((members) => ({ hub: members[0] as string, members, maxKm: 1000 })), unresolved: [] };
}

type Draw<T> = (drawing: T, places: ReadonlyMap<string, LatLon>) => Promise<string>;
async function renderers(tree: string) {
  const at = (p: string) => pathToFileURL(resolve(tree, 'packages/core/src/maps', p)).href;
  const [{ routeMap }, { hubsMap }] = await Promise.all([import(at('route-map.ts')), import(at('hubs-map.ts'))]);
  return { routeMap: routeMap as Draw<RouteDrawing>, hubsMap: hubsMap as Draw<HubsDrawing> };
}

progress('maps: the first drawing (import, outline)');
const t0 = performance.now();
const here = await renderers(resolve(import.meta.dirname, '..'));
const route = routeAnswer();
const hubs = hubsAnswer();
const firstRoute = await here.routeMap(route, places);
const firstMs = performance.now() - t0;
const firstHubs = await here.hubsMap(hubs, places);
const base = BASELINE ? await renderers(BASELINE) : null;
const baseBytes = base ? [await base.routeMap(route, places), await base.hubsMap(hubs, places)] : [];

const VARIANTS: Record<string, (round: number) => unknown> = {
  'the tour of 50 cities': routeAnswer,
  'route map, a view drawn before': () => here.routeMap(route, places),
  'route map, a new view': (r) => here.routeMap(route, moved(r)),
  'k-means into 5 hubs': hubsAnswer,
  'hubs map, a view drawn before': () => here.hubsMap(hubs, places),
  'hubs map, a new view': (r) => here.hubsMap(hubs, moved(r)),
};
VARIANTS['route map in Europe (1:50m), a new view'] = (r) => here.routeMap(route, movedEurope(r));
if (base) {
  VARIANTS['baseline tree: route map'] = (r) => base.routeMap(route, moved(r));
  VARIANTS['baseline tree: hubs map'] = (r) => base.hubsMap(hubs, moved(r));
  VARIANTS['baseline tree: route map in Europe'] = (r) => base.routeMap(route, movedEurope(r));
}
// each variant once before the clock (the first close view loads and splits the 1:50m outline)
for (const f of Object.values(VARIANTS)) await f(-1);
/** Wall time and this process's CPU time (user + system), in ms: the CPU moves less with other load. */
const timed = async (f: () => unknown): Promise<[number, number]> => {
  const c = process.cpuUsage();
  const t = performance.now();
  await f();
  const wall = performance.now() - t;
  const { user, system } = process.cpuUsage(c);
  return [wall, (user + system) / 1000];
};
const runs = await interleave(
  ROUNDS,
  Object.keys(VARIANTS),
  (v, r) => timed(() => (VARIANTS[v] as (round: number) => unknown)(r)),
  'maps',
);

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] as number;
const kib = (svg: string) => `${(Buffer.byteLength(svg) / 1024).toFixed(1)} KiB`;
const bytes: Record<string, string> = {
  'route map, a view drawn before': kib(firstRoute),
  'hubs map, a view drawn before': kib(firstHubs),
  ...(base
    ? {
        'baseline tree: route map': kib(baseBytes[0] as string),
        'baseline tree: hubs map': kib(baseBytes[1] as string),
      }
    : {}),
};
out(`### SVG maps of 50 cities (${ROUNDS} interleaved rounds, warm)\n`);
out('| drawing or computation | wall: median | p95 | min–max | CPU: median | p95 | bytes |');
out('|---|---|---|---|---|---|---|');
for (const [name, both] of runs) {
  const wall = both.map((b) => b[0]);
  const cpu = both.map((b) => b[1]);
  const s = stat(wall);
  out(
    `| ${name} | ${ms(s.median)} | ${ms(p95(wall))} | ${ms(s.min)}–${ms(s.max)} | ${ms(stat(cpu).median)} | ${ms(p95(cpu))} | ${bytes[name] ?? '—'} |`,
  );
}
out(`\nFirst route map in this process (maps' code, outlines, conversion to GeoJSON): ${ms(firstMs)}.\n`);
