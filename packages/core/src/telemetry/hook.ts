import type { Platform } from '../config.js';
import type { Logger } from '../log.js';
import { type Attributes, type CacheState, epochMs, RequestTelemetry } from './context.js';
import type { Finished, TelemetryRuntime } from './runtime.js';
import { type TelemetryConfig, telemetryWanted } from './settings.js';
import { incomingTrace } from './trace-context.js';

/**
 * The handler's side of telemetry: a RequestTelemetry per request (always: Server-Timing
 * and the child traceparent cost microseconds), and the runtime (exporter, metric
 * instruments) imported on first use only when a setting asks for it.
 */

/** A request as an adapter sees it once answered (CloudWatch EMF lines are written from it). */
export interface RequestSummary {
  /** `GET /cities/{name}`, or null when no route matched. */
  route: string | null;
  status: number;
  ms: number;
  upstreamMs: number;
  upstreamRequests: number;
  cache: CacheState | undefined;
}

export interface TelemetryHook {
  /** Pending while the runtime loads (the first request waits for it); then undefined. */
  loading: Promise<void> | undefined;
  begin(request: Request): RequestTelemetry;
  /** Records the answered request; returns its Server-Timing header. */
  end(t: RequestTelemetry, f: Finished, started: number): { serverTiming: string; summary: RequestSummary };
  /** Sends what is waiting within `deadlineMs`; metrics when due, or always when `final` (shutdown). */
  flush(deadlineMs: number, final?: boolean): Promise<void>;
  /** The metrics in Prometheus' format, when PROMETHEUS_METRICS is on. */
  prometheus(): string | undefined;
}

/** The media type of Prometheus' text exposition format, 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** `/cities/{name+}` → `/cities/{name}`: the route template as OpenTelemetry's `http.route`. */
export const routeTemplate = (path: string): string => path.replace(/\+\}/g, '}');

export function telemetryHook(
  config: TelemetryConfig,
  version: string,
  logger: Logger,
  platform: Platform,
): TelemetryHook {
  let runtime: TelemetryRuntime | undefined;
  const hook: TelemetryHook = {
    loading: undefined,
    begin(request) {
      const parent = incomingTrace(request.headers);
      return runtime
        ? new RequestTelemetry(parent, true, (p, id) => (runtime as TelemetryRuntime).sampled(p, id))
        : new RequestTelemetry(parent, false);
    },
    end(t, f, started) {
      const endMs = epochMs();
      const ms = performance.now() - started;
      runtime?.finish(t, f, endMs);
      return {
        serverTiming: t.serverTiming(ms),
        summary: {
          route: f.route ? `${f.method} ${f.route}` : null,
          status: f.status,
          ms,
          upstreamMs: t.upstreamMs,
          upstreamRequests: t.upstreamRequests,
          cache: t.cache,
        },
      };
    },
    flush: (deadlineMs, final) => runtime?.flush(deadlineMs, final) ?? Promise.resolve(),
    // on but still loading: an empty page rather than a 404
    prometheus: () => (config.prometheus ? (runtime?.prometheus() ?? '') : undefined),
  };
  if (telemetryWanted(config)) {
    hook.loading = import('./runtime.js')
      .then((m) => m.startTelemetry(config, version, logger, platform))
      .then(
        (r) => {
          runtime = r;
        },
        (err: unknown) => logger.error('telemetry could not start', { error: String(err) }),
      )
      .finally(() => {
        hook.loading = undefined;
      });
  }
  return hook;
}

/**
 * An adapter's `faas.*` attributes for each invocation: what its platform says of the instance
 * (`faas.name`, `cloud.region`, …), `faas.coldstart` (true for the instance's first invocation
 * only) and the platform's `faas.invocation_id` when it gives one.
 */
export function faasInvocations(instance: Attributes): (invocationId?: string) => Attributes {
  let coldStart = true;
  return (invocationId) => {
    const out: Attributes = { ...instance, 'faas.coldstart': coldStart };
    coldStart = false;
    if (invocationId) out['faas.invocation_id'] = invocationId;
    return out;
  };
}

export type { Attributes, Finished };
