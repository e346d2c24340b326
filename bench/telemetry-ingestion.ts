/*
 * OTLP ingestion benchmark, on SQLite (file) and PostgreSQL (when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set):
 *  1. decoding alone (protobuf and JSON → telemetry events): the ceiling;
 *  2. spans per second through the receiver's HTTP handler into the database, for OTLP
 *     protobuf and JSON (batches of 512 spans, as the SDK's batch processor sends them;
 *     4 requests in flight from a worker thread; token check stubbed; findings run after,
 *     not measured);
 *  3. the rollup queries behind the Activity tab and the shadow-agent scan after
 *     BENCH_ROLLUP_SPANS (default 10,000,000) spans ingested over 90 days.
 * Run: yarn bench:ingestion   Sizes: BENCH_SPANS (HTTP phase, default 200,000),
 * BENCH_ROLLUP_SPANS, BENCH_AGENTS (default 500).
 */
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Duration } from 'luxon';
import { TelemetryEvent } from '../plugins/agents-node/src';
import { TelemetryIngest } from '../plugins/agents-backend/src/telemetry/TelemetryIngest';
import { AgentsDatabase } from '../plugins/agents-backend/src/database/AgentsDatabase';
import {
  OtlpSpan,
  decodeJsonTraces,
  decodeProtobufTraces,
} from '../plugins/agents-backend/src/telemetry/otlp/decodeTraces';
import { ExportTraceServiceRequest } from '../plugins/agents-backend/src/telemetry/otlp/proto';
import { createOtlpRouter } from '../plugins/agents-backend/src/telemetry/otlp/otlpRouter';
import { attributeSpans } from '../plugins/agents-backend/src/telemetry/attribution/attributeSpans';
import {
  classifySpan,
  MODEL_OPERATIONS,
} from '../plugins/agents-backend/src/telemetry/otlp/classifySpan';

const HTTP_SPANS = Number(process.env.BENCH_SPANS ?? 200_000);
const ROLLUP_SPANS = Number(process.env.BENCH_ROLLUP_SPANS ?? 10_000_000);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 500);
const TOOLS = 10;
const BATCH = 512;
const IN_FLIGHT = 4;
const DAY = 86_400_000;
const now = new Date();
const logger = {
  info() {},
  warn: console.warn,
  error: console.error,
  debug() {},
  child() {
    return logger;
  },
} as any;

let spanCounter = 0;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** One OTLP/JSON request of `count` tool-call spans from random agents, today. */
function jsonRequest(count: number) {
  const spans = Array.from({ length: count }, () => {
    spanCounter += 1;
    const agent = spanCounter % AGENTS;
    const start = now.getTime() - (spanCounter % 3_600_000);
    const attr = (key: string, value: string | number) => ({
      key,
      value:
        typeof value === 'number'
          ? { intValue: String(value) }
          : { stringValue: value },
    });
    return {
      traceId: hex(spanCounter, 32),
      spanId: hex(spanCounter, 16),
      name: 'execute_tool',
      kind: 3,
      startTimeUnixNano: `${start}000000`,
      endTimeUnixNano: `${start + 35}000000`,
      attributes: [
        attr('gen_ai.operation.name', 'execute_tool'),
        attr('gen_ai.agent.id', `spiffe://bench.example/agent/${agent}`),
        attr('gen_ai.agent.name', `agent-${agent}`),
        attr('gen_ai.tool.name', `tool.${spanCounter % TOOLS}`),
        attr('mcp.method.name', 'tools/call'),
        attr(
          'mandate.policy.decision',
          spanCounter % 50 === 0 ? 'deny' : 'allow',
        ),
        attr('mandate.policy.rule_id', 'bench-rule'),
        attr('gen_ai.usage.input_tokens', 200 + (spanCounter % 300)),
      ],
      status: {},
    };
  });
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'bench-gateway' } },
          ],
        },
        scopeSpans: [{ scope: { name: 'bench' }, spans }],
      },
    ],
  };
}

/** The same request in protobuf encoding (ids as bytes, times as fixed64). */
function toProtobuf(request: ReturnType<typeof jsonRequest>): Buffer {
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: request.resourceSpans.map(rs => ({
      resource: rs.resource,
      scopeSpans: rs.scopeSpans.map(ss => ({
        scope: ss.scope,
        spans: ss.spans.map(s => ({
          ...s,
          traceId: Buffer.from(s.traceId, 'hex'),
          spanId: Buffer.from(s.spanId, 'hex'),
        })),
      })),
    })),
  });
  return Buffer.from(ExportTraceServiceRequest.encode(message).finish());
}

