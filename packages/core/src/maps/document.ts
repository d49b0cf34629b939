import type { LatLon } from '../geo/types.js';
import { type Frame, SIZE } from './frame.js';
import { type Box, type LabelRequest, type PlacedLabel, placeLabels, textWidth } from './labels.js';
import { el, fix, xml } from './svg.js';

/** Fonts the viewer already has: nothing is fetched to draw a map. */
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** The whole picture: an accessible SVG image (role img, title and description) around its layers. */
export function svgDocument(title: string, desc: string, layers: string[]): string {
  const { width, height } = SIZE;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="map-title map-desc" font-family="${xml(FONT)}">\n<title id="map-title">${xml(title)}</title>\n<desc id="map-desc">${xml(desc)}</desc>\n${layers.filter(Boolean).join('\n')}\n</svg>\n`;
}

/** Labels as real <text> with a light halo, and a thin leader line to a label set away from its point. */
export function labelLayer(placed: PlacedLabel[], requests: LabelRequest[]): string {
  const parts = placed.map((p, i) => {
    const req = requests[i] as LabelRequest;
    const leader = p.leader
      ? el('line', { x1: req.x, y1: req.y, x2: p.leader[0], y2: p.leader[1], stroke: '#5b6770', 'stroke-width': 0.7 })
      : '';
    const attrs: Record<string, string | number> = { x: p.x, y: p.y, 'font-size': req.size };
    if (p.anchor !== 'start') attrs['text-anchor'] = p.anchor;
    if (req.bold) attrs['font-weight'] = 700;
    return leader + el('text', attrs, xml(p.text));
  });
  return `<g fill="#1d2730" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${parts.join('')}</g>`;
}

/** A legend panel at the bottom left: lines of text, each with an optional colour swatch. */
export function legendPanel(lines: { text: string; swatch?: string; bold?: boolean }[]): { svg: string; box: Box } {
  const size = 13;
  const lineHeight = 19;
  const width = Math.min(
    SIZE.width - 24,
    24 + Math.max(...lines.map((l) => textWidth(l.text, size, l.bold) + (l.swatch ? 18 : 0))),
  );
  const height = 12 + lines.length * lineHeight;
  const x = 12;
  const y = SIZE.height - 12 - height;
  const rows = lines.map((l, i) => {
    const baseline = y + 6 + (i + 1) * lineHeight - 5;
    const swatch = l.swatch
      ? el('rect', {
          x: x + 12,
          y: baseline - 11,
          width: 12,
          height: 12,
          rx: 2,
          fill: l.swatch,
          stroke: '#1d2730',
          'stroke-width': 0.6,
        })
      : '';
    const attrs: Record<string, string | number> = { x: x + 12 + (l.swatch ? 18 : 0), y: baseline };
    if (l.bold) attrs['font-weight'] = 700;
    return swatch + el('text', attrs, xml(l.text));
  });
  const panel = el('rect', {
    x,
    y,
    width,
    height,
    rx: 6,
    fill: '#ffffff',
    'fill-opacity': 0.92,
    stroke: '#9aa5ad',
    'stroke-width': 0.8,
  });
  return {
    svg: `<g font-size="${size}" fill="#1d2730">${panel}${rows.join('')}</g>`,
    box: [x, y, x + width, y + height],
  };
}

/** The source line at the bottom right. */
export const CREDIT = `<text x="${SIZE.width - 8}" y="${SIZE.height - 8}" text-anchor="end" font-size="10" fill="#5b6770">Outline: Natural Earth · positions: Wikipedia</text>`;

/** The legend's room below the cities: its lines plus margins. */
export const legendRoom = (lines: number) => 24 + lines * 19;

/** A city on the picture: its name, where it is, and its projected point. */
export interface Spot {
  title: string;
  at: LatLon;
  x: number;
  y: number;
}

export function spots(frame: Frame, titles: string[], places: ReadonlyMap<string, LatLon>): Spot[] {
  return titles.map((title) => {
    const at = places.get(title) as LatLon;
    const [x, y] = frame.project(at);
    return { title, at, x, y };
  });
}

/** A marker's box, so labels keep off it. */
export const markerBox = (s: Spot, r: number): Box => [s.x - r, s.y - r, s.x + r, s.y + r];

export { fix, placeLabels };
