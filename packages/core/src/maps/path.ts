import type { GeoStream } from 'd3-geo';

/**
 * Writes projected geometry (a d3-geo stream's end) as SVG path data, `M x,yL x,y…Z`, each
 * coordinate rounded to one decimal, and a point that rounds to the one before it skipped:
 * a sub-pixel step adds bytes, not detail. Coordinates are kept as integer tenths and printed
 * by hand (no float-to-string), the path's pieces appended to one string. Deterministic: the
 * same points, the same text.
 */
export class PathData implements GeoStream {
  private text = '';
  /** 0 inside a polygon (its rings are closed with Z), NaN otherwise. */
  private ring = Number.NaN;
  /** 0 at a line's start, 1 inside it. */
  private at = 0;
  private px = 0;
  private py = 0;

  polygonStart() {
    this.ring = 0;
  }
  polygonEnd() {
    this.ring = Number.NaN;
  }
  lineStart() {
    this.at = 0;
  }
  lineEnd() {
    if (this.ring === 0) this.text += 'Z';
    this.at = 0;
  }
  point(x: number, y: number) {
    const rx = Math.round(x * 10);
    const ry = Math.round(y * 10);
    if (this.at === 1) {
      if (rx === this.px && ry === this.py) return;
      this.text += `L${tenths(rx)},${tenths(ry)}`;
    } else {
      this.text += `M${tenths(rx)},${tenths(ry)}`;
      this.at = 1;
    }
    this.px = rx;
    this.py = ry;
  }
  sphere() {}
  /** The path data written so far; the writer starts over. */
  result(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

/** An integer count of tenths as a decimal: 1234 → "123.4", -5 → "-0.5", 20 → "2", never "-0". */
export function tenths(n: number): string {
  if (n === 0) return '0';
  const sign = n < 0 ? '-' : '';
  const a = n < 0 ? -n : n;
  const whole = (a - (a % 10)) / 10;
  const tenth = a % 10;
  return tenth === 0 ? `${sign}${whole}` : `${sign}${whole}.${tenth}`;
}
