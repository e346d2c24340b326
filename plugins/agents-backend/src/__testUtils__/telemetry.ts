import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { Duration } from 'luxon';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { TelemetryWriter } from '../database/TelemetryWriter';
import { TelemetryIngest } from '../telemetry/TelemetryIngest';

/**
 * The data layer and the ingestion path on a test database, with the default windows
 * (and the plugin's writer unless the test brings its own).
 */
export function telemetryFixture(
  knex: Knex,
  clock: () => Date,
  options: { rawRetention?: Duration; writer?: TelemetryWriter } = {},
) {
  const logger = mockServices.logger.mock();
  const db = new AgentsDatabase(knex);
  const ingest = new TelemetryIngest({
    writer: options.writer ?? db.telemetry.writer,
    rawRetention: options.rawRetention ?? Duration.fromISO('P7D'),
    duplicateWindow: Duration.fromISO('P90D'),
    holdFor: Duration.fromISO('PT10M'),
    clock,
    logger,
  });
  return { db, ingest, logger };
}
