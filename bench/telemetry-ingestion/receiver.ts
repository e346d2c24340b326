/*
 * The receiver of the ingestion benchmark, in its own process as a backend is: Mandate's OTLP
 * router and ingestion over the database it is given (token check stubbed, no findings),
 * listening on loopback. Says where it listens; answers "usage" with its CPU time so far and
 * its peak RSS; exits on "stop".
 */
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { Duration } from 'luxon';
import { AgentsDatabase } from '../../plugins/agents-backend/src/database/AgentsDatabase';
import { TelemetryIngest } from '../../plugins/agents-backend/src/telemetry/TelemetryIngest';
import { DEFAULT_READER_THREADS } from '../../plugins/agents-backend/src/config';
import { SpanReaderPool } from '../../plugins/agents-backend/src/telemetry/otlp/SpanReaderPool';
import { createOtlpRouter } from '../../plugins/agents-backend/src/telemetry/otlp/otlpRouter';
import { benchLogger } from '../support';

async function main() {
  const config = JSON.parse(process.argv[2]) as Knex.Config;
  const knex = knexFactory(config);
  const db = await AgentsDatabase.create({ getClient: async () => knex });
  const ingest = new TelemetryIngest({
    writer: db.telemetry.writer,
    rawRetention: Duration.fromISO('P7D'),
    duplicateWindow: Duration.fromISO('P90D'),
    holdFor: Duration.fromISO('PT10M'),
    clock: () => new Date(),
    logger: benchLogger({ warnings: true }),
  });
  // The plugin's default reader threads, unless BENCH_READER_THREADS says otherwise.
  const readerThreads = Number(
    process.env.BENCH_READER_THREADS ?? DEFAULT_READER_THREADS,
  );
  const reader = new SpanReaderPool({
    threads: readerThreads,
    reading: { sourceId: 'otlp', modelOperations: [], rules: [] },
  });
  const httpAuth = { credentials: async () => ({}) } as any;
  const app = express().use(
    '/otlp',
    createOtlpRouter({
      httpAuth,
      ingest,
      reader,
      maxBodyBytes: 16 * 1024 * 1024,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  process.on('message', (message: { bench?: string }) => {
    if (message?.bench === 'usage') {
      const cpu = process.cpuUsage();
      process.send!({
        bench: 'usage',
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      });
    } else if (message?.bench === 'stop') {
      server.close();
      knex.destroy().then(() => process.exit(0));
    }
  });
  process.send!({
    bench: 'listening',
    readerThreads,
    url: `http://127.0.0.1:${port}/otlp/v1/traces`,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
