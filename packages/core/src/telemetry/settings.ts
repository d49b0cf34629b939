/**
 * Telemetry settings: OpenTelemetry's standard OTEL_* variables (docs/api.md, "Settings"),
 * PROMETHEUS_METRICS and the EMF_* pair. Read with the others at start-up; a bad value
 * fails loudly. Nothing here loads the exporter.
 */

export type SamplerKind = 'always_on' | 'always_off' | 'traceidratio';
/** OTLP/HTTP's two encodings; gRPC is not spoken. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface OtlpExport {
  /** `…/v1/traces` or `…/v1/metrics`. */
  url: string;
  headers: Record<string, string>;
  protocol: OtlpProtocol;
  /** No OTEL_EXPORTER_OTLP_(<SIGNAL>_)PROTOCOL was set: the spec's default, http/protobuf. */
  protocolDefaulted: boolean;
}

export interface TelemetryConfig {
  /** Where and how spans are sent; null: spans are not exported. */
  traces: OtlpExport | null;
  /** Where and how metrics are sent; null: metrics are not exported. */
  metrics: OtlpExport | null;
  serviceName: string;
  resourceAttributes: Record<string, string>;
  sampler: { kind: SamplerKind; parentBased: boolean; ratio: number };
  metricIntervalMs: number;
  spanDelayMs: number;
  /** `cityscope serve` answers GET /metrics in Prometheus' text format. */
  prometheus: boolean;
  /** CloudWatch Embedded Metric Format lines from the Lambda handler. */
  emf: boolean;
  emfNamespace: string;
}

type Env = Record<string, string | undefined>;

const SAMPLERS: Record<string, { kind: SamplerKind; parentBased: boolean }> = {
  always_on: { kind: 'always_on', parentBased: false },
  always_off: { kind: 'always_off', parentBased: false },
  traceidratio: { kind: 'traceidratio', parentBased: false },
  parentbased_always_on: { kind: 'always_on', parentBased: true },
  parentbased_always_off: { kind: 'always_off', parentBased: true },
  parentbased_traceidratio: { kind: 'traceidratio', parentBased: true },
};

const text = (env: Env, name: string) => (env[name] ?? '').trim();

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const v = text(env, name).toLowerCase();
  if (v === '') return fallback;
  if (['on', 'true', '1'].includes(v)) return true;
  if (['off', 'false', '0'].includes(v)) return false;
  throw new Error(`${name} must be on or off: ${env[name]}`);
}

function millis(env: Env, name: string, fallback: number): number {
  const v = text(env, name);
  if (v === '') return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 3_600_000)
    throw new Error(`${name} must be milliseconds from 1 to 3600000: ${v}`);
  return n;
}

/** `key1=value1,key2=value2`, values percent-decoded (OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_HEADERS). */
export function parseKeyValues(value: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of value.split(',')) {
    if (!item.trim()) continue;
    const at = item.indexOf('=');
    if (at < 1) throw new Error(`${name} must be key=value pairs separated by commas: ${item.trim()}`);
    try {
      out[decodeURIComponent(item.slice(0, at).trim())] = decodeURIComponent(item.slice(at + 1).trim());
    } catch {
      throw new Error(`${name} has a badly percent-encoded pair: ${item.trim()}`);
    }
  }
  return out;
}

function url(value: string, name: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: ${value}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`${name} must be http(s): ${value}`);
  return value;
}

/** A signal's URL: its own variable as given, else the base endpoint with `/v1/<signal>`. */
function signalUrl(env: Env, signal: 'traces' | 'metrics'): string | null {
  const upper = signal.toUpperCase();
  if (text(env, `OTEL_${upper}_EXPORTER`).toLowerCase() === 'none') return null;
  const own = text(env, `OTEL_EXPORTER_OTLP_${upper}_ENDPOINT`);
  if (own) return url(own, `OTEL_EXPORTER_OTLP_${upper}_ENDPOINT`);
  const base = text(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!base) return null;
  return `${url(base, 'OTEL_EXPORTER_OTLP_ENDPOINT').replace(/\/+$/, '')}/v1/${signal}`;
}

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'];

/** A signal's export: its URL, headers and encoding, or null when it has no endpoint. */
function signalExport(env: Env, signal: 'traces' | 'metrics', common: Record<string, string>): OtlpExport | null {
  const url = signalUrl(env, signal);
  if (url === null) return null;
  const upper = signal.toUpperCase();
  const own = `OTEL_EXPORTER_OTLP_${upper}_PROTOCOL`;
  const name = text(env, own) ? own : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const given = text(env, name).toLowerCase();
  if (given && !PROTOCOLS.includes(given))
    throw new Error(`${name} must be http/protobuf or http/json (gRPC is not supported): ${env[name]}`);
  return {
    url,
    headers: {
      ...common,
      ...parseKeyValues(text(env, `OTEL_EXPORTER_OTLP_${upper}_HEADERS`), `OTEL_EXPORTER_OTLP_${upper}_HEADERS`),
    },
    protocol: (given || 'http/protobuf') as OtlpProtocol,
    protocolDefaulted: given === '',
  };
}

function sampler(env: Env): TelemetryConfig['sampler'] {
  const name = text(env, 'OTEL_TRACES_SAMPLER').toLowerCase() || 'parentbased_always_on';
  const found = SAMPLERS[name];
  if (!found) throw new Error(`OTEL_TRACES_SAMPLER must be one of ${Object.keys(SAMPLERS).join(', ')}: ${name}`);
  const arg = text(env, 'OTEL_TRACES_SAMPLER_ARG');
  const ratio = found.kind === 'traceidratio' && arg !== '' ? Number(arg) : 1;
  if (!(ratio >= 0 && ratio <= 1)) throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1: ${arg}`);
  return { ...found, ratio };
}

export function loadTelemetryConfig(env: Env): TelemetryConfig {
  const disabled = text(env, 'OTEL_SDK_DISABLED').toLowerCase() === 'true';
  const common = parseKeyValues(text(env, 'OTEL_EXPORTER_OTLP_HEADERS'), 'OTEL_EXPORTER_OTLP_HEADERS');
  const namespace = text(env, 'EMF_NAMESPACE') || 'Cityscope';
  if (!/^[\w.#:/ -]{1,255}$/.test(namespace))
    throw new Error(`EMF_NAMESPACE must be 1 to 255 letters, digits or . - _ / # : space: ${namespace}`);
  return {
    traces: disabled ? null : signalExport(env, 'traces', common),
    metrics: disabled ? null : signalExport(env, 'metrics', common),
    serviceName: text(env, 'OTEL_SERVICE_NAME') || 'cityscope',
    resourceAttributes: parseKeyValues(text(env, 'OTEL_RESOURCE_ATTRIBUTES'), 'OTEL_RESOURCE_ATTRIBUTES'),
    sampler: sampler(env),
    metricIntervalMs: millis(env, 'OTEL_METRIC_EXPORT_INTERVAL', 60_000),
    spanDelayMs: millis(env, 'OTEL_BSP_SCHEDULE_DELAY', 5_000),
    prometheus: onOff(env, 'PROMETHEUS_METRICS', false),
    emf: onOff(env, 'EMF_METRICS', true),
    emfNamespace: namespace,
  };
}

/** Whether anything needs the telemetry runtime (the exporter and the metric instruments). */
export const telemetryWanted = (t: TelemetryConfig): boolean => t.traces !== null || t.metrics !== null || t.prometheus;
