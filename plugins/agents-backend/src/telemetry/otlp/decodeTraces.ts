import { wellFormedJson } from '../../database/json';
import { ExportTraceServiceRequest } from './proto';

/** An attribute value as OTLP carries it, flattened to JSON-like values. */
export type AttributeValue =
  | string
  | number
  | boolean
  | AttributeValue[]
  | { [key: string]: AttributeValue };

/** A span with what Mandate reads from it, whichever encoding it arrived in. */
export interface OtlpSpan {
  /** Where the span sits in the request, for error messages: `resourceSpans[0]…spans[2]`. */
  path: string;
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  /** The span's own attributes. */
  attributes: Map<string, AttributeValue>;
  /** The attributes of the resource that reported the span (service.name, …). */
  resource: Map<string, AttributeValue>;
  /** 2 is ERROR in OTLP's status codes. */
  statusCode: number;
}

/** The request could not be read at all: answered with 400 and nothing is stored. */
export class MalformedOtlpError extends Error {
  name = 'MalformedOtlpError';
}

/** How deep array and map attribute values may nest; OpenTelemetry SDKs send flat values. */
export const MAX_VALUE_DEPTH = 8;
/** Attributes per span or resource; SDKs drop attributes past 128 by default. */
export const MAX_ATTRIBUTES = 256;

function tooDeep(path: string): never {
  throw new MalformedOtlpError(
    `${path}: attribute values nest deeper than ${MAX_VALUE_DEPTH} levels; send flat values`,
  );
}

function checkCount(count: number, path: string) {
  if (count > MAX_ATTRIBUTES) {
    throw new MalformedOtlpError(
      `${path}: ${count} attributes, more than the ${MAX_ATTRIBUTES} accepted per span or resource`,
    );
  }
}

// ---- protobuf ----------------------------------------------------------------------------

const hex = (bytes?: Uint8Array | null) =>
  bytes ? Buffer.from(bytes).toString('hex') : '';

const nanos = (value: unknown): bigint =>
  value === undefined || value === null ? 0n : BigInt(String(value));

function protoValue(value: any, path: string, depth = 0): AttributeValue {
  if (!value) return '';
  if (depth > MAX_VALUE_DEPTH) tooDeep(path);
  switch (value.value) {
    case 'stringValue':
      return value.stringValue;
    case 'boolValue':
      return value.boolValue;
    case 'intValue':
      return Number(String(value.intValue));
    case 'doubleValue':
      return value.doubleValue;
    case 'arrayValue':
      return (value.arrayValue?.values ?? []).map((v: any) =>
        protoValue(v, path, depth + 1),
      );
    case 'kvlistValue':
      return Object.fromEntries(
        protoAttributes(value.kvlistValue?.values, path, depth + 1),
      );
    case 'bytesValue':
      return Buffer.from(value.bytesValue).toString('base64');
    default:
      return '';
  }
}

function protoAttributes(
  list: any[] | undefined,
  path: string,
  depth = 0,
): Map<string, AttributeValue> {
  checkCount(list?.length ?? 0, path);
  return new Map(
    (list ?? []).map(kv => [kv.key, protoValue(kv.value, path, depth)]),
  );
}

/** Decodes an `ExportTraceServiceRequest` in protobuf encoding. */
export function decodeProtobufTraces(body: Buffer): OtlpSpan[] {
  let request: any;
  try {
    request = ExportTraceServiceRequest.decode(body);
  } catch (error) {
    const problem =
      error instanceof RangeError
        ? `attribute values nest too deep to read; send flat values`
        : (error as Error).message;
    throw new MalformedOtlpError(
      `The body is not a protobuf ExportTraceServiceRequest: ${problem}`,
    );
  }
  const spans: OtlpSpan[] = [];
  (request.resourceSpans ?? []).forEach((rs: any, r: number) => {
    const resource = protoAttributes(
      rs.resource?.attributes,
      `resourceSpans[${r}].resource.attributes`,
    );
    (rs.scopeSpans ?? []).forEach((ss: any, s: number) => {
      (ss.spans ?? []).forEach((span: any, i: number) => {
        const path = `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`;
        spans.push({
          path,
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          name: span.name ?? '',
          kind: span.kind ?? 0,
          startTimeUnixNano: nanos(span.startTimeUnixNano),
          endTimeUnixNano: nanos(span.endTimeUnixNano),
          attributes: protoAttributes(span.attributes, `${path}.attributes`),
          resource,
          statusCode: span.status?.code ?? 0,
        });
      });
    });
  });
  return spans;
}

// ---- JSON ----------------------------------------------------------------------------------

type Json = unknown;

function fail(path: string, problem: string): never {
  throw new MalformedOtlpError(`${path}: ${problem}`);
}

function objectAt(value: Json, path: string): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'must be an object');
  }
  return value as Record<string, Json>;
}

function arrayAt(value: Json, path: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

function stringAt(value: Json, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value;
}

/** OTLP/JSON sends 64-bit integers as decimal strings (or numbers). */
function integerAt(value: Json, path: string): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'number' && Number.isInteger(value))
    return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return fail(path, 'must be an integer (a decimal string or a number)');
}

