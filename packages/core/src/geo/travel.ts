export type Mode = 'air' | 'road' | 'rail';

export interface Assumptions {
  /** Average door-to-door speed used for the travel time, km/h. */
  speedKmh: number;
  /** Route length over great-circle length. */
  detourFactor: number;
  note: string;
}

/**
 * Documented averages. Air: jet cruise speed net of climb, descent and taxi over
 * medium-haul legs, flown on the great circle. Road: intercity driving including
 * towns and stops, on roads about 25% longer than the great circle. Rail:
 * intercity trains including stops, on lines about 20% longer.
 */
export const MODES: Readonly<Record<Mode, Assumptions>> = {
  air: { speedKmh: 750, detourFactor: 1.0, note: 'great-circle flight at an average 750 km/h' },
  road: { speedKmh: 80, detourFactor: 1.25, note: 'road distance ≈ 1.25 × great-circle, driven at an average 80 km/h' },
  rail: { speedKmh: 100, detourFactor: 1.2, note: 'rail distance ≈ 1.2 × great-circle, at an average 100 km/h' },
};

/** Hours for a great-circle distance by a mode, to 0.1 h. */
export function travelHours(greatCircleKm: number, mode: Mode): number {
  const m = MODES[mode];
  return Math.round(((greatCircleKm * m.detourFactor) / m.speedKmh) * 10) / 10;
}
