import { type GeoProjection, geoBounds, geoGraticule, geoNaturalEarth1Raw, geoStream } from 'd3-geo';
import { clipPolygon, cuttable, viewWindow } from './clip.js';
import { PathData } from './path.js';
import { el } from './svg.js';
import { type GeoBox, type Part, worldOutline } from './world.js';

const RAD = Math.PI / 180;
/** Backgrounds kept per instance, the least recently drawn dropped first (each about 60–120 KB). */
const KEPT = 16;
const drawn = new Map<string, Promise<string>>();

/** The graticule's lines (every 10°), each with its box, made once. */
let graticule: Part<GeoJSON.LineString>[] | undefined;
function graticuleLines(): Part<GeoJSON.LineString>[] {
  graticule ??= geoGraticule()
    .lines()
    .map((geometry) => ({ geometry, box: geoBounds(geometry) as GeoBox }));
  return graticule;
}

const wrap = (lon: number) => (lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon);

/**
 * Whether any of a lon/lat box can show in the picture. The projection is Natural Earth turned
 * by λ0 about the axis: x = tx + k·λ'·A(φ) and y = ty − k·B(φ), where λ' = λ − λ0, A is even and
 * falls as |φ| grows and B rises with φ. So a box's picture lies within that of its corners
 * (and of the equator when the box spans it), or, for a box cut by the turned antimeridian or
 * around a pole, within its whole band of latitudes. Conservative: it may keep a part that
 * draws nothing, never drops one that draws something.
 */
export function mayShow(box: GeoBox, projection: GeoProjection, width: number, height: number): boolean {
  const [[w, s], [e, n]] = box;
  const span = e >= w ? e - w : e - w + 360;
  let west = wrap(w + (projection.rotate()[0] as number));
  let east = west + span;
  if (span >= 359.999 || east > 180) {
    west = -180;
    east = 180;
  }
  const k = projection.scale();
  const [tx, ty] = projection.translate();
  const lats = s < 0 && n > 0 ? [s, 0, n] : [s, n];
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const lat of lats)
    for (const lon of [west, east]) {
      const [rx, ry] = geoNaturalEarth1Raw(lon * RAD, lat * RAD);
      const x = tx + k * rx;
      const y = ty - k * ry;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  const slack = 1;
  return x1 >= -slack && x0 <= width + slack && y1 >= -slack && y0 <= height + slack;
}

/**
 * One SVG path's data for the parts that may show, projected and clipped, in their order;
 * polygons first cut to the view's lon/lat window (`cut`, on but for tests).
 */
export function pathOf(
  all: Part<GeoJSON.Geometry>[],
  projection: GeoProjection,
  width: number,
  height: number,
  cut = true,
): string {
  const writer = new PathData();
  const stream = projection.stream(writer);
  const win = cut ? viewWindow(projection, width, height) : null;
  for (const part of all) {
    if (!mayShow(part.box, projection, width, height)) continue;
    let geometry: GeoJSON.Geometry | null = part.geometry;
    if (win && geometry.type === 'Polygon' && cuttable(part.box))
      geometry = clipPolygon(geometry, win, -(projection.rotate()[0] as number));
    if (geometry) geoStream(geometry, stream);
  }
  return writer.result();
}

async function draw(projection: GeoProjection, detail: '110m' | '50m', width: number, height: number) {
  const world = await worldOutline(detail);
  const d = (all: Part<GeoJSON.Geometry>[]) => pathOf(all, projection, width, height);
  return [
    el('rect', { width, height, fill: '#dcebf5' }),
    el('path', { d: d(graticuleLines()), fill: 'none', stroke: '#c6dbea', 'stroke-width': 0.5 }),
    el('path', { d: d(world.land), fill: '#f6f3ea', stroke: '#b9b3a2', 'stroke-width': 0.6 }),
    el('path', { d: d(world.borders), fill: 'none', stroke: '#d3cdbd', 'stroke-width': 0.5 }),
  ].join('');
}

/**
 * The ocean, graticule, land and borders for a fitted projection: under 50° of view the finer
 * outline. Drawn once per view (rotation, scale and translation) and kept, so the same cities
 * asked again cost no projection.
 */
export function backgroundFor(projection: GeoProjection, width: number, height: number): Promise<string> {
  const degrees = width / (projection.scale() * RAD);
  const detail = degrees < 50 ? '50m' : '110m';
  const key = [detail, projection.rotate()[0], projection.scale(), ...projection.translate()].join(' ');
  let background = drawn.get(key);
  if (background) {
    drawn.delete(key);
  } else {
    background = draw(projection, detail, width, height);
    background.catch(() => drawn.delete(key));
  }
  drawn.set(key, background);
  while (drawn.size > KEPT) drawn.delete(drawn.keys().next().value as string);
  return background;
}
