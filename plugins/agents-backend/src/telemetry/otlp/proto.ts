import * as protobuf from 'protobufjs';

// The subset of opentelemetry-proto (v1) that an OTLP/HTTP trace export carries, with the
// field numbers of the published .proto files. Deprecated and unused fields are left out;
// protobuf decoding skips fields it does not know.
const message = (fields: Record<string, [string, number, string?]>) => ({
  fields: Object.fromEntries(
    Object.entries(fields).map(([name, [type, id, rule]]) => [
      name,
      rule ? { type, id, rule } : { type, id },
    ]),
  ),
});

const descriptor = {
  nested: {
    otlp: {
      nested: {
        AnyValue: {
          oneofs: {
            value: {
              oneof: [
                'stringValue',
                'boolValue',
                'intValue',
                'doubleValue',
                'arrayValue',
                'kvlistValue',
                'bytesValue',
              ],
            },
          },
          ...message({
            stringValue: ['string', 1],
            boolValue: ['bool', 2],
            intValue: ['int64', 3],
            doubleValue: ['double', 4],
            arrayValue: ['ArrayValue', 5],
            kvlistValue: ['KeyValueList', 6],
            bytesValue: ['bytes', 7],
          }),
        },
        ArrayValue: message({ values: ['AnyValue', 1, 'repeated'] }),
        KeyValueList: message({ values: ['KeyValue', 1, 'repeated'] }),
        KeyValue: message({ key: ['string', 1], value: ['AnyValue', 2] }),
        Resource: message({ attributes: ['KeyValue', 1, 'repeated'] }),
        InstrumentationScope: message({
          name: ['string', 1],
          version: ['string', 2],
          attributes: ['KeyValue', 3, 'repeated'],
        }),
        Status: message({ message: ['string', 2], code: ['int32', 3] }),
        Span: message({
          traceId: ['bytes', 1],
          spanId: ['bytes', 2],
          parentSpanId: ['bytes', 4],
          name: ['string', 5],
          kind: ['int32', 6],
          startTimeUnixNano: ['fixed64', 7],
          endTimeUnixNano: ['fixed64', 8],
          attributes: ['KeyValue', 9, 'repeated'],
          status: ['Status', 15],
        }),
        ScopeSpans: message({
          scope: ['InstrumentationScope', 1],
          spans: ['Span', 2, 'repeated'],
        }),
        ResourceSpans: message({
          resource: ['Resource', 1],
          scopeSpans: ['ScopeSpans', 2, 'repeated'],
        }),
        ExportTraceServiceRequest: message({
          resourceSpans: ['ResourceSpans', 1, 'repeated'],
        }),
        ExportTracePartialSuccess: message({
          rejectedSpans: ['int64', 1],
          errorMessage: ['string', 2],
        }),
        ExportTraceServiceResponse: message({
          partialSuccess: ['ExportTracePartialSuccess', 1],
        }),
        /** google.rpc.Status, the body of an OTLP/HTTP error response. */
        RpcStatus: message({ code: ['int32', 1], message: ['string', 2] }),
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);

export const ExportTraceServiceRequest = root.lookupType(
  'otlp.ExportTraceServiceRequest',
);
export const ExportTraceServiceResponse = root.lookupType(
  'otlp.ExportTraceServiceResponse',
);
export const RpcStatus = root.lookupType('otlp.RpcStatus');
