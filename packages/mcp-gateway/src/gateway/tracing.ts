import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { OtlpFetchExporter } from './OtlpFetchExporter';

/**
 * Spans of the gateway's calls, exported to Mandate's OTLP receiver with the gateway's
 * token, in batches sent at least every second (the Activity tab is near live).
 */
export function gatewayTracing(options: {
  baseUrl: string;
  token: string;
  exporter?: SpanExporter;
}) {
  const exporter =
    options.exporter ??
    new OtlpFetchExporter(
      `${options.baseUrl.replace(/\/+$/, '')}/api/agents/otlp/v1/traces`,
      { Authorization: `Bearer ${options.token}` },
    );
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'mandate-mcp-gateway' }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 }),
    ],
  });
  return {
    tracer: provider.getTracer('@mandate/mcp-gateway'),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
