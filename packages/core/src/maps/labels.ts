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

/** Distances from the point tried in turn; beyond 24 px a leader line joins label and point. */
const GAPS = [14, 24, 36, 52, 72, 96, 124];

/** Cell size of the grid that finds the boxes near a candidate (about a label's height, a short label's width). */
const CELL = 40;

/**
 * Boxes bucketed by the grid cells they cover inside the picture, so a candidate is tested
 * against its neighbours only: placing n labels costs about n, not n².
 */
class BoxGrid {
  private readonly boxes: Box[] = [];
  private readonly cells = new Map<number, number[]>();
  private readonly seen: number[] = [];
  private stamp = 0;
  private readonly columns: number;

  constructor(private readonly keep: Box) {
    this.columns = Math.ceil((keep[2] - keep[0]) / CELL) + 1;
  }

  /** The cells a box covers, clamped to the picture (nothing placed lies outside it). */
  private *cellsOf(b: Box): Generator<number> {
    const col = (x: number) => Math.max(0, Math.min(this.columns - 1, Math.floor((x - this.keep[0]) / CELL)));
    const rows = Math.ceil((this.keep[3] - this.keep[1]) / CELL);
    const row = (y: number) => Math.max(0, Math.min(rows, Math.floor((y - this.keep[1]) / CELL)));
    if (!(b[0] <= this.keep[2] && b[2] >= this.keep[0] && b[1] <= this.keep[3] && b[3] >= this.keep[1])) return;
    for (let r = row(b[1]); r <= row(b[3]); r++)
      for (let c = col(b[0]); c <= col(b[2]); c++) yield r * this.columns + c;
  }

  add(b: Box): void {
    const id = this.boxes.push(b) - 1;
    this.seen.push(0);
    for (const cell of this.cellsOf(b)) {
      const list = this.cells.get(cell);
      if (list) list.push(id);
      else this.cells.set(cell, [id]);
    }
  }

  /** How many boxes this one overlaps (each counted once). */
  hits(b: Box): number {
    this.stamp++;
    let n = 0;
    for (const cell of this.cellsOf(b))
      for (const id of this.cells.get(cell) ?? []) {
        if (this.seen[id] === this.stamp) continue;
        this.seen[id] = this.stamp;
        if (overlaps(this.boxes[id] as Box, b)) n++;
      }
    return n;
  }
}

/**
 * Places labels greedily, in the order given (the first ones get the best spots): each takes
 * the first candidate position, at growing distances, that stays inside the picture and
 * touches no placed label and no marker. Deterministic: same input, same places. A label with
 * no free spot at any distance takes the spot it overlaps least.
 */
export function placeLabels(requests: LabelRequest[], markers: Box[], keep: Box = [0, 0, SIZE.width, SIZE.height]) {
  const taken = new BoxGrid(keep);
  for (const m of markers) taken.add(m);
  const placed: PlacedLabel[] = [];
  for (const req of requests) {
    let best: PlacedLabel | null = null;
    let bestHits = Number.POSITIVE_INFINITY;
    for (const gap of GAPS) {
      for (const [dx, dy] of DIRECTIONS) {
        const c = candidate(req, dx, dy, gap);
        if (!inside(c.box, keep)) continue;
        const hits = taken.hits(c.box);
        if (hits < bestHits) {
          best = c;
          bestHits = hits;
        }
        if (hits === 0) break;
      }
      if (bestHits === 0) break;
    }
    const chosen = best ?? candidate(req, 1, 0, 10);
    taken.add(chosen.box);
    placed.push(chosen);
  }
  return placed;
}
