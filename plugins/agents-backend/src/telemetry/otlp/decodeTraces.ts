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
  name: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  /** Resource attributes overlaid with the span's own. */
  attributes: Map<string, AttributeValue>;
  /** 2 is ERROR in OTLP's status codes. */
  statusCode: number;
}

/** The request could not be read at all: answered with 400 and nothing is stored. */
export class MalformedOtlpError extends Error {
  name = 'MalformedOtlpError';
}

// ---- protobuf ----------------------------------------------------------------------------

const hex = (bytes?: Uint8Array | null) =>
  bytes ? Buffer.from(bytes).toString('hex') : '';

const nanos = (value: unknown): bigint =>
  value === undefined || value === null ? 0n : BigInt(String(value));

function protoValue(value: any): AttributeValue {
  if (!value) return '';
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
      return (value.arrayValue?.values ?? []).map(protoValue);
    case 'kvlistValue':
      return Object.fromEntries(protoAttributes(value.kvlistValue?.values));
    case 'bytesValue':
      return Buffer.from(value.bytesValue).toString('base64');
    default:
      return '';
  }
}

function protoAttributes(list: any[] | undefined): Map<string, AttributeValue> {
  return new Map((list ?? []).map(kv => [kv.key, protoValue(kv.value)]));
}

/** Decodes an `ExportTraceServiceRequest` in protobuf encoding. */
export function decodeProtobufTraces(body: Buffer): OtlpSpan[] {
  let request: any;
  try {
    request = ExportTraceServiceRequest.decode(body);
  } catch (error) {
    throw new MalformedOtlpError(
      `The body is not a protobuf ExportTraceServiceRequest: ${
        (error as Error).message
      }`,
    );
  }
  const spans: OtlpSpan[] = [];
  (request.resourceSpans ?? []).forEach((rs: any, r: number) => {
    const resource = protoAttributes(rs.resource?.attributes);
    (rs.scopeSpans ?? []).forEach((ss: any, s: number) => {
      (ss.spans ?? []).forEach((span: any, i: number) => {
        spans.push({
          path: `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`,
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          name: span.name ?? '',
          startTimeUnixNano: nanos(span.startTimeUnixNano),
          endTimeUnixNano: nanos(span.endTimeUnixNano),
          attributes: new Map([
            ...resource,
            ...protoAttributes(span.attributes),
          ]),
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

/** OTLP/JSON carries trace and span ids as hex, not base64. */
function hexIdAt(value: Json, path: string): string {
  const id = stringAt(value, path);
  if (id !== '' && !/^[0-9a-fA-F]*$/.test(id)) {
    fail(path, 'must be hex-encoded (OTLP/JSON does not use base64 for ids)');
  }
  return id.toLowerCase();
}

function jsonValue(value: Json, path: string): AttributeValue {
  if (value === undefined || value === null) return '';
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
      jsonValue(x, `${path}.arrayValue.values[${i}]`),
    );
  }
  if ('kvlistValue' in v) {
    const list = objectAt(v.kvlistValue, `${path}.kvlistValue`);
    return Object.fromEntries(
      jsonAttributes(list.values, `${path}.kvlistValue.values`),
    );
  }
  if ('bytesValue' in v) return stringAt(v.bytesValue, `${path}.bytesValue`);
  return '';
}

function jsonAttributes(list: Json, path: string): Map<string, AttributeValue> {
  return new Map(
    arrayAt(list, path).map((item, i) => {
      const kv = objectAt(item, `${path}[${i}]`);
      return [
        stringAt(kv.key, `${path}[${i}].key`),
        jsonValue(kv.value, `${path}[${i}].value`),
      ];
    }),
  );
}

/** Decodes an `ExportTraceServiceRequest` in OTLP/JSON encoding. */
export function decodeJsonTraces(body: Buffer): OtlpSpan[] {
  let parsed: Json;
  try {
    parsed = JSON.parse(body.toString('utf8'));
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
          name: stringAt(span.name, `${path}.name`),
          startTimeUnixNano: integerAt(
            span.startTimeUnixNano,
            `${path}.startTimeUnixNano`,
          ),
          endTimeUnixNano: integerAt(
            span.endTimeUnixNano,
            `${path}.endTimeUnixNano`,
          ),
          attributes: new Map([
            ...resource,
            ...jsonAttributes(span.attributes, `${path}.attributes`),
          ]),
          statusCode: Number(integerAt(status.code, `${path}.status.code`)),
        });
      });
    });
  });
  return spans;
}
