import { TelemetryEvent } from '@mandate/plugin-agents-node';
import {
  TEST_NOW,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { Duration } from 'luxon';
import { telemetryFixture } from '../__testUtils__/telemetry';
import { TelemetryIngest } from '../telemetry/TelemetryIngest';
import { migrateUp } from './migrate';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();
const REFUNDS = 'spiffe://acme.example/agent/refund-assistant';
const origin = { sourceId: 'gateway-http:main', kind: 'pull' } as const;

function toolCall(id: string, startedAt: Date): TelemetryEvent {
  return {
    id,
    operation: 'execute_tool',
    agentIdentityId: REFUNDS,
    tool: 'orders.lookup',
    startedAt: startedAt.toISOString(),
    durationMs: 12,
    decision: 'allow',
  };
}

describe.each(databases.eachSupportedId())('span claims on %p', dbId => {
  async function setup() {
    const knex = await databases.init(dbId);
    await migrateUp(knex);
    let now = TEST_NOW.toJSDate();
    const clock = () => now;
    const { db, ingest } = telemetryFixture(knex, clock);
    return {
      knex,
      db,
      ingest,
      later: (days: number) => {
        now = TEST_NOW.plus({ days }).toJSDate();
        return now;
      },
      counted: async (via: TelemetryIngest, ...events: TelemetryEvent[]) =>
        (await via.ingest({ events, grants: [] }, origin)).accepted,
    };
  }

  it('counts a span once while its raw event is kept, once it is pruned, and once raw retention is lengthened', async () => {
    const { knex, db, ingest, later, counted } = await setup();
    const span = toolCall(
      'trace-1:span-1',
      TEST_NOW.minus({ hours: 1 }).toJSDate(),
    );
    expect(await counted(ingest, span)).toBe(1);
    expect(await counted(ingest, span)).toBe(0);

    // Eight days on the span is older than the 7-day raw retention; its raw event is not
    // pruned yet, and still claims it.
    const now = later(8);
    expect(await counted(ingest, span)).toBe(0);

    // Pruned: the raw event goes, its key stays.
    await db.telemetry.writer.prune(new Date(now.getTime() - 7 * 86_400_000));
    expect(await knex('telemetry_events').pluck('id')).toEqual([]);
    expect(await counted(ingest, span)).toBe(0);

    // Raw retention lengthened to 30 days: the span is within it again, and still known.
    const { ingest: lengthened } = telemetryFixture(knex, () => now, {
      rawRetention: Duration.fromISO('P30D'),
    });
    expect(await counted(lengthened, span)).toBe(0);

    // A new span is counted, whichever way it is claimed.
    expect(await counted(lengthened, toolCall('trace-2:span-1', now))).toBe(1);
    expect(
      await counted(
        ingest,
        toolCall('trace-3:span-1', new Date(now.getTime() - 20 * 86_400_000)),
      ),
    ).toBe(1);
    const [{ calls }] = await knex('telemetry_rollups').sum({ calls: 'calls' });
    expect(Number(calls)).toBe(3);
  });
});
