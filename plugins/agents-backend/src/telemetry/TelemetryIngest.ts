import { LoggerService } from '@backstage/backend-plugin-api';
import { TelemetryBatch, TelemetryEvent } from '@mandate/plugin-agents-node';
import { Duration } from 'luxon';
import { IngestResult, TelemetryOrigin } from '../database/telemetryRows';
import { TelemetryWriter } from '../database/TelemetryWriter';

/** Runs after a batch is stored, with the identities it touched (findings, maturity). */
export type AfterIngest = (result: IngestResult) => Promise<void>;

/** An event Mandate did not count, and why (OTLP answers it as partial success). */
export interface RefusedEvent {
  id: string;
  reason: string;
}

export interface IngestOutcome extends IngestResult {
  refused: RefusedEvent[];
}

/** The one way telemetry enters Mandate: OTLP receiver, pull sources and the demo sample. */
export class TelemetryIngest {
  private readonly listeners: AfterIngest[] = [];

  constructor(
    private readonly options: {
      writer: TelemetryWriter;
      /** How long raw events are kept; rollups are kept for good. */
      rawRetention: Duration;
      /**
       * How long a counted span's key is kept. Older spans are refused: a retried delivery
       * of them could not be told from new calls and would be counted twice.
       */
      duplicateWindow: Duration;
      clock: () => Date;
      logger: LoggerService;
    },
  ) {}

  onIngested(listener: AfterIngest): void {
    this.listeners.push(listener);
  }

  /** Where the duplicate window starts at `now`: spans that started earlier are refused. */
  duplicateWindowStart(now: Date): Date {
    return new Date(now.getTime() - this.options.duplicateWindow.toMillis());
  }

  async ingest(
    batch: TelemetryBatch,
    origin: TelemetryOrigin,
  ): Promise<IngestOutcome> {
    const { writer, rawRetention, duplicateWindow, clock, logger } =
      this.options;
    const now = clock();
    const rawSince = new Date(now.getTime() - rawRetention.toMillis());
    const windowStart = this.duplicateWindowStart(now).toISOString();
    const counted: TelemetryEvent[] = [];
    const refused: RefusedEvent[] = [];
    for (const event of batch.events) {
      if (event.startedAt >= windowStart) {
        counted.push(event);
      } else {
        refused.push({
          id: event.id,
          reason: `started ${
            event.startedAt
          }, before the ${duplicateWindow.toISO()} duplicate window (agents.telemetry.duplicateWindow) that began ${windowStart}; Mandate cannot tell a retry of it from a new call, so it is not counted`,
        });
      }
    }
    if (refused.length > 0) {
      logger.warn(
        `Refused ${refused.length} event(s) from ${
          origin.sourceId
        } older than the duplicate window (agents.telemetry.duplicateWindow = ${duplicateWindow.toISO()})`,
      );
    }
    const result = await writer.ingest(
      { events: counted, grants: batch.grants },
      origin,
      { now, rawSince },
    );
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
    return { ...result, refused };
  }
}
