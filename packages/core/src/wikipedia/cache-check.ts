import type { Lookup } from './types.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/**
 * Whether a value read back from the shared cache is a Lookup of today's shape (the
 * fields code reads without checking). Anything else is treated as a miss.
 */
export function isLookup(v: unknown): v is Lookup {
  if (!isObj(v)) return false;
  switch (v.kind) {
    case 'missing':
      return isStr(v.title);
    case 'ambiguous':
      return isStr(v.title) && Array.isArray(v.candidates) && v.candidates.every(isStr);
    case 'page': {
      const p = v.page;
      return (
        isStr(v.retrievedAt) &&
        (v.redirectedFrom === null || isStr(v.redirectedFrom)) &&
        isObj(p) &&
        isStr(p.title) &&
        typeof p.pageId === 'number' &&
        isStr(p.url) &&
        isStr(p.extract) &&
        isStr(p.wikitext) &&
        typeof p.disambiguation === 'boolean' &&
        (p.coordinates === null || (isObj(p.coordinates) && typeof p.coordinates.lat === 'number'))
      );
    }
    default:
      return false;
  }
}
