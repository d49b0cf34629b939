/**
 * Proactive content negotiation (RFC 9110 §12.5.1): which of the media types a route can
 * produce the request's Accept prefers. Each offered type takes the quality of the most
 * specific range that matches it (`type/subtype` over `type/*` over `*\/*`); the highest
 * quality wins, ties go to the earlier offer (the default first), and q=0 refuses a type.
 * With no Accept, or nothing acceptable, the default (the first offer) is the answer.
 */
export function negotiate(accept: string | null, offers: readonly string[]): string {
  const fallback = offers[0] as string;
  if (!accept) return fallback;
  const ranges = parseAccept(accept);
  let best = fallback;
  let bestQ = -1;
  for (const offer of offers) {
    const q = qualityOf(offer, ranges);
    if (q > bestQ) {
      best = offer;
      bestQ = q;
    }
  }
  return bestQ > 0 ? best : fallback;
}

interface Range {
  type: string;
  subtype: string;
  q: number;
}

/** At most this many ranges are read: Accept is a client's short list, not an input to be linear in without bound. */
const MAX_RANGES = 64;

function parseAccept(accept: string): Range[] {
  const ranges: Range[] = [];
  for (const part of accept.split(',', MAX_RANGES)) {
    const [media, ...params] = part.split(';');
    const [type, subtype] = (media ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=');
      if (k?.trim().toLowerCase() === 'q') {
        const n = Number(v?.trim());
        q = Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The quality the most specific matching range gives a media type; 0 when none matches. */
function qualityOf(offer: string, ranges: Range[]): number {
  const [type, subtype] = offer.split('/');
  let specificity = -1;
  let q = 0;
  for (const r of ranges) {
    const s =
      r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' ? 0 : -1;
    if (s > specificity) {
      specificity = s;
      q = r.q;
    }
  }
  return q;
}

/** The media type a route's answer takes for this request besides its own (one of `renders`), or null for its own. */
export function representationOf(
  route: { produces?: string; renders?: Readonly<Record<string, unknown>> },
  request: Request,
): string | null {
  if (!route.renders) return null;
  const own = route.produces ?? 'application/json';
  const chosen = negotiate(request.headers.get('accept'), [own, ...Object.keys(route.renders)]);
  return chosen === own ? null : chosen;
}
