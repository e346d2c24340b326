import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { Duration } from 'luxon';
import { TelemetryIngest } from '../telemetry/TelemetryIngest';
import { TelemetryStore } from '../telemetry/TelemetryStore';

/** The telemetry store and its ingestion path on a test database, with the default windows. */
export function telemetryFixture(
  knex: Knex,
  clock: () => Date,
  logger = mockServices.logger.mock(),
) {
  const store = new TelemetryStore(knex);
  const ingest = new TelemetryIngest({
    store,
    rawRetention: Duration.fromISO('P7D'),
    duplicateWindow: Duration.fromISO('P90D'),
    clock,
    logger,
  });
  return { store, ingest, logger };
}
