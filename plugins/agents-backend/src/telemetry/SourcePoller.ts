import { LoggerService } from '@backstage/backend-plugin-api';
import { TelemetrySource } from '@mandate/plugin-agents-node';
import {
  PullRecord,
  TelemetrySourcesStore,
} from '../database/TelemetrySourcesStore';
import { TelemetryIngest } from './TelemetryIngest';

/** Pages pulled in one run at most; the rest waits for the next run. */
const MAX_PAGES_PER_RUN = 20;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * Pulls a telemetry source: continues from the stored cursor, ingests each page, and after a
 * failure waits twice as long each time (up to an hour) before trying again. The failure and
 * its message stay on record for the staleness report.
 */
export class SourcePoller {
  constructor(
    private readonly options: {
      sources: TelemetrySourcesStore;
      ingest: TelemetryIngest;
      logger: LoggerService;
      clock: () => Date;
    },
  ) {}

  async run(source: TelemetrySource, intervalMs: number): Promise<void> {
    const { sources, ingest, logger, clock } = this.options;
    const state = await sources.get(source.id);
    const now = clock();
    if (state?.nextAttemptAt && state.nextAttemptAt > now.toISOString()) {
      return;
    }
    let cursor = state?.cursor;
    try {
      for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
        const result = await source.pull({ cursor });
        await ingest.ingest(
          { events: result.events, grants: result.grants },
          { sourceId: source.id, kind: 'pull' },
        );
        cursor = result.cursor ?? cursor;
        await this.record(source.id, {
          cursor,
          lastAttemptAt: clock().toISOString(),
          lastSuccessAt: clock().toISOString(),
          lastError: undefined,
          consecutiveFailures: 0,
          nextAttemptAt: undefined,
        });
        if (!result.hasMore) break;
      }
    } catch (error) {
      const failures = (state?.consecutiveFailures ?? 0) + 1;
      const wait = Math.min(intervalMs * 2 ** (failures - 1), MAX_BACKOFF_MS);
      const message = error instanceof Error ? error.message : String(error);
      logger.warn(
        `Telemetry source ${
          source.id
        } failed (${failures} in a row); next try in ${Math.round(
          wait / 1000,
        )}s: ${message}`,
      );
      await this.record(source.id, {
        lastAttemptAt: clock().toISOString(),
        lastError: message,
        consecutiveFailures: failures,
        nextAttemptAt: new Date(clock().getTime() + wait).toISOString(),
      });
    }
  }

  private async record(id: string, pull: PullRecord) {
    await this.options.sources.recordPull(id, pull);
  }
}