const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];

/** OTLP/JSON writes enums as integers; some encoders write their names. */
function kindAt(value: Json, path: string): number {
  if (typeof value === 'string' && SPAN_KINDS.includes(value)) {
    return SPAN_KINDS.indexOf(value);
  }
  return Number(integerAt(value, path));
}

/** OTLP/JSON carries trace and span ids as hex, not base64. */
function hexIdAt(value: Json, path: string): string {
  const id = stringAt(value, path);
  if (id !== '' && !/^[0-9a-fA-F]*$/.test(id)) {
    fail(path, 'must be hex-encoded (OTLP/JSON does not use base64 for ids)');
  }
  return id.toLowerCase();
}

function jsonValue(value: Json, path: string, depth = 0): AttributeValue {
  if (value === undefined || value === null) return '';
  if (depth > MAX_VALUE_DEPTH) tooDeep(path);
  const v = objectAt(value, path);
  if ('stringValue' in v) return stringAt(v.stringValue, `${path}.stringValue`);
  if ('boolValue' in v) {
    if (typeof v.boolValue !== 'boolean')
      fail(`${path}.boolValue`, 'must be true or false');
    return v.boolValue;
  }
  if ('intValue' in v) return Number(integerAt(v.intValue, `${path}.intValue`));
  if ('doubleValue' in v) {
    const d = Number(v.doubleValue);
    if (Number.isNaN(d)) fail(`${path}.doubleValue`, 'must be a number');
    return d;
  }
  if ('arrayValue' in v) {
    const array = objectAt(v.arrayValue, `${path}.arrayValue`);
    return arrayAt(array.values, `${path}.arrayValue.values`).map((x, i) =>
      jsonValue(x, `${path}.arrayValue.values[${i}]`, depth + 1),
    );
  }
  if ('kvlistValue' in v) {
    const list = objectAt(v.kvlistValue, `${path}.kvlistValue`);
    return Object.fromEntries(
      jsonAttributes(list.values, `${path}.kvlistValue.values`, depth + 1),
    );
  }
  if ('bytesValue' in v) return stringAt(v.bytesValue, `${path}.bytesValue`);
  return '';
}

function jsonAttributes(
  list: Json,
  path: string,
  depth = 0,
): Map<string, AttributeValue> {
  const items = arrayAt(list, path);
  checkCount(items.length, path);
  return new Map(
    items.map((item, i) => {
      const kv = objectAt(item, `${path}[${i}]`);
      return [
        stringAt(kv.key, `${path}[${i}].key`),
        jsonValue(kv.value, `${path}[${i}].value`, depth),
      ];
    }),
  );
}

/** Decodes an `ExportTraceServiceRequest` in OTLP/JSON encoding. */
export function decodeJsonTraces(body: Buffer): OtlpSpan[] {
  let parsed: Json;
  try {
    // Lone surrogates become U+FFFD here, so that every database stores the same text.
    parsed = JSON.parse(wellFormedJson(body.toString('utf8')));
  } catch (error) {
    throw new MalformedOtlpError(
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
  const request = objectAt(parsed, 'request');
  const spans: OtlpSpan[] = [];
  arrayAt(request.resourceSpans, 'resourceSpans').forEach((rsJson, r) => {
    const rsPath = `resourceSpans[${r}]`;
    const rs = objectAt(rsJson, rsPath);
    const resource = rs.resource
      ? jsonAttributes(
          objectAt(rs.resource, `${rsPath}.resource`).attributes,
          `${rsPath}.resource.attributes`,
        )
      : new Map<string, AttributeValue>();
    arrayAt(rs.scopeSpans, `${rsPath}.scopeSpans`).forEach((ssJson, s) => {
      const ssPath = `${rsPath}.scopeSpans[${s}]`;
      const ss = objectAt(ssJson, ssPath);
      arrayAt(ss.spans, `${ssPath}.spans`).forEach((spanJson, i) => {
        const path = `${ssPath}.spans[${i}]`;
        const span = objectAt(spanJson, path);
        const status = span.status
          ? objectAt(span.status, `${path}.status`)
          : {};
        spans.push({
          path,
          traceId: hexIdAt(span.traceId, `${path}.traceId`),
          spanId: hexIdAt(span.spanId, `${path}.spanId`),
          parentSpanId: hexIdAt(span.parentSpanId, `${path}.parentSpanId`),
          name: stringAt(span.name, `${path}.name`),
          kind: kindAt(span.kind, `${path}.kind`),
          startTimeUnixNano: integerAt(
            span.startTimeUnixNano,
            `${path}.startTimeUnixNano`,
          ),
          endTimeUnixNano: integerAt(
            span.endTimeUnixNano,
            `${path}.endTimeUnixNano`,
          ),
          attributes: jsonAttributes(span.attributes, `${path}.attributes`),
          resource,
          statusCode: Number(integerAt(status.code, `${path}.status.code`)),
        });
      });
    });
  });
  return spans;
}
