import type { GeoPermissibleObjects } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import fine from 'world-atlas/countries-50m.json' with { type: 'json' };
import coarse from 'world-atlas/countries-110m.json' with { type: 'json' };

/** The world outline: Natural Earth land and country borders (public domain), via world-atlas. */
export interface World {
  land: GeoPermissibleObjects;
  borders: GeoPermissibleObjects;
}

/** 1:110m for a view of a continent or more, 1:50m closer in. */
export type Detail = '110m' | '50m';
const ATLAS: Record<Detail, unknown> = { '110m': coarse, '50m': fine };
const worlds = new Map<Detail, World>();

/** The outline as GeoJSON, converted from TopoJSON once per instance and detail. */
export function worldOutline(detail: Detail): World {
  let world = worlds.get(detail);
  if (!world) {
    const topo = ATLAS[detail] as Topology<{ land: GeometryCollection; countries: GeometryCollection }>;
    world = {
      land: feature(topo, topo.objects.land),
      borders: mesh(topo, topo.objects.countries, (a, b) => a !== b),
    };
    worlds.set(detail, world);
  }
  return world;
}
