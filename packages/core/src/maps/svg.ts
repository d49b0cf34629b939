/** Small helpers for writing SVG text deterministically. */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or an attribute value as XML character data (also drops characters XML 1.0 forbids). */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);
}

/** A coordinate with one decimal, without "-0" (the same number always prints the same). */
export function fix(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** A distance in km, thousands grouped, one decimal: `12,345.6 km` (no ICU, so no locale). */
export function km(n: number): string {
  const [whole, frac] = (Math.round(n * 10) / 10).toFixed(1).split('.');
  return `${(whole as string).replace(/\B(?=(\d{3})+$)/g, ',')}.${frac} km`;
}

/**
 * An element with attributes in the order given. A path's `d` is written as it is: it is made
 * by `PathData` from digits, commas and M, L, Z only, and is the one long value (no escaping pass).
 */
export function el(name: string, attrs: Record<string, string | number>, body?: string): string {
  let a = '';
  for (const k in attrs) {
    const v = attrs[k] as string | number;
    a += ` ${k}="${typeof v === 'number' ? fix(v) : k === 'd' ? v : xml(v)}"`;
  }
  return body === undefined ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}
