import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@mandate/plugin-agents-backend',
  'migrations',
);

/** Brings the plugin's schema to the latest version. */
export async function migrateUp(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** Rolls the latest migration back (used by the migrations test). */
export async function migrateDownOne(knex: Knex): Promise<void> {
  await knex.migrate.down({ directory: migrationsDir });
}

/** Rolls every migration back (used by the migrations test). */
export async function migrateDownAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir }, true);
}
