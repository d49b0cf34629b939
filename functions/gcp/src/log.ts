import type { LogSink } from '@cityscope/core';

/**
 * Log lines as Cloud Logging reads them from stdout: `severity` and `message`, and
 * the request's trace in `logging.googleapis.com/trace` (with its span and sampling
 * flag), which ties every line to its request in the Logs Explorer and Cloud Trace.
 * The trace field needs the project id: GOOGLE_CLOUD_PROJECT (or GCLOUD_PROJECT,
 * GCP_PROJECT), else the metadata server's, asked once at start-up on Google Cloud.
 * Until the project is known the raw id is written as `traceId`.
 */
const SEVERITY = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' } as const;

export interface Trace {
  traceId: string;
  spanId?: string;
  sampled?: boolean;
}

type HeaderValue = string | string[] | undefined;
const first = (v: HeaderValue) => (Array.isArray(v) ? v[0] : v);

/** The trace of a request: W3C `traceparent`, else Google's `X-Cloud-Trace-Context: TRACE/SPAN;o=1`. */
export function traceOf(headers: Record<string, HeaderValue>): Trace | undefined {
  const w3c = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/.exec(first(headers.traceparent)?.trim() ?? '');
  if (w3c && !/^0+$/.test(w3c[1] as string)) {
    return {
      traceId: w3c[1] as string,
      spanId: w3c[2] as string,
      sampled: (Number.parseInt(w3c[3] as string, 16) & 1) === 1,
    };
  }
  const g = /^([\da-f]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?/i.exec(
    first(headers['x-cloud-trace-context'])?.trim() ?? '',
  );
  if (!g) return undefined;
  const trace: Trace = { traceId: (g[1] as string).toLowerCase() };
  // Cloud Logging wants the span as 16 hex digits; the header carries it in decimal
  if (g[2]) trace.spanId = BigInt.asUintN(64, BigInt(g[2])).toString(16).padStart(16, '0');
  if (g[3]) trace.sampled = g[3] === '1';
  return trace;
}

let project: string | undefined =
  process.env.GOOGLE_CLOUD_PROJECT || process.env.GCLOUD_PROJECT || process.env.GCP_PROJECT || undefined;

/** The project id the trace field is written with (tests set it). */
export function setProjectId(id: string | undefined): void {
  project = id;
}

/**
 * Asks the metadata server for the project id, once, without holding anything up:
 * 1 s deadline, 256 bytes at most. Only on Google Cloud (K_SERVICE is set there) or
 * where GCE_METADATA_HOST points at a metadata server.
 */
export async function discoverProjectId(env = process.env): Promise<string | undefined> {
  if (project || !(env.K_SERVICE || env.GCE_METADATA_HOST)) return project;
  const { request } = await import('node:http');
  const host = env.GCE_METADATA_HOST || 'metadata.google.internal';
  const found = await new Promise<string | undefined>((resolve) => {
    const req = request(
      `http://${host}/computeMetadata/v1/project/project-id`,
      { headers: { 'metadata-flavor': 'Google', 'user-agent': 'cityscope' }, timeout: 1000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
          if (text.length > 256) req.destroy();
        });
        res.on('end', () => resolve(res.statusCode === 200 && /^[a-z][\w.:-]{0,99}$/i.test(text) ? text : undefined));
        res.on('error', () => resolve(undefined));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
  project ??= found;
  return project;
}

/** A sink for one request: `severity`, `message`, `time`, the trace fields, then core's fields. */
export function cloudLoggingSink(
  trace: Trace | undefined,
  write: (line: string) => void = (line) => process.stdout.write(line),
): LogSink {
  const traced: Record<string, unknown> = {};
  if (trace) {
    if (project) traced['logging.googleapis.com/trace'] = `projects/${project}/traces/${trace.traceId}`;
    else traced.traceId = trace.traceId;
    if (trace.spanId) traced['logging.googleapis.com/spanId'] = trace.spanId;
    if (trace.sampled !== undefined) traced['logging.googleapis.com/trace_sampled'] = trace.sampled;
  }
  return (severity, msg, fields) =>
    write(
      `${JSON.stringify({ severity: SEVERITY[severity], message: msg, time: new Date().toISOString(), ...traced, ...fields })}\n`,
    );
}
