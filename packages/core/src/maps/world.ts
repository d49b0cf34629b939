import { geoBounds } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

type Polygon = GeoJSON.Polygon;
type LineString = GeoJSON.LineString;
type Position = GeoJSON.Position;

/** A lon/lat box, [[west, south], [east, north]]: west > east when it crosses 180°. */
export type GeoBox = [[number, number], [number, number]];

/** One polygon of land or one line of borders, with its box (which takes the great-circle arcs in). */
export interface Part<G> {
  geometry: G;
  box: GeoBox;
}

/**
 * The world outline: Natural Earth land and country borders (public domain), via world-atlas,
 * as separate polygons and lines, so a map draws only those its view can show.
 */
export interface World {
  land: Part<Polygon>[];
  borders: Part<LineString>[];
}

/** 1:110m for a view of a continent or more, 1:50m closer in. */
export type Detail = '110m' | '50m';
/** Each detail's TopoJSON, a chunk of its own: a map of a continent never loads the finer one (750 KB). */
const ATLAS: Record<Detail, () => Promise<{ default: unknown }>> = {
  '110m': () => import('world-atlas/countries-110m.json', { with: { type: 'json' } }),
  '50m': () => import('world-atlas/countries-50m.json', { with: { type: 'json' } }),
};
const worlds = new Map<Detail, Promise<World>>();

function parts<G extends Polygon | LineString>(type: G['type'], all: Position[][] | Position[][][]): Part<G>[] {
  return all.map((coordinates) => {
    const geometry = { type, coordinates } as G;
    return { geometry, box: geoBounds(geometry) as GeoBox };
  });
}

async function load(detail: Detail): Promise<World> {
  const topo = (await ATLAS[detail]()).default as Topology<{
    land: GeometryCollection;
    countries: GeometryCollection;
  }>;
  const land = feature(topo, topo.objects.land).features.flatMap((f) => {
    const g = f.geometry as Polygon | GeoJSON.MultiPolygon;
    return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  });
  const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b) as GeoJSON.MultiLineString;
  return {
    land: parts<Polygon>('Polygon', land),
    borders: parts<LineString>('LineString', borders.coordinates),
  };
}

/** The outline, decoded from TopoJSON, split and boxed once per instance and detail. */
export function worldOutline(detail: Detail): Promise<World> {
  let world = worlds.get(detail);
  if (!world) {
    world = load(detail);
    worlds.set(detail, world);
    // a failed load is tried again by the next map
    world.catch(() => worlds.delete(detail));
  }
  return world;
}
