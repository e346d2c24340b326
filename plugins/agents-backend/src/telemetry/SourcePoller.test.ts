import { TelemetryPage, TelemetrySource } from '@mandate/plugin-agents-node';
import {
  TEST_NOW,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { telemetryFixture } from '../__testUtils__/telemetry';
import { migrateUp } from '../database/migrate';
import { SourcePoller } from './SourcePoller';
import { sourceStatuses } from './sourceStatus';

const databases = mandateTestDatabases();
const MINUTE = 60_000;

/** A gateway that answers with the pages it is given, or fails while `down` is set. */
class ScriptedSource implements TelemetrySource {
  readonly id = 'gateway-http:main';
  readonly cursors: (string | undefined)[] = [];
  down?: string;
  constructor(private readonly pages: Record<string, TelemetryPage>) {}
  async pull({ cursor }: { cursor?: string }) {
    this.cursors.push(cursor);
    if (this.down) throw new Error(this.down);
    return this.pages[cursor ?? 'start'] ?? { events: [], grants: [] };
  }
}

const event = (id: string) => ({
  id,
  operation: 'execute_tool' as const,
  agentIdentityId: 'spiffe://acme.example/agent/refund-assistant',
  tool: 'orders.lookup',
  startedAt: TEST_NOW.minus({ hours: 1 }).toISO()!,
  durationMs: 30,
});

describe.each(databases.eachSupportedId())('SourcePoller on %p', databaseId => {
  it('follows the cursor, backs off after failures and reports why the data is stale', async () => {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    let now = TEST_NOW.toJSDate();
    const clock = () => now;
    const { db, ingest, logger } = telemetryFixture(knex, clock);
    const poller = new SourcePoller({
      sources: db.telemetry.sources,
      ingest,
      logger,
      clock,
    });
    const statuses = async () =>
      sourceStatuses(await db.telemetry.sources.all(), now, 60 * MINUTE);
    const source = new ScriptedSource({
      start: { events: [event('a')], grants: [], cursor: 'c1', hasMore: true },
      c1: { events: [event('b')], grants: [], cursor: 'c2' },
    });

    await poller.run(source, MINUTE);
    expect(source.cursors).toEqual([undefined, 'c1']);
    expect((await knex('telemetry_events').pluck('id')).sort()).toEqual([
      'a',
      'b',
    ]);

    source.down = 'gateway main: GET /mandate/v1/telemetry answered 503';
    now = new Date(now.getTime() + MINUTE);
    await poller.run(source, MINUTE); // fails: next try in 1 minute
    await poller.run(source, MINUTE); // too early: not even tried
    expect(source.cursors).toEqual([undefined, 'c1', 'c2']);
    now = new Date(now.getTime() + MINUTE);
    await poller.run(source, MINUTE); // fails again: next try in 2 minutes

    const [status] = await statuses();
    expect(status).toMatchObject({
      id: 'gateway-http:main',
      stale: true,
      consecutiveFailures: 2,
      nextAttemptAt: new Date(now.getTime() + 2 * MINUTE).toISOString(),
      staleReason:
        'the last 2 pull(s) failed: gateway main: GET /mandate/v1/telemetry answered 503',
    });

    source.down = undefined;
    now = new Date(now.getTime() + 2 * MINUTE);
    await poller.run(source, MINUTE);
    expect(source.cursors.at(-1)).toBe('c2');
    const [recovered] = await statuses();
    expect(recovered).toMatchObject({ stale: false, consecutiveFailures: 0 });
  });
});
