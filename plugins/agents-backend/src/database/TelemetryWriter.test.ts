import { TelemetryEvent } from '@mandate/plugin-agents-node';
import {
  TEST_NOW,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { telemetryFixture } from '../__testUtils__/telemetry';
import { sourceStatuses } from '../telemetry/sourceStatus';
import { migrateUp } from './migrate';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();
const origin = { sourceId: 'otlp', kind: 'otlp' } as const;

const toolCall = (id: string, startedAt: Date): TelemetryEvent => ({
  id,
  operation: 'execute_tool',
  agentIdentityId: 'spiffe://acme.example/agent/refund-assistant',
  tool: 'orders.lookup',
  startedAt: startedAt.toISOString(),
  durationMs: 12,
});

describe.each(databases.eachSupportedId())('TelemetryWriter on %p', dbId => {
  it("records a source's last data once a second at most, so that deliveries do not queue on its row", async () => {
    const knex = await databases.init(dbId);
    await migrateUp(knex);
    let now = TEST_NOW.toJSDate();
    const { db, ingest } = telemetryFixture(knex, () => now);
    const deliverAt = async (ms: number) => {
      now = TEST_NOW.plus({ milliseconds: ms }).toJSDate();
      await ingest.ingest(
        { events: [toolCall(`span-${ms}`, now)], grants: [] },
        origin,
      );
    };
    const lastDataAt = async () =>
      sourceStatuses(await db.telemetry.sources.all(), now, 3_600_000)[0]
        .lastDataAt;

    await deliverAt(0);
    expect(await lastDataAt()).toBe(TEST_NOW.toISO());
    await deliverAt(400);
    expect(await lastDataAt()).toBe(TEST_NOW.toISO());
    await deliverAt(1_200);
    expect(await lastDataAt()).toBe(
      TEST_NOW.plus({ milliseconds: 1_200 }).toISO(),
    );
    // Every delivery is counted, whether its arrival was recorded or not.
    const [{ n }] = await knex('telemetry_events').count({ n: '*' });
    expect(Number(n)).toBe(3);
  });
});
