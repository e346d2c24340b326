// Exports spans with the real OpenTelemetry JS SDK and prints the exporter's results as JSON.
// Runs as its own Node process: the SDK's HTTP transport loads `http` with a dynamic
// import, which Jest's module sandbox does not allow.
//
// stdin: { protocol: 'protobuf' | 'json', url, headers, gzip,
//          spans: [{ id?, parent?, kind?, name, start, durationMs, attributes, error }],
//          batches?: [{ ids: [id, ...], url? }, ...] }
// Spans with a `parent` (another span's `id`) are created as its children in the same
// trace. Without `batches` every span goes in one request; with them, each batch is one
// request, in order (list children first, as a batch span processor exports them), to the
// batch's own url if it has one (another backend replica).
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const input = JSON.parse(await new Response(process.stdin).text());

const ended = new Map();
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'agent-gateway' }),
  spanProcessors: [
    {
      onStart() {},
      onEnd(span) {
        ended.set(span.spanContext().spanId, span);
      },
      forceFlush: async () => {},
      shutdown: async () => {},
    },
  ],
});
const tracer = provider.getTracer('mandate-test-gateway');

// Start parents before their children, then end every span.
const started = new Map();
const start = spec => {
  if (started.has(spec.id ?? spec)) return started.get(spec.id ?? spec);
  const parent = spec.parent
    ? start(input.spans.find(s => s.id === spec.parent))
    : undefined;
  const span = tracer.startSpan(
    spec.name,
    {
      startTime: new Date(spec.start),
      attributes: spec.attributes,
      kind: SpanKind[spec.kind ?? 'INTERNAL'],
    },
    parent ? trace.setSpan(context.active(), parent) : context.active(),
  );
  started.set(spec.id ?? spec, span);
  return span;
};
for (const spec of input.spans) {
  const span = start(spec);
  if (spec.error) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(new Date(Date.parse(spec.start) + (spec.durationMs ?? 10)));
}
const sdkSpan = spec =>
  ended.get(started.get(spec.id ?? spec).spanContext().spanId);

const Exporter =
  input.protocol === 'protobuf' ? ProtobufExporter : JsonExporter;
const exporterFor = url =>
  new Exporter({
    url,
    headers: input.headers,
    compression: input.gzip ? 'gzip' : 'none',
  });
const batches = input.batches
  ? input.batches.map(batch => ({
      url: batch.url ?? input.url,
      spans: batch.ids.map(id => sdkSpan(input.spans.find(s => s.id === id))),
    }))
  : [{ url: input.url, spans: input.spans.map(sdkSpan) }];
const results = [];
for (const batch of batches) {
  const exporter = exporterFor(batch.url);
  const result = await new Promise(resolve =>
    exporter.export(batch.spans, resolve),
  );
  await exporter.shutdown();
  results.push({ code: result.code, error: result.error?.message });
}
process.stdout.write(JSON.stringify(input.batches ? results : results[0]));
