// Exports spans with the real OpenTelemetry JS SDK and prints the exporter's result as JSON.
// Runs as its own Node process: the SDK's HTTP transport loads `http` with a dynamic
// import, which Jest's module sandbox does not allow.
//
// stdin: { protocol: 'protobuf' | 'json', url, headers, gzip, spans: [{ name, start,
//          durationMs, attributes, error }] }
import { SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const input = JSON.parse(await new Response(process.stdin).text());

const ended = [];
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'agent-gateway' }),
  spanProcessors: [
    {
      onStart() {},
      onEnd(span) {
        ended.push(span);
      },
      forceFlush: async () => {},
      shutdown: async () => {},
    },
  ],
});
const tracer = provider.getTracer('mandate-test-gateway');
for (const spec of input.spans) {
  const start = new Date(spec.start);
  const span = tracer.startSpan(spec.name, {
    startTime: start,
    attributes: spec.attributes,
  });
  if (spec.error) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(new Date(start.getTime() + (spec.durationMs ?? 10)));
}

const Exporter =
  input.protocol === 'protobuf' ? ProtobufExporter : JsonExporter;
const exporter = new Exporter({
  url: input.url,
  headers: input.headers,
  compression: input.gzip ? 'gzip' : 'none',
});
const result = await new Promise(resolve => exporter.export(ended, resolve));
await exporter.shutdown();
process.stdout.write(
  JSON.stringify({ code: result.code, error: result.error?.message }),
);
