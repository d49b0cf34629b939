/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): the caller's trace read from
 * `traceparent` (with `tracestate`), else from the clouds' own headers, and the
 * `traceparent` a child request carries. Ids are lower-case hex.
 */

export interface ParentTrace {
  traceId: string;
  /** The caller's span; absent when its header named none. */
  spanId?: string;
  sampled?: boolean;
  traceState?: string;
}

const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(?:-.*)?$/;
const ZERO = /^0+$/;

/** `version-traceid-spanid-flags`; an invalid or all-zero id (or version ff) is no trace. */
export function parseTraceparent(value: string | null | undefined): ParentTrace | undefined {
  const m = TRACEPARENT.exec(value?.trim() ?? '');
  if (!m || m[1] === 'ff' || (m[1] === '00' && value?.trim().length !== 55)) return undefined;
  const [, , traceId, spanId, flags] = m as unknown as [string, string, string, string, string];
  if (ZERO.test(traceId) || ZERO.test(spanId)) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/** Google's `X-Cloud-Trace-Context: TRACE/SPAN;o=1` (the span in decimal). */
export function parseCloudTraceContext(value: string | null | undefined): ParentTrace | undefined {
  const g = /^([\da-f]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?/i.exec(value?.trim() ?? '');
  if (!g || ZERO.test(g[1] as string)) return undefined;
  const trace: ParentTrace = { traceId: (g[1] as string).toLowerCase() };
  if (g[2] && !ZERO.test(g[2])) trace.spanId = BigInt.asUintN(64, BigInt(g[2])).toString(16).padStart(16, '0');
  if (g[3]) trace.sampled = g[3] === '1';
  return trace;
}

/** AWS X-Ray's `X-Amzn-Trace-Id: Root=1-8hex-24hex;Parent=16hex;Sampled=1` (the root is a W3C trace id in two parts). */
export function parseAmznTraceId(value: string | null | undefined): ParentTrace | undefined {
  const text = value ?? '';
  const root = /(?:^|;)\s*Root=1-([\da-f]{8})-([\da-f]{24})(?:;|\s|$)/i.exec(text);
  if (!root) return undefined;
  const traceId = `${root[1]}${root[2]}`.toLowerCase();
  if (ZERO.test(traceId)) return undefined;
  const trace: ParentTrace = { traceId };
  const parent = /(?:^|;)\s*Parent=([\da-f]{16})(?:;|\s|$)/i.exec(text)?.[1];
  if (parent && !ZERO.test(parent)) trace.spanId = parent.toLowerCase();
  const sampled = /(?:^|;)\s*Sampled=([01])/.exec(text)?.[1];
  if (sampled) trace.sampled = sampled === '1';
  return trace;
}

/** The caller's trace: `traceparent` (and `tracestate`), else `X-Amzn-Trace-Id`, else `X-Cloud-Trace-Context`. */
export function incomingTrace(headers: Headers): ParentTrace | undefined {
  const w3c = parseTraceparent(headers.get('traceparent'));
  if (w3c) {
    const state = headers.get('tracestate')?.trim();
    // tracestate: at most 32 list members, 512 characters is what a vendor must keep
    if (state && state.length <= 512) w3c.traceState = state;
    return w3c;
  }
  return (
    parseAmznTraceId(headers.get('x-amzn-trace-id')) ?? parseCloudTraceContext(headers.get('x-cloud-trace-context'))
  );
}

/** 8 random hex digits. */
const hex8 = () => ((Math.random() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, '0');

/**
 * `bytes` random bytes as hex, never all zero. Math.random, as OpenTelemetry JS's own id
 * generator: ids need to be unique, not secret, and Web Crypto's first use costs a cold start
 * milliseconds (its module loads then).
 */
export function randomId(bytes: 8 | 12 | 16): string {
  let out = '';
  for (let i = 0; i < bytes / 4; i++) out += hex8();
  return ZERO.test(out) ? randomId(bytes) : out;
}

/**
 * A new trace id: the time in seconds (8 hex digits), then 24 random ones. Still a W3C id, and
 * one AWS X-Ray accepts (it refuses trace ids that do not start with a recent time).
 */
export function newTraceId(now = Date.now()): string {
  return (
    Math.floor(now / 1000)
      .toString(16)
      .padStart(8, '0') + randomId(12)
  );
}

/** The `traceparent` header of a request made within span `spanId` of trace `traceId`. */
export function traceparent(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}
