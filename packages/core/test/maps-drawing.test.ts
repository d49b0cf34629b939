import { geoNaturalEarth1, geoStream } from 'd3-geo';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LatLon } from '../src/geo/types.js';
import { mayShow, pathOf } from '../src/maps/background.js';
import { type Box, type PlacedLabel, placeLabels } from '../src/maps/labels.js';
import { PathData, tenths } from '../src/maps/path.js';
import { routeMap } from '../src/maps/route-map.js';
import { type World, worldOutline } from '../src/maps/world.js';

let coarse: World;
let fine: World;
beforeAll(async () => {
  [coarse, fine] = await Promise.all([worldOutline('110m'), worldOutline('50m')]);
}, 120_000);

describe('path data', () => {
  it('prints integer tenths without floats, never "-0"', () => {
    expect([0, -0, 5, -5, 10, -10, 1234, -1234, 9600].map(tenths)).toEqual([
      '0',
      '0',
      '0.5',
      '-0.5',
      '1',
      '-1',
      '123.4',
      '-123.4',
      '960',
    ]);
  });

  it('rounds to one decimal, skips a point that rounds to the one before, closes polygon rings', () => {
    const w = new PathData();
    w.lineStart();
    w.point(1.04, 2.06);
    w.point(1.01, 2.09); // the same point once rounded
    w.point(-0.04, 3.25);
    w.lineEnd();
    expect(w.result()).toBe('M1,2.1L0,3.3');
    w.polygonStart();
    w.lineStart();
    w.point(0, 0);
    w.point(10, 0);
    w.point(10, 10);
    w.lineEnd();
    w.polygonEnd();
    expect(w.result()).toBe('M0,0L10,0L10,10Z');
  });
});

/** Views of the world: turned every 30°, from the whole world to a few degrees, shifted off-centre. */
function views() {
  const out = [];
  for (let lon = -180; lon < 180; lon += 30)
    for (const scale of [150, 600, 2500])
      for (const [tx, ty] of [
        [480, 300],
        [-900, 1200],
      ] as const)
        out.push(
          geoNaturalEarth1()
            .rotate([lon, 0])
            .scale(scale)
            .translate([tx, ty])
            .clipExtent([
              [0, 0],
              [960, 600],
            ]),
        );
  return out;
}

describe('drawing only what a view can show', () => {
  it('never leaves out a polygon or border that would draw something', () => {
    let left = 0;
    let total = 0;
    for (const projection of views())
      for (const part of [...coarse.land, ...coarse.borders]) {
        total++;
        if (mayShow(part.box, projection, 960, 600)) continue;
        left++;
        const w = new PathData();
        geoStream(part.geometry, projection.stream(w));
        expect(w.result(), JSON.stringify(part.box)).toBe('');
      }
    // and it does leave most out of a close view
    expect(left / total).toBeGreaterThan(0.5);
  }, 60_000);

  it('holds for the finer outline of close views too', () => {
    for (const projection of views().filter((p) => p.scale() === 2500))
      for (const part of fine.land) {
        if (mayShow(part.box, projection, 960, 600)) continue;
        const w = new PathData();
        geoStream(part.geometry, projection.stream(w));
        expect(w.result()).toBe('');
      }
  }, 60_000);
});

describe('backgrounds kept per view', () => {
  it('draw the same bytes whether kept, drawn anew or drawn after others pushed them out', async () => {
    const at = (lon: number) =>
      new Map<string, LatLon>([
        ['West', { lat: 10, lon }],
        ['East', { lat: 20, lon: lon + 30 }],
      ]);
    const route = {
      order: ['West', 'East'],
      legs: [{ from: 'West', to: 'East', km: 3000 }],
      totalKm: 3000,
      unresolved: [],
    };
    const first = await routeMap(route, at(0));
    expect(await routeMap(route, at(0))).toBe(first);
    for (let lon = 1; lon <= 20; lon++) await routeMap(route, at(lon * 7));
    expect(await routeMap(route, at(0))).toBe(first);
  }, 60_000);
});

describe('labels of 50 crowded cities', () => {
  it('keep apart from each other and from every marker', () => {
    // 50 points in five tight columns, as the Pacific's islands crowd a map of 50 cities
    const requests = Array.from({ length: 50 }, (_, i) => ({
      text: `City number ${i + 1}`,
      x: 420 + (i % 5) * 20 + ((i * 7) % 11),
      y: 60 + Math.floor(i / 5) * 30,
      size: 11,
    }));
    const markers = requests.map((r): Box => [r.x - 6, r.y - 6, r.x + 6, r.y + 6]);
    const placed = placeLabels(requests, markers);
    const apart = (a: Box, b: Box) => a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
    for (let i = 0; i < placed.length; i++) {
      const box = (placed[i] as PlacedLabel).box;
      for (let j = i + 1; j < placed.length; j++)
        expect(apart(box, (placed[j] as PlacedLabel).box), `${i}, ${j}`).toBe(true);
      for (const m of markers) expect(apart(box, m), `${i} and a marker`).toBe(true);
    }
  });
});

/** The area a path's rings enclose (shoelace over its M…L…Z rings, signed as drawn). */
function area(d: string): number {
  let sum = 0;
  for (const ring of d.split('M').filter(Boolean)) {
    const pts = ring
      .replace(/Z$/, '')
      .split('L')
      .map((p) => p.split(',').map(Number) as [number, number]);
    for (let i = 0; i < pts.length; i++) {
      const [x1, y1] = pts[i] as [number, number];
      const [x2, y2] = pts[(i + 1) % pts.length] as [number, number];
      sum += x1 * y2 - x2 * y1;
    }
  }
  return sum / 2;
}

describe('land cut to the view before it is projected', () => {
  it('covers the same area of the picture as the whole polygons do', () => {
    for (const projection of views())
      for (const world of [coarse, fine]) {
        if (world === fine && projection.scale() < 2500) continue;
        const whole = area(pathOf(world.land, projection, 960, 600, false));
        const cut = area(pathOf(world.land, projection, 960, 600));
        expect(
          Math.abs(cut - whole),
          `${projection.rotate()} ${projection.scale()} ${projection.translate()}`,
        ).toBeLessThan(1 + Math.abs(whole) * 1e-4);
      }
  }, 60_000);
});
