import { migrateDownAll, migrateUp } from './migrate';
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
});
