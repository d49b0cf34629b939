import type { LatLon } from '../geo/types.js';
import {
  CREDIT,
  labelLayer,
  legendPanel,
  legendRoom,
  markerBox,
  placeLabels,
  type Spot,
  spots,
  svgDocument,
} from './document.js';
import { frameFor } from './frame.js';
import type { LabelRequest } from './labels.js';
import { el, km } from './svg.js';

/** What a route map draws: the answer of POST /route. */
export interface RouteDrawing {
  order: string[];
  legs: { from: string; to: string; km: number }[];
  totalKm: number;
  unresolved: { name: string }[];
}

const LEG = '#d55e00'; // Okabe–Ito vermillion
const STOP = '#0072b2'; // Okabe–Ito blue
const START = '#009e73'; // Okabe–Ito bluish green

/** The route in words: the picture's description for people who cannot see it. */
export function describeRoute(route: RouteDrawing): string {
  if (route.order.length === 0) return 'No city could be placed on the map.';
  const round = route.legs.length === route.order.length && route.order.length > 1;
  const steps = route.legs.map(
    (l, i) => `${i + 2 > route.order.length ? 'back to' : `${i + 2}.`} ${l.to} (${km(l.km)} from ${l.from})`,
  );
  const parts = [
    `A ${round ? 'round trip' : 'route'} of ${route.order.length} ${route.order.length === 1 ? 'stop' : 'stops'}, starting in ${route.order[0]}.`,
    steps.length ? `1. ${route.order[0]}, then ${steps.join(', ')}.` : '',
    `Total distance ${km(route.totalKm)}, along great circles.`,
    route.unresolved.length ? `Not on the map: ${route.unresolved.map((u) => u.name).join(', ')}.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function stopMarkers(stops: Spot[]): string {
  const r = stops.length > 20 ? 8 : 10;
  const font = stops.length > 20 ? 9 : 11;
  return stops
    .map((s, i) => {
      const first = i === 0;
      const ring = first
        ? el('circle', { cx: s.x, cy: s.y, r: r + 4, fill: 'none', stroke: START, 'stroke-width': 2.5 })
        : '';
      const dot = el('circle', {
        cx: s.x,
        cy: s.y,
        r,
        fill: first ? START : STOP,
        stroke: '#ffffff',
        'stroke-width': 1.5,
      });
      const n = el(
        'text',
        {
          x: s.x,
          y: s.y + font * 0.36,
          'font-size': font,
          'text-anchor': 'middle',
          'font-weight': 700,
          fill: '#ffffff',
        },
        String(i + 1),
      );
      return ring + dot + n;
    })
    .reverse() // the start on top
    .join('');
}

/** POST /route as an SVG map: great-circle legs, numbered stops, labels, the start, the total. */
export async function routeMap(route: RouteDrawing, places: ReadonlyMap<string, LatLon>): Promise<string> {
  const round = route.legs.length === route.order.length && route.order.length > 1;
  const legend = [
    { text: `Route · ${route.order.length} stops${round ? ' · round trip' : ''}`, bold: true },
    { text: `Total ${km(route.totalKm)} (great circles)` },
    { text: `Start: ${route.order[0] ?? '—'}`, swatch: START },
  ];
  const at = route.order.map((t) => places.get(t) as LatLon);
  const frame = await frameFor(at.length ? at : [{ lat: 20, lon: 0 }], legendRoom(legend.length));
  const stops = spots(frame, route.order, places);
  const legs = route.legs.map((l) => frame.line([places.get(l.from) as LatLon, places.get(l.to) as LatLon])).join('');
  const panel = legendPanel(legend);
  const r = stops.length > 20 ? 8 : 10;
  const requests: LabelRequest[] = stops.map((s, i) => ({
    text: s.title,
    x: s.x,
    y: s.y,
    size: i === 0 ? 13 : 12,
    bold: i === 0,
  }));
  const placed = placeLabels(requests, [...stops.map((s, i) => markerBox(s, i === 0 ? r + 5 : r + 1)), panel.box]);
  const title = route.order.length
    ? `Route map: ${route.order.join(' → ')}${round ? ` → ${route.order[0]}` : ''}`
    : 'Route map';
  return svgDocument(title, describeRoute(route), [
    frame.background,
    legs
      ? `<g fill="none" stroke-linecap="round" stroke-linejoin="round">${el('path', { d: legs, stroke: '#ffffff', 'stroke-width': 5 })}${el('path', { d: legs, stroke: LEG, 'stroke-width': 2.5 })}</g>`
      : '',
    `<g>${stopMarkers(stops)}</g>`,
    labelLayer(placed, requests),
    panel.svg,
    CREDIT,
  ]);
}