function payloads(total: number) {
  const json: Buffer[] = [];
  const protobuf: Buffer[] = [];
  for (let done = 0; done < total; done += BATCH) {
    const request = jsonRequest(Math.min(BATCH, total - done));
    json.push(Buffer.from(JSON.stringify(request)));
    protobuf.push(toProtobuf(request));
  }
  return { json, protobuf };
}

/** Decoding, reading and attributing spans in memory: the ceiling of the HTTP path. */
function readSpans(body: Buffer, decode: (b: Buffer) => OtlpSpan[]) {
  const facts = decode(body).map(span =>
    classifySpan(span, { modelOperations: MODEL_OPERATIONS }),
  );
  return attributeSpans(facts).events.length;
}

function decodeRate(
  bodies: Buffer[],
  decode: (b: Buffer) => OtlpSpan[],
): number {
  for (const body of bodies.slice(0, 20)) readSpans(body, decode); // warm up
  const start = performance.now();
  let spans = 0;
  for (const body of bodies) spans += readSpans(body, decode);
  return spans / ((performance.now() - start) / 1000);
}

async function serve(knex: Knex) {
  const db = await AgentsDatabase.create({ getClient: async () => knex });
  const ingest = new TelemetryIngest({
    writer: db.telemetry.writer,
    rawRetention: Duration.fromISO('P7D'),
    duplicateWindow: Duration.fromISO('P90D'),
    attribution: {
      holdFor: Duration.fromISO('PT10M'),
      modelOperations: [],
      rules: [],
    },
    clock: () => new Date(),
    logger,
  });
  const httpAuth = { credentials: async () => ({}) } as any;
  const app = express().use(
    '/otlp',
    createOtlpRouter({
      httpAuth,
      ingest,
      maxBodyBytes: 16 * 1024 * 1024,
      holdFor: 'PT10M',
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const url = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/otlp/v1/traces`;
  return { url, close: () => server.close() };
}

/**
 * Posts the bodies from a worker thread, IN_FLIGHT at a time, as a collector would from its
 * own process: the receiver's thread does the receiver's work only.
 */
const SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, contentType, inFlight } = workerData;
let next = 0;
const worker = async () => {
  while (next < bodies.length) {
    const body = bodies[next++];
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    if (res.status !== 200) throw new Error(res.status + ' ' + (await res.text()));
    await res.arrayBuffer();
  }
};
Promise.all(Array.from({ length: inFlight }, worker)).then(
  () => parentPort.postMessage('done'),
  error => parentPort.postMessage(String(error)),
);
`;

async function httpRate(
  url: string,
  bodies: Buffer[],
  contentType: string,
): Promise<number> {
  const start = performance.now();
  const outcome = await new Promise(resolve => {
    const sender = new Worker(SENDER, {
      eval: true,
      workerData: { url, bodies, contentType, inFlight: IN_FLIGHT },
    });
    sender.once('message', message => {
      sender.terminate();
      resolve(message);
    });
  });
  if (outcome !== 'done') throw new Error(`sending failed: ${outcome}`);
  return (bodies.length * BATCH) / ((performance.now() - start) / 1000);
}

function events(from: number, count: number): TelemetryEvent[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const day = Math.floor((i / ROLLUP_SPANS) * 90);
    return {
      id: `r-${i}`,
      operation: 'execute_tool',
      agentIdentityId: `spiffe://bench.example/agent/${(i * 7919) % AGENTS}`,
      tool: `tool.${i % TOOLS}`,
      startedAt: new Date(
        now.getTime() - (89 - day) * DAY - (i % 3600) * 1000,
      ).toISOString(),
      durationMs: 5 + (i % 400),
      decision: i % 50 === 0 ? 'deny' : 'allow',
      inputTokens: 200,
      outputTokens: 50,
      costUsd: 0.001,
    };
  });
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${at(0.5).toFixed(2)} / p95 ${at(0.95).toFixed(2)} ms`;
}

async function rollupQueries(knex: Knex) {
  const db = await AgentsDatabase.create({ getClient: async () => knex });
  const store = db.telemetry.reader;
  const ingest = new TelemetryIngest({
    writer: db.telemetry.writer,
    // Raw events are kept for a day here: the 10 million spans live on as rollups.
    rawRetention: Duration.fromISO('P1D'),
    duplicateWindow: Duration.fromISO('P90D'),
    attribution: {
      holdFor: Duration.fromISO('PT10M'),
      modelOperations: [],
      rules: [],
    },
    clock: () => now,
    logger,
  });
  const chunk = 20_000;
  const start = performance.now();
  for (let done = 0; done < ROLLUP_SPANS; done += chunk) {
    await ingest.ingest(
      {
        events: events(done, Math.min(chunk, ROLLUP_SPANS - done)),
        grants: [],
      },
      { sourceId: 'bench', kind: 'pull' },
    );
  }
  const seconds = (performance.now() - start) / 1000;
  const [{ n: rollups }] = await knex('telemetry_rollups').count({ n: '*' });
  console.log(
    `  ingested ${ROLLUP_SPANS.toLocaleString(
      'en',
    )} spans (store only) in ${seconds.toFixed(1)} s = ${Math.round(
      ROLLUP_SPANS / seconds,
    ).toLocaleString('en')} spans/s; ${Number(rollups).toLocaleString(
      'en',
    )} rollup rows`,
  );
  const from = new Date(now.getTime() - 30 * DAY);
  const activity: number[] = [];
  const shadow: number[] = [];
  for (let run = 0; run < 50; run++) {
    const keys = [
      `spiffe://bench.example/agent/${(run * 37) % AGENTS}`,
      `name:agent-${run}`,
    ];
    let t = performance.now();
    await Promise.all([
      store.daily(keys, from, now),
      store.toolActivity(keys, from, now),
      store.models(keys, from, now),
    ]);
    activity.push(performance.now() - t);
    if (run < 10) {
      t = performance.now();
      await store.identitiesSince(from);
      shadow.push(performance.now() - t);
    }
  }
  console.log(
    `  one agent's 30-day activity (daily + per tool + models): ${percentiles(
      activity,
    )}`,
  );
  console.log(
    `  estate-wide identities seen in 30 days (shadow-agent scan): ${percentiles(
      shadow,
    )}`,
  );
}

