import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases Mandate's tests run on: SQLite always, and PostgreSQL 15 when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set (`./mandate test` and CI
 * start one; MANDATE_REQUIRE_POSTGRES makes its absence an error). Call at the top of a
 * test file.
 * @public
 */
export function mandateTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });
  if (
    process.env.MANDATE_REQUIRE_POSTGRES &&
    !databases.supports('POSTGRES_15')
  ) {
    throw new Error(
      'MANDATE_REQUIRE_POSTGRES is set but no PostgreSQL 15 is configured',
    );
  }
  return databases;
}
