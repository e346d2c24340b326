import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Sends spans to an OTLP/HTTP receiver as protobuf over `fetch`: OpenTelemetry's own
 * serializer, without the Node HTTP agent the stock exporter loads on first use.
 */
export class OtlpFetchExporter implements SpanExporter {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const body = ProtobufTraceSerializer.serializeRequest(spans);
    const sent = fetch(this.url, {
      method: 'POST',
      headers: { ...this.headers, 'Content-Type': 'application/x-protobuf' },
      body: body ? Buffer.from(body) : undefined,
    }).then(
      async res => {
        await res.arrayBuffer();
        done(
          res.ok
            ? { code: ExportResultCode.SUCCESS }
            : {
                code: ExportResultCode.FAILED,
                error: new Error(`OTLP receiver answered ${res.status}`),
              },
        );
      },
      error => done({ code: ExportResultCode.FAILED, error }),
    );
    this.pending.add(sent);
    sent.finally(() => this.pending.delete(sent));
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.pending);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
  }
}
