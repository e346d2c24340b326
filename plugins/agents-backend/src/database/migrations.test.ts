import { migrateDownAll, migrateDownOne, migrateUp } from './migrate';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';

const databases = mandateTestDatabases();
const TABLES = [
  'agents',
  'approved_scopes',
  'requests',
  'reviews',
  'findings',
  'audit_events',
  'audit_head',
];

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('creates every table going up and removes them all going down, repeatably', async () => {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    for (const table of TABLES) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    expect(await knex('audit_head').first()).toMatchObject({
      id: 1,
      hash: '0'.repeat(64),
    });

    await migrateDownAll(knex);
    for (const table of TABLES) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }

    await migrateUp(knex);
    expect(await knex.schema.hasTable('agents')).toBe(true);
  });

  it('keeps the agent names that the raw events already stored reported', async () => {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    // Back to before telemetry_identity_names, however many migrations came after it.
    while (await knex.schema.hasTable('telemetry_identity_names')) {
      await migrateDownOne(knex);
    }
    await knex('telemetry_events').insert({
      id: 'trace-1:span-1',
      identity_key: 'spiffe://acme.example/agent/refund-assistant',
      agent_name: 'refund-assistant',
      operation: 'execute_tool',
      tool: 'orders.lookup',
      started_at: '2025-03-10T08:00:00.000Z',
      duration_ms: 12,
      source: 'otlp',
    });
    await migrateUp(knex);
    expect(await knex('telemetry_identity_names').select()).toEqual([
      {
        identity_key: 'spiffe://acme.example/agent/refund-assistant',
        agent_name: 'refund-assistant',
        last_seen_day: '2025-03-10',
      },
    ]);
  });
});
