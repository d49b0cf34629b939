import { type LogSink, parseCloudTraceContext, parseTraceparent } from '@cityscope/core';

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
  // Cloud Logging wants the span as 16 hex digits; Google's header carries it in decimal (the parser converts)
  return (
    parseTraceparent(first(headers.traceparent)) ?? parseCloudTraceContext(first(headers['x-cloud-trace-context']))
  );
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
  const tracedBy = (t: Trace | undefined) => {
    const traced: Record<string, unknown> = {};
    if (!t) return traced;
    if (project) traced['logging.googleapis.com/trace'] = `projects/${project}/traces/${t.traceId}`;
    else traced.traceId = t.traceId;
    if (t.spanId) traced['logging.googleapis.com/spanId'] = t.spanId;
    if (t.sampled !== undefined) traced['logging.googleapis.com/trace_sampled'] = t.sampled;
    return traced;
  };
  const traced = tracedBy(trace);
  return (severity, msg, fields) => {
    // the access line names the request's own server span (core's traceId and spanId), in Cloud Logging's fields
    const own =
      typeof fields?.traceId === 'string' && typeof fields.spanId === 'string'
        ? tracedBy({ ...trace, traceId: fields.traceId, spanId: fields.spanId })
        : traced;
    write(
      `${JSON.stringify({ severity: SEVERITY[severity], message: msg, time: new Date().toISOString(), ...own, ...fields })}\n`,
    );
  };
}
