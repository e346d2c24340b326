import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { EnforcementLayerProvider } from '@mandate/plugin-agents-node';
import { DateTime, DurationLike } from 'luxon';
import { migrateUp } from '../database/migrate';
import { GovernanceDatabase } from '../database/Stores';
import { Governance } from '../lifecycle/Governance';
import { Enforcement } from '../service/Enforcement';
import { GovernanceNotification, Notifier } from '../service/Notifier';
import { SECURITY_GROUP } from './entities';

/** A controllable clock. */
export class TestClock {
  constructor(private current: DateTime) {}
  now = () => this.current.toJSDate();
  set(iso: string) {
    this.current = DateTime.fromISO(iso, { zone: 'utc' });
  }
  advance(by: DurationLike) {
    this.current = this.current.plus(by);
  }
  iso() {
    return this.current.toUTC().toISO()!;
  }
}

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
    start?: string;
    zone?: string;
  } = {},
) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  const db = new GovernanceDatabase(knex);
  const clock = new TestClock(
    DateTime.fromISO(options.start ?? '2026-01-05T09:00:00Z', { zone: 'utc' }),
  );
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
