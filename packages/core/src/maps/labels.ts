import { SIZE } from './frame.js';

/** A box on the picture: left, top, right, bottom. */
export type Box = [number, number, number, number];

/** A label to place beside a point. */
export interface LabelRequest {
  text: string;
  x: number;
  y: number;
  size: number;
  bold?: boolean;
}

export interface PlacedLabel {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
  /** Where a leader line from the point meets the label, when the label sits away from its point. */
  leader: [number, number] | null;
}

/** Roughly how wide text is at a font size (a sans-serif's average advance, a little generous). */
export const textWidth = (text: string, size: number, bold = false) => [...text].length * size * (bold ? 0.62 : 0.57);

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Candidate offsets around a point, tried in order: right, left, above, below, then the diagonals. */
const DIRECTIONS: readonly [number, number][] = [
  [1, 0],
  [-1, 0],
  [0, -1],
  [0, 1],
  [1, -1],
  [-1, -1],
  [1, 1],
  [-1, 1],
];

function candidate(req: LabelRequest, dx: number, dy: number, gap: number): PlacedLabel {
  const w = textWidth(req.text, req.size, req.bold);
  const h = req.size * 1.15;
  const anchor = dx > 0 ? 'start' : dx < 0 ? 'end' : 'middle';
  const x = req.x + dx * gap;
  const baseline = req.y + dy * gap + (dy < 0 ? 0 : dy > 0 ? req.size : req.size * 0.35);
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  const box: Box = [left - 2, baseline - req.size - 1, left + w + 2, baseline + h - req.size + 1];
  return { text: req.text, x, y: baseline, anchor, box, leader: gap > 24 ? [x, baseline - req.size * 0.35] : null };
}

const inside = (b: Box, keep: Box) => b[0] >= keep[0] && b[1] >= keep[1] && b[2] <= keep[2] && b[3] <= keep[3];

/**
 * Places labels greedily, in the order given (the first ones get the best spots): each takes
 * the first candidate position, at growing distances, that stays inside the picture and
 * touches no placed label and no marker. Deterministic: same input, same places. A label with
 * no free spot at any distance takes the spot it overlaps least.
 */
export function placeLabels(requests: LabelRequest[], markers: Box[], keep: Box = [0, 0, SIZE.width, SIZE.height]) {
  const taken: Box[] = [...markers];
  const placed: PlacedLabel[] = [];
  for (const req of requests) {
    let best: PlacedLabel | null = null;
    let bestHits = Number.POSITIVE_INFINITY;
    for (const gap of [14, 24, 36, 52, 72]) {
      for (const [dx, dy] of DIRECTIONS) {
        const c = candidate(req, dx, dy, gap);
        if (!inside(c.box, keep)) continue;
        const hits = taken.filter((t) => overlaps(t, c.box)).length;
        if (hits < bestHits) {
          best = c;
          bestHits = hits;
        }
        if (hits === 0) break;
      }
      if (bestHits === 0) break;
    }
    const chosen = best ?? candidate(req, 1, 0, 10);
    taken.push(chosen.box);
    placed.push(chosen);
  }
  return placed;
}
