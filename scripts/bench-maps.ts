/**
 * SVG maps (POST /route and /hubs with Accept: image/svg+xml), drawn for 50 cities spread
 * over the Pacific and across the antimeridian: the first drawing in a fresh process (the
 * maps' code, the Natural Earth outline, its conversion), then warm drawings, each beside
 * the computation it draws (the tour of the same 50 cities; k-means into 5 hubs), same
 * rounds, interleaved. `tsx scripts/bench-maps.ts`; `pnpm bench` runs it in section 6.
 */
import { groupInto } from '../packages/core/src/geo/hubs.js';
import { shortestTour } from '../packages/core/src/geo/tsp.js';
import type { LatLon } from '../packages/core/src/geo/types.js';
import { interleave, ms, out, progress, range, stat } from './bench-lib.js';

const ROUNDS = Number(process.env.MAP_ROUNDS ?? 30);

// deterministic spread: 150°E to 130°W, 40°S to 60°N
const points: LatLon[] = Array.from({ length: 50 }, (_, i) => ({
  lat: -40 + ((i * 53) % 100),
  lon: ((150 + ((i * 37) % 80) + 180) % 360) - 180,
}));
const titles = points.map((_, i) => `City number ${i + 1}`);
const places = new Map(titles.map((t, i) => [t, points[i] as LatLon]));

function routeAnswer() {
  const tour = shortestTour(points, 0, false);
  const order = tour.order.map((i) => titles[i] as string);
  return {
    order,
    legs: order.slice(1).map((to, i) => ({ from: order[i] as string, to, km: 1000 })),
    totalKm: tour.km,
    unresolved: [],
  };
}

function hubsAnswer() {
  const { labels } = groupInto(points, 5);
  const groups = [...new Set(labels)].map((l) => titles.filter((_, i) => labels[i] === l));
  return { hubs: groups.map((members) => ({ hub: members[0] as string, members, maxKm: 1000 })), unresolved: [] };
}

progress('maps: the first drawing (import, outline)');
const t0 = performance.now();
const [{ routeMap }, { hubsMap }] = await Promise.all([
  import('../packages/core/src/maps/route-map.js'),
  import('../packages/core/src/maps/hubs-map.js'),
]);
const route = routeAnswer();
const hubs = hubsAnswer();
const firstRoute = await routeMap(route, places);
const firstMs = performance.now() - t0;
const firstHubs = await hubsMap(hubs, places);

const timed = async (f: () => unknown) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const VARIANTS: Record<string, () => unknown> = {
  'route: the tour (baseline)': routeAnswer,
  'route: the SVG map': () => routeMap(route, places),
  'hubs: k-means, k = 5 (baseline)': hubsAnswer,
  'hubs: the SVG map': () => hubsMap(hubs, places),
};
const runs = await interleave(ROUNDS, Object.keys(VARIANTS), (v) => timed(VARIANTS[v] as () => unknown), 'maps');

out(`### SVG maps of 50 cities (${ROUNDS} interleaved rounds, warm)\n`);
out('| drawing or computation | time | bytes |');
out('|---|---|---|');
for (const [name, xs] of runs) {
  const bytes =
    name === 'route: the SVG map' ? firstRoute.length : name === 'hubs: the SVG map' ? firstHubs.length : null;
  out(
    `| ${name} | ${range(stat(xs))} | ${bytes === null ? '—' : `${(Buffer.byteLength(bytes === firstRoute.length ? firstRoute : firstHubs) / 1024).toFixed(1)} KiB`} |`,
  );
}
out(`\nFirst route map in this process (maps' code, outlines, conversion to GeoJSON): ${ms(firstMs)}.\n`);
