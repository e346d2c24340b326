import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { EnforcementLayerProvider } from '@mandate/plugin-agents-node';
import { TestClock } from '@mandate/plugin-agents-node/testUtils';
import { migrateUp } from '../database/migrate';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { Governance } from '../workflows/Governance';
import { Enforcement } from '../enforcement/Enforcement';
import { GovernanceNotification, Notifier } from '../workflows/Notifier';
import { SECURITY_GROUP } from './entities';

/** When the workflows' clock starts unless a test says otherwise. */
export const FIXTURE_START = '2026-01-05T09:00:00Z';

/** Records notifications instead of sending them. */
export class RecordingNotifier extends Notifier {
  readonly sent: Array<{ to: string[]; notification: GovernanceNotification }> =
    [];
  constructor() {
    super(undefined, mockServices.logger.mock());
  }
  async send(to: string[], notification: GovernanceNotification) {
    this.sent.push({ to, notification });
  }
}

/** The workflows on a real, migrated database with a test clock. */
export async function governanceFixture(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: {
    providers?: EnforcementLayerProvider[];
    /** The workflows' clock; by default one set to `start`. */
    clock?: TestClock;
    start?: string;
    zone?: string;
  } = {},
) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  const db = new AgentsDatabase(knex);
  const clock = options.clock ?? new TestClock(options.start ?? FIXTURE_START);
  const notifier = new RecordingNotifier();
  const logger = mockServices.logger.mock();
  const enforcement = new Enforcement(options.providers ?? [], logger);
  const governance = new Governance({
    db,
    enforcement,
    notifier,
    logger,
    clock: clock.now,
    securityGroupRef: SECURITY_GROUP,
    reviewZone: options.zone ?? 'utc',
  });
  return { knex, db, clock, notifier, logger, enforcement, governance };
}
