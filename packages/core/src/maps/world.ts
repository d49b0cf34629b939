import type { GeoPermissibleObjects } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** The world outline: Natural Earth land and country borders (public domain), via world-atlas. */
export interface World {
  land: GeoPermissibleObjects;
  borders: GeoPermissibleObjects;
}

/** 1:110m for a view of a continent or more, 1:50m closer in. */
export type Detail = '110m' | '50m';
/** Each detail's TopoJSON, a chunk of its own: a map of a continent never loads the finer one (750 KB). */
const ATLAS: Record<Detail, () => Promise<{ default: unknown }>> = {
  '110m': () => import('world-atlas/countries-110m.json', { with: { type: 'json' } }),
  '50m': () => import('world-atlas/countries-50m.json', { with: { type: 'json' } }),
};
const worlds = new Map<Detail, World>();

/** The outline as GeoJSON, loaded and converted from TopoJSON once per instance and detail. */
export async function worldOutline(detail: Detail): Promise<World> {
  let world = worlds.get(detail);
  if (!world) {
    const topo = (await ATLAS[detail]()).default as Topology<{
      land: GeometryCollection;
      countries: GeometryCollection;
    }>;
    world = {
      land: feature(topo, topo.objects.land),
      borders: mesh(topo, topo.objects.countries, (a, b) => a !== b),
    };
    worlds.set(detail, world);
  }
  return world;
}
