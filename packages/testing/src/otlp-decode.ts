import protobuf from 'protobufjs';

/**
 * Decodes OTLP/HTTP protobuf bodies into opentelemetry-proto's JSON mapping (ids in hex,
 * 64-bit integers as decimal strings), so a test reads either encoding the same way. The
 * schema is opentelemetry-proto's, written here independently of the exporter's tables
 * (only the fields Cityscope sends, with their numbers from the common, resource, trace
 * and metrics `.proto` files), and read by protobufjs.
 */
const PROTO = `
syntax = "proto3";
package otlp;
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
  double double_value = 4; bytes bytes_value = 7; } }
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message Status { string message = 2; int32 code = 3; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; fixed32 flags = 16;
  string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; uint32 dropped_attributes_count = 10; Status status = 15;
}

message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; string schema_url = 3; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; }
message Metric {
  string name = 1; string description = 2; string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message NumberDataPoint {
  repeated KeyValue attributes = 7; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; } uint32 flags = 8;
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  fixed64 count = 4; optional double sum = 5; repeated fixed64 bucket_counts = 6; repeated double explicit_bounds = 7;
  uint32 flags = 10; optional double min = 11; optional double max = 12;
}
`;

const root = protobuf.parse(PROTO).root;
const TYPES = {
  '/v1/traces': root.lookupType('otlp.ExportTraceServiceRequest'),
  '/v1/metrics': root.lookupType('otlp.ExportMetricsServiceRequest'),
};

const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** protobufjs gives bytes as base64; the JSON mapping has ids in hex. */
function hexIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIds);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = ID_FIELDS.has(k) && typeof v === 'string' ? Buffer.from(v, 'base64').toString('hex') : hexIds(v);
  }
  return out;
}

/** A protobuf body posted to `path` (`/v1/traces`, `/v1/metrics`) as its JSON mapping; throws when it does not parse. */
export function decodeOtlpProtobuf(path: string, body: Uint8Array): unknown {
  const type = TYPES[path as keyof typeof TYPES];
  if (!type) throw new Error(`no OTLP message is posted to ${path}`);
  const message = type.decode(body);
  return hexIds(type.toObject(message, { longs: String, bytes: String, enums: Number, oneofs: false }));
}
