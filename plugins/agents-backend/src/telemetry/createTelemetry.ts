import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { AgentsConfig } from '../config';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { SourcePoller } from './SourcePoller';
import { TelemetryIngest } from './TelemetryIngest';
import { TelemetryStoreProvider } from './TelemetryStoreProvider';
import { createOtlpRouter } from './otlp/otlpRouter';
import { SpanReaderPool } from './otlp/SpanReaderPool';
import { sourceStatuses } from './sourceStatus';

/**
 * Telemetry in Mandate: the one ingestion path, the OTLP receiver, the poller of pull
 * sources, retention and the staleness report. Scheduling lives in tasks.ts.
 */
export function createTelemetry(options: {
  config: AgentsConfig;
  db: AgentsDatabase;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  /** Whether a pull source is registered; the store answers as a provider then too. */
  hasPullSources: boolean;
  clock: () => Date;
}) {
  const { config, db, logger, clock } = options;
  const settings = config.telemetry;
  const ingest = new TelemetryIngest({
    writer: db.telemetry.writer,
    rawRetention: settings.rawRetention,
    duplicateWindow: settings.duplicateWindow,
    holdFor: settings.attribution.holdFor,
    clock,
    logger,
  });
  const receiverEnabled = config.otlp.enabled;
  const reader = new SpanReaderPool({
    threads: receiverEnabled ? config.otlp.readerThreads : 0,
    reading: {
      sourceId: 'otlp',
      modelOperations: settings.attribution.modelOperations,
      rules: settings.attribution.rules,
    },
  });
  return {
    ingest,
    poller: new SourcePoller({
      sources: db.telemetry.sources,
      ingest,
      logger,
      clock,
    }),
    /** Installed when telemetry can arrive: the receiver is on or a source is registered. */
    provider:
      receiverEnabled || options.hasPullSources
        ? new TelemetryStoreProvider(db, clock)
        : undefined,
    otlpRouter: receiverEnabled
      ? createOtlpRouter({
          httpAuth: options.httpAuth,
          ingest,
          reader,
          maxBodyBytes: config.otlp.maxBodyBytes,
        })
      : undefined,
    /** Deletes raw events past retention and span keys past the duplicate window. */
    async prune() {
      const now = clock();
      const removed = await db.telemetry.writer.prune(
        new Date(now.getTime() - settings.rawRetention.toMillis()),
      );
      const forgotten = await db.telemetry.writer.pruneSpanKeys(
        ingest.duplicateWindowStart(now),
      );
      logger.debug(
        `Pruned ${removed} raw telemetry events and ${forgotten} span keys`,
      );
    },
    statuses: async () =>
      sourceStatuses(
        await db.telemetry.sources.all(),
        clock(),
        settings.staleAfter.toMillis(),
      ),
    standingGrantAfterMs: settings.standingGrantAfter.toMillis(),
    /** Stops the receiver's reader threads (at shutdown). */
    close: () => reader.close(),
  };
}

export type Telemetry = ReturnType<typeof createTelemetry>;
