/*
 * What the benchmarks share: a logger that keeps their output to their figures, and
 * throwaway PostgreSQL databases on the test server.
 */
import knexFactory from 'knex';
import { TelemetryIngest } from '../plugins/agents-backend/src/telemetry/TelemetryIngest';

type Logger = ConstructorParameters<typeof TelemetryIngest>[0]['logger'];

/** A logger that says nothing, or with `warnings` only warnings and errors. */
export function benchLogger(options: { warnings?: boolean } = {}): Logger {
  const quiet = () => {};
  const logger: Logger = {
    info: quiet,
    debug: quiet,
    warn: options.warnings ? console.warn : quiet,
    error: options.warnings ? console.error : quiet,
    child: () => logger,
  };
  return logger;
}

/**
 * The test server's connection string (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING),
 * or undefined after saying that the PostgreSQL part is skipped.
 */
export function postgresServer(): string | undefined {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    console.log(
      '\n(PostgreSQL skipped: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set)',
    );
  }
  return url;
}

/** Creates a database on `server`; its connection string, and how to drop it. */
export async function createDatabase(server: string, name: string) {
  const admin = knexFactory({ client: 'pg', connection: server });
  try {
    await admin.raw(`create database ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    connection: url.toString(),
    async drop() {
      const dropper = knexFactory({ client: 'pg', connection: server });
      try {
        await dropper.raw(`drop database if exists ${name}`);
      } finally {
        await dropper.destroy();
      }
    },
  };
}
