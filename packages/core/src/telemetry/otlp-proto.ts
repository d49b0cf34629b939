/**
 * OTLP/HTTP protobuf (`application/x-protobuf`): the bodies otlp.ts builds in
 * opentelemetry-proto's JSON mapping, written in the binary wire format. One table per
 * message gives each JSON field its number and type (field numbers from
 * opentelemetry-proto's common, resource, trace and metrics `.proto` files), so the
 * message shapes have one source, otlp.ts, and this file only knows the wire format.
 */

type Scalar =
  | 'string'
  | 'bytes' // hex in JSON (trace and span ids)
  | 'varint' // uint32, enums
  | 'bool'
  | 'int64' // decimal string in JSON
  | 'fixed64' // decimal string in JSON
  | 'sfixed64' // decimal string in JSON
  | 'double'
  | 'packed-fixed64' // repeated, decimal strings in JSON
  | 'packed-double';
/** A message's fields by JSON name: number, and scalar type or nested message. */
export interface Message {
  [jsonName: string]: readonly [number, Scalar | Message];
}

const ANY_VALUE: Message = {
  stringValue: [1, 'string'],
  boolValue: [2, 'bool'],
  intValue: [3, 'int64'],
  doubleValue: [4, 'double'],
};
const KEY_VALUE: Message = { key: [1, 'string'], value: [2, ANY_VALUE] };
const RESOURCE: Message = { attributes: [1, KEY_VALUE] };
const SCOPE: Message = { name: [1, 'string'], version: [2, 'string'] };

const SPAN: Message = {
  traceId: [1, 'bytes'],
  spanId: [2, 'bytes'],
  parentSpanId: [4, 'bytes'],
  name: [5, 'string'],
  kind: [6, 'varint'],
  startTimeUnixNano: [7, 'fixed64'],
  endTimeUnixNano: [8, 'fixed64'],
  attributes: [9, KEY_VALUE],
  status: [15, { message: [2, 'string'], code: [3, 'varint'] }],
};
/** ExportTraceServiceRequest. */
export const TRACES: Message = {
  resourceSpans: [1, { resource: [1, RESOURCE], scopeSpans: [2, { scope: [1, SCOPE], spans: [2, SPAN] }] }],
};

const NUMBER_POINT: Message = {
  startTimeUnixNano: [2, 'fixed64'],
  timeUnixNano: [3, 'fixed64'],
  asDouble: [4, 'double'],
  asInt: [6, 'sfixed64'],
  attributes: [7, KEY_VALUE],
};
const HISTOGRAM_POINT: Message = {
  startTimeUnixNano: [2, 'fixed64'],
  timeUnixNano: [3, 'fixed64'],
  count: [4, 'fixed64'],
  sum: [5, 'double'],
  bucketCounts: [6, 'packed-fixed64'],
  explicitBounds: [7, 'packed-double'],
  attributes: [9, KEY_VALUE],
  min: [11, 'double'],
  max: [12, 'double'],
};
const METRIC: Message = {
  name: [1, 'string'],
  description: [2, 'string'],
  unit: [3, 'string'],
  gauge: [5, { dataPoints: [1, NUMBER_POINT] }],
  sum: [7, { dataPoints: [1, NUMBER_POINT], aggregationTemporality: [2, 'varint'], isMonotonic: [3, 'bool'] }],
  histogram: [9, { dataPoints: [1, HISTOGRAM_POINT], aggregationTemporality: [2, 'varint'] }],
};
/** ExportMetricsServiceRequest. */
export const METRICS: Message = {
  resourceMetrics: [1, { resource: [1, RESOURCE], scopeMetrics: [2, { scope: [1, SCOPE], metrics: [2, METRIC] }] }],
};

const WIRE = { varint: 0, i64: 1, len: 2 } as const;
const utf8 = new TextEncoder();
const scratch = new DataView(new ArrayBuffer(8));

/** Bytes appended to a plain array (the bodies are a few kilobytes to a few hundred). */
class Out {
  readonly bytes: number[] = [];

  varint(n: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(n));
    while (v > 0x7fn) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
  }

  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  fixed64(v: bigint): void {
    scratch.setBigUint64(0, BigInt.asUintN(64, v), true);
    for (let i = 0; i < 8; i++) this.bytes.push(scratch.getUint8(i));
  }

  double(v: number): void {
    scratch.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.bytes.push(scratch.getUint8(i));
  }

  delimited(field: number, content: ArrayLike<number>): void {
    this.tag(field, WIRE.len);
    this.varint(content.length);
    for (let i = 0; i < content.length; i++) this.bytes.push(content[i] as number);
  }
}

const hexBytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

function packed(kind: 'packed-fixed64' | 'packed-double', values: readonly (string | number)[]): number[] {
  const inner = new Out();
  for (const v of values) {
    if (kind === 'packed-fixed64') inner.fixed64(BigInt(v));
    else inner.double(Number(v));
  }
  return inner.bytes;
}

function scalar(out: Out, field: number, kind: Scalar, v: unknown): void {
  if (kind === 'string') out.delimited(field, utf8.encode(String(v)));
  else if (kind === 'bytes') out.delimited(field, hexBytes(String(v)));
  else if (kind === 'varint' || kind === 'bool') {
    out.tag(field, WIRE.varint);
    out.varint(v === true ? 1 : v === false ? 0 : Number(v));
  } else if (kind === 'int64') {
    out.tag(field, WIRE.varint);
    out.varint(BigInt(v as string));
  } else if (kind === 'fixed64' || kind === 'sfixed64') {
    out.tag(field, WIRE.i64);
    out.fixed64(BigInt(v as string));
  } else if (kind === 'double') {
    out.tag(field, WIRE.i64);
    out.double(Number(v));
  } else out.delimited(field, packed(kind, v as (string | number)[]));
}

function message(out: Out, value: Record<string, unknown>, schema: Message): void {
  for (const [name, v] of Object.entries(value)) {
    const spec = schema[name];
    if (spec === undefined || v === undefined) continue; // a field the wire format does not carry
    const [field, kind] = spec;
    if (typeof kind === 'string') {
      scalar(out, field, kind, v);
      continue;
    }
    for (const item of Array.isArray(v) ? v : [v]) {
      const inner = new Out();
      message(inner, item as Record<string, unknown>, kind);
      out.delimited(field, inner.bytes);
    }
  }
}

/** A JSON-mapped OTLP body (from tracesBody or metricsBody) in protobuf's binary form. */
export function protobufBody(body: unknown, schema: Message): Uint8Array<ArrayBuffer> {
  const out = new Out();
  message(out, body as Record<string, unknown>, schema);
  return Uint8Array.from(out.bytes);
}
