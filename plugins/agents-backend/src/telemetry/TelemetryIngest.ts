import { LoggerService } from '@backstage/backend-plugin-api';
import { TelemetryBatch } from '@mandate/plugin-agents-node';
import { Duration } from 'luxon';
import {
  IngestResult,
  TelemetryOrigin,
  TelemetryStore,
} from './TelemetryStore';

/** Runs after a batch is stored, with the identities it touched (findings, maturity). */
export type AfterIngest = (result: IngestResult) => Promise<void>;

/** The one way telemetry enters Mandate: OTLP receiver, pull sources and the demo sample. */
export class TelemetryIngest {
  private readonly listeners: AfterIngest[] = [];

  constructor(
    private readonly options: {
      store: TelemetryStore;
      /** How long raw events are kept; rollups are kept for good. */
      rawRetention: Duration;
      clock: () => Date;
      logger: LoggerService;
    },
  ) {}

  onIngested(listener: AfterIngest): void {
    this.listeners.push(listener);
  }

  async ingest(
    batch: TelemetryBatch,
    origin: TelemetryOrigin,
  ): Promise<IngestResult> {
    const { store, rawRetention, clock, logger } = this.options;
    const now = clock();
    const rawSince = new Date(now.getTime() - rawRetention.toMillis());
    const result = await store.ingest(batch, origin, { now, rawSince });
    for (const listener of this.listeners) {
      try {
        await listener(result);
      } catch (error) {
        // The batch is stored; a failed recomputation is retried by the scheduled run.
        logger.warn(
          `Recomputing after telemetry from ${origin.sourceId} failed`,
          {
            error: String(error),
          },
        );
      }
    }
    return result;
  }
}
