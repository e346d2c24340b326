import { MappingRule, mappedIdentity } from '../attribution/mappingRules';
import {
  MODEL_OPERATIONS,
  SpanFacts,
  SpanProblem,
  classifySpan,
} from './classifySpan';
import {
  OtlpSpan,
  decodeJsonTraces,
  decodeProtobufTraces,
} from './decodeTraces';

/** The encodings of OTLP/HTTP. */
export type OtlpFormat = 'protobuf' | 'json';

/** What reading spans needs to know besides the spans (agents.telemetry.attribution). */
export interface SpanReading {
  /** The source the spans came from, for mapping rules limited to one. */
  sourceId: string;
  /** `gen_ai.operation.name` values that also mean a model call (`call_llm`, …). */
  modelOperations: readonly string[];
  rules: readonly MappingRule[];
}

/** What a delivery's spans are to Mandate, and the spans it could not use. */
export interface ReadSpans {
  facts: SpanFacts[];
  /** Spans that could not be read, by their path in the request. */
  rejected: Array<{ path: string; reason: string }>;
}

/** Reads decoded spans: each one's facts, or why it cannot be used. */
export function classifySpans(
  spans: OtlpSpan[],
  reading: SpanReading,
): ReadSpans {
  const modelOperations = [...MODEL_OPERATIONS, ...reading.modelOperations];
  const read: ReadSpans = { facts: [], rejected: [] };
  for (const span of spans) {
    try {
      read.facts.push(
        classifySpan(span, {
          modelOperations,
          mappedIdentity: s =>
            mappedIdentity(
              reading.rules,
              reading.sourceId,
              s.attributes,
              s.resource,
            ),
        }),
      );
    } catch (error) {
      if (!(error instanceof SpanProblem)) throw error;
      read.rejected.push({ path: span.path, reason: error.message });
    }
  }
  return read;
}

/**
 * Decodes and reads an OTLP/HTTP request body. Throws MalformedOtlpError when the body
 * cannot be decoded at all.
 */
export function readSpans(
  body: Uint8Array,
  format: OtlpFormat,
  reading: SpanReading,
): ReadSpans {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const spans =
    format === 'protobuf'
      ? decodeProtobufTraces(buffer)
      : decodeJsonTraces(buffer);
  return classifySpans(spans, reading);
}
