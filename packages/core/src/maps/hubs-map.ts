import type { LatLon } from '../geo/types.js';
import { CREDIT, labelLayer, legendPanel, legendRoom, markerBox, placeLabels, spots, svgDocument } from './document.js';
import { frameFor } from './frame.js';
import type { Box, LabelRequest } from './labels.js';
import { el, km } from './svg.js';

/** What a hubs map draws: the answer of POST /hubs. */
export interface HubsDrawing {
  hubs: { hub: string; members: string[]; maxKm: number }[];
  unresolved: { name: string }[];
}

/** Okabe and Ito's palette, safe for the common colour blindnesses (black last, for the ninth group on). */
export const PALETTE = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#000000'];
const colourOf = (i: number) => PALETTE[i % PALETTE.length] as string;
/** At most this many legend lines; the rest are counted in one line. */
const LEGEND_HUBS = 8;

/** The hubs in words. */
export function describeHubs(drawing: HubsDrawing): string {
  const groups = drawing.hubs.map((h, i) => {
    const others = h.members.filter((m) => m !== h.hub);
    return `Hub ${i + 1}, ${h.hub}${others.length ? `, with ${others.join(', ')}` : ' alone'} (within ${km(h.maxKm)}).`;
  });
  const missing = drawing.unresolved.length
    ? ` Not on the map: ${drawing.unresolved.map((u) => u.name).join(', ')}.`
    : '';
  return `${drawing.hubs.length} regional hubs. ${groups.join(' ')}${missing}`;
}

function legendLines(drawing: HubsDrawing) {
  const lines: { text: string; swatch?: string; bold?: boolean }[] = [
    { text: `${drawing.hubs.length} hubs`, bold: true },
  ];
  drawing.hubs.slice(0, LEGEND_HUBS).forEach((h, i) => {
    const n = h.members.length;
    lines.push({
      text: `${i + 1}. ${h.hub}: ${n} ${n === 1 ? 'city' : 'cities'}, within ${km(h.maxKm)}`,
      swatch: colourOf(i),
    });
  });
  const rest = drawing.hubs.length - LEGEND_HUBS;
  if (rest > 0) lines.push({ text: `and ${rest} more` });
  return lines;
}

/** POST /hubs as an SVG map: each group in its colour, members joined to their hub, a legend. */
export async function hubsMap(drawing: HubsDrawing, places: ReadonlyMap<string, LatLon>): Promise<string> {
  const lines = legendLines(drawing);
  const all = drawing.hubs.flatMap((h) => h.members);
  const frame = await frameFor(
    all.map((t) => places.get(t) as LatLon),
    legendRoom(lines.length),
  );
  const spokes: string[] = [];
  const members: string[] = [];
  const hubs: string[] = [];
  const boxes: Box[] = [];
  const requests: LabelRequest[] = [];
  drawing.hubs.forEach((h, i) => {
    const colour = colourOf(i);
    const [centre] = spots(frame, [h.hub], places);
    if (!centre) return;
    const others = spots(
      frame,
      h.members.filter((m) => m !== h.hub),
      places,
    );
    const d = others.map((m) => frame.line([centre.at, m.at])).join('');
    if (d) spokes.push(el('path', { d, stroke: colour, 'stroke-width': 2, 'stroke-opacity': 0.85 }));
    for (const m of others) {
      members.push(el('circle', { cx: m.x, cy: m.y, r: 5, fill: colour, stroke: '#1d2730', 'stroke-width': 1 }));
      boxes.push(markerBox(m, 6));
    }
    hubs.push(
      el('rect', {
        x: centre.x - 8,
        y: centre.y - 8,
        width: 16,
        height: 16,
        rx: 3,
        fill: colour,
        stroke: '#1d2730',
        'stroke-width': 1.5,
      }) +
        el(
          'text',
          {
            x: centre.x,
            y: centre.y + 4,
            'font-size': 11,
            'font-weight': 700,
            'text-anchor': 'middle',
            fill: i % 8 === 7 || i % 8 === 4 ? '#ffffff' : '#1d2730',
          },
          String(i + 1),
        ),
    );
    boxes.push(markerBox(centre, 10));
  });
  // hubs' labels first, so they get the best places
  drawing.hubs.forEach((h) => {
    const [s] = spots(frame, [h.hub], places);
    if (s) requests.push({ text: s.title, x: s.x, y: s.y, size: 13, bold: true });
  });
  drawing.hubs.forEach((h) => {
    for (const s of spots(
      frame,
      h.members.filter((m) => m !== h.hub),
      places,
    ))
      requests.push({ text: s.title, x: s.x, y: s.y, size: 11 });
  });
  const panel = legendPanel(lines);
  const placed = placeLabels(requests, [...boxes, panel.box]);
  const title = `Hubs map: ${drawing.hubs.map((h) => h.hub).join(', ')}`;
  return svgDocument(title, describeHubs(drawing), [
    frame.background,
    `<g fill="none" stroke-linecap="round">${spokes.join('')}</g>`,
    `<g>${members.join('')}${hubs.join('')}</g>`,
    labelLayer(placed, requests),
    panel.svg,
    CREDIT,
  ]);
}
