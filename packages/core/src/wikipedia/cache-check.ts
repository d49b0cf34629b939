import { isObj, isStr } from '../util/json.js';
import type { Lookup } from './types.js';

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
