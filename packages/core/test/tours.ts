import { greatCircleKm } from '../src/geo/distance.js';
import type { LatLon } from '../src/geo/types.js';

/** The length of a visiting order, km (the return leg included for a round trip). */
export function tourKm(ps: LatLon[], order: number[], roundTrip: boolean): number {
  let km = 0;
  for (let i = 1; i < order.length; i++)
    km += greatCircleKm(ps[order[i - 1] as number] as LatLon, ps[order[i] as number] as LatLon);
  if (roundTrip) km += greatCircleKm(ps[order[order.length - 1] as number] as LatLon, ps[order[0] as number] as LatLon);
  return km;
}