async function bench(
  name: string,
  connect: () => Promise<Knex>,
  cleanup: () => void,
) {
  console.log(`\n== ${name}`);
  let knex = await connect();
  const { json, protobuf } = payloads(HTTP_SPANS);
  console.log(
    `  decoding alone: protobuf ${Math.round(
      decodeRate(protobuf, decodeProtobufTraces),
    ).toLocaleString('en')} spans/s, JSON ${Math.round(
      decodeRate(json, decodeJsonTraces),
    ).toLocaleString('en')} spans/s`,
  );
  const server = await serve(knex);
  const proto = await httpRate(server.url, protobuf, 'application/x-protobuf');
  // fresh ids for the JSON run, so nothing is skipped as a duplicate
  const second = payloads(HTTP_SPANS);
  const jsonRate = await httpRate(server.url, second.json, 'application/json');
  server.close();
  console.log(
    `  through the receiver into the database: protobuf ${Math.round(
      proto,
    ).toLocaleString('en')} spans/s, JSON ${Math.round(jsonRate).toLocaleString(
      'en',
    )} spans/s (${HTTP_SPANS.toLocaleString(
      'en',
    )} spans each, batches of ${BATCH}, ${IN_FLIGHT} in flight)`,
  );
  await knex.destroy();
  cleanup();
  knex = await connect();
  await rollupQueries(knex);
  await knex.destroy();
  cleanup();
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-ingest-'));
  let file = 0;
  await bench(
    'SQLite (file)',
    async () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(dir, `bench-${++file}.sqlite`) },
        useNullAsDefault: true,
      }),
    () => {},
  );
  rmSync(dir, { recursive: true, force: true });

  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pg) {
    console.log(
      '\n(PostgreSQL skipped: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set)',
    );
    return;
  }
  let db = 0;
  let current = '';
  await bench(
    'PostgreSQL 15',
    async () => {
      current = `mandate_ingest_${process.pid}_${++db}`;
      const admin = knexFactory({ client: 'pg', connection: pg });
      await admin.raw(`create database ${current}`);
      await admin.destroy();
      return knexFactory({
        client: 'pg',
        connection: `${pg}/${current}`,
        pool: { min: 1, max: 8 },
      });
    },
    () => {},
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
