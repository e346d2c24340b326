import { LoggerService } from '@backstage/backend-plugin-api';
import { TelemetrySource } from '@mandate/plugin-agents-node';
import { Knex } from 'knex';
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
      knex: Knex;
      ingest: TelemetryIngest;
      logger: LoggerService;
      clock: () => Date;
    },
  ) {}

  async run(source: TelemetrySource, intervalMs: number): Promise<void> {
    const { knex, ingest, logger, clock } = this.options;
    const state = await knex('telemetry_sources')
      .where({ id: source.id })
      .first();
    const now = clock();
    if (state?.next_attempt_at && state.next_attempt_at > now.toISOString()) {
      return;
    }
    let cursor: string | undefined = state?.cursor ?? undefined;
    try {
      for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
        const result = await source.pull({ cursor });
        await ingest.ingest(
          { events: result.events, grants: result.grants },
          { sourceId: source.id, kind: 'pull' },
        );
        cursor = result.cursor ?? cursor;
        await this.record(source.id, {
          cursor: cursor ?? null,
          last_attempt_at: clock().toISOString(),
          last_success_at: clock().toISOString(),
          last_error: null,
          consecutive_failures: 0,
          next_attempt_at: null,
        });
        if (!result.hasMore) break;
      }
    } catch (error) {
      const failures = Number(state?.consecutive_failures ?? 0) + 1;
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
        last_attempt_at: clock().toISOString(),
        last_error: message,
        consecutive_failures: failures,
        next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
      });
    }
  }

  private async record(id: string, fields: Record<string, unknown>) {
    await this.options
      .knex('telemetry_sources')
      .insert({ id, kind: 'pull', ...fields })
      .onConflict('id')
      .merge(Object.keys(fields));
  }
}
