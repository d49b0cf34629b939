import { type GeoProjection, geoCircle, geoNaturalEarth1, geoStream } from 'd3-geo';
import type { LatLon } from '../geo/types.js';
import { backgroundFor } from './background.js';
import { PathData } from './path.js';

/** The picture's size in CSS pixels, and the room kept around the cities for their labels. */
export const SIZE = { width: 960, height: 600, margin: 70, legend: 0 } as const;

/** A map frame: the projection fitted to the cities, and the background already drawn. */
export interface Frame {
  project(p: LatLon): [number, number];
  /** An SVG path `d` for a great-circle line through the points (resampled, clipped to the frame). */
  line(points: LatLon[]): string;
  /** The ocean, graticule, land and borders, clipped to the frame. */
  background: string;
}

const RAD = Math.PI / 180;

/** The mean longitude on the circle (so cities on both sides of 180° centre on 180°, not on 0°). */
export function meanLongitude(points: LatLon[]): number {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += Math.cos(p.lon * RAD);
    y += Math.sin(p.lon * RAD);
  }
  return x === 0 && y === 0 ? 0 : Math.atan2(y, x) / RAD;
}

/**
 * Natural Earth projection turned to the cities' mean longitude (a route across the
 * antimeridian is drawn whole, not split at the map's edge) and fitted to them: each city
 * with a disc of half a degree around it, so one city or a tight group still gets a
 * sensible scale, inside the margin kept for labels.
 */
function fitted(points: LatLon[], bottom: number): GeoProjection {
  const discs = points.map((p) => geoCircle().center([p.lon, p.lat]).radius(0.5).precision(30)());
  const { width, height, margin } = SIZE;
  return geoNaturalEarth1()
    .rotate([-meanLongitude(points), 0])
    .fitExtent(
      [
        [margin, margin],
        [width - margin, height - margin - bottom],
      ],
      { type: 'GeometryCollection', geometries: discs },
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
}

/** The frame for these cities; `bottom` is room kept below them (a legend). */
export async function frameFor(points: LatLon[], bottom = 0): Promise<Frame> {
  const projection = fitted(points, bottom);
  const background = await backgroundFor(projection, SIZE.width, SIZE.height);
  const writer = new PathData();
  const stream = projection.stream(writer);
  return {
    project: (p) => projection([p.lon, p.lat]) ?? [Number.NaN, Number.NaN],
    line: (points) => {
      geoStream({ type: 'LineString', coordinates: points.map((p) => [p.lon, p.lat]) }, stream);
      return writer.result();
    },
    background,
  };
}
