/*
 * OTLP ingestion benchmark, on SQLite (file) and PostgreSQL (when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set), for two kinds of traffic:
 * a gateway's tool-call spans (each its own trace, naming its agent) and agent runs (an
 * invoke_agent root over a model call and two tool calls that name nothing, exported
 * children first, the roots a batch later, as a batch span processor does):
 *  1. decoding alone (protobuf and JSON → spans read and attributed in memory, the fastest of
 *     three passes): the ceiling;
 *  2. spans per second through the receiver's HTTP handler into the database, for OTLP
 *     protobuf and JSON (batches of 512 spans, 4 requests in flight from a collector in its
 *     own process, to the receiver in its own process as a backend is; token check stubbed;
 *     findings not run; after a warm-up of 10,240 spans in each format), with the share of the ceiling, the CPU the receiver and PostgreSQL
 *     used meanwhile, the pending-span buffer's peak and the receiver process's peak RSS;
 *  3. the rollup queries behind the Activity tab and the shadow-agent scan after
 *     BENCH_ROLLUP_SPANS (default 10,000,000) spans ingested over 90 days.
 * Run: yarn bench:ingestion   Sizes: BENCH_SPANS (per format and traffic, default 200,000),
 * BENCH_ROLLUP_SPANS, BENCH_AGENTS (default 500). The receiver reads bodies on the plugin's
 * default reader threads (agents.otlp.readerThreads), or BENCH_READER_THREADS; the ceiling
 * is one thread's. Parts: BENCH_ONLY, a comma-separated list of
 * sqlite, postgres, flat, nested, rollups (default: all).
 */
import knexFactory, { Knex } from 'knex';
import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Duration } from 'luxon';
import { TelemetryEvent } from '../plugins/agents-node/src';
import { TelemetryIngest } from '../plugins/agents-backend/src/telemetry/TelemetryIngest';
import { AgentsDatabase } from '../plugins/agents-backend/src/database/AgentsDatabase';
import { attributeSpans } from '../plugins/agents-backend/src/telemetry/attribution/attributeSpans';
import {
  OtlpFormat,
  readSpans,
} from '../plugins/agents-backend/src/telemetry/otlp/readSpans';
import { benchLogger, createDatabase, postgresServer } from './support';
import { AGENTS, Pattern, TOOLS, bodies } from './telemetry-ingestion/traffic';

const HTTP_SPANS = Number(process.env.BENCH_SPANS ?? 200_000);
const WARM_UP_SPANS = 20 * 512;
const ROLLUP_SPANS = Number(process.env.BENCH_ROLLUP_SPANS ?? 10_000_000);
const DAY = 86_400_000;
const ONLY = process.env.BENCH_ONLY?.split(',').map(part => part.trim());
/** Whether BENCH_ONLY leaves this part of the bench in (a database, a traffic, the rollups). */
const runs = (group: string[], part: string) =>
  !ONLY || !ONLY.some(p => group.includes(p)) || ONLY.includes(part);
const DATABASES = ['sqlite', 'postgres'];
const PARTS = ['flat', 'nested', 'rollups'];
const now = new Date();
const rate = (n: number) => Math.round(n).toLocaleString('en');
const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';

/**
 * Decoding, reading and attributing spans in memory, on one thread: the ceiling of the
 * HTTP path.
 */
function readAndAttribute(body: Buffer, format: OtlpFormat) {
  const { facts } = readSpans(body, format, {
    sourceId: 'otlp',
    modelOperations: [],
    rules: [],
  });
  attributeSpans(facts);
  return facts.length;
}

function decodeRate(pattern: Pattern, format: OtlpFormat): number {
  const requests = bodies({
    pattern,
    format,
    first: 1,
    total: HTTP_SPANS,
    now: now.getTime(),
  });
  for (const body of requests.slice(0, 20)) readAndAttribute(body, format); // warm up
  // The fastest of three passes: a ceiling, not one pass's luck with the collector.
  let fastest = 0;
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    let spans = 0;
    for (const body of requests) spans += readAndAttribute(body, format);
    fastest = Math.max(fastest, spans / ((performance.now() - start) / 1000));
  }
  return fastest;
}

/** The span buffer's peak while one run was sent, read from the database beside the receiver. */
class Watch {
  peakPending = 0;
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(private readonly knex: Knex) {
    this.timer = setInterval(() => this.sample(), 500);
  }

  private async sample() {
    if (this.checking) return;
    this.checking = true;
    this.peakPending = Math.max(this.peakPending, await this.pending());
    this.checking = false;
  }

  async pending(): Promise<number> {
    const [{ n }] = await this.knex('telemetry_trace_spans')
      .where({ pending: true })
      .count({ n: '*' });
    return Number(n);
  }

  stop() {
    clearInterval(this.timer);
  }
}

let nextSpan = 1;
/**
 * CPU seconds used so far by the PostgreSQL server's processes on this machine (from
 * /proc), so that the figures show which side of the connection the time went to.
 */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in ticks
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

interface Throughput {
  spansPerSecond: number;
  /** CPU seconds of the receiver's process and of PostgreSQL's, per second of the run. */
  receiverCpu: number;
  postgresCpu: number;
}

/** The next message of `child` that answers the bench (`{ bench: … }`). */
function reply<T extends { bench: string }>(child: ChildProcess): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const listen = (m: T) => {
      if (!m?.bench) return;
      child.off('message', listen);
      child.off('exit', exited);
      resolve(m);
    };
    const exited = (code: number | null) =>
      reject(new Error(`${child.spawnfile} exited with ${code}`));
    child.on('message', listen);
    child.once('exit', exited);
  });
}

const forkTs = (file: string, options: object) =>
  fork(
    join(__dirname, 'telemetry-ingestion', file),
    [JSON.stringify(options)],
    {
      execArgv: ['--require', '@backstage/cli/config/nodeTransform.cjs'],
    },
  );

interface Usage {
  bench: 'usage';
  cpuSeconds: number;
  peakRssBytes: number;
}

/** Mandate's receiver in a process of its own, over the database `config` names. */
async function startReceiver(config: Knex.Config) {
  const child = forkTs('receiver.ts', config);
  const { url, readerThreads } = await reply<{
    bench: string;
    url: string;
    readerThreads: number;
  }>(child);
  return {
    url,
    readerThreads,
    async usage(): Promise<Usage> {
      const answer = reply<Usage>(child);
      child.send({ bench: 'usage' });
      return answer;
    },
    async stop() {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.send({ bench: 'stop' });
      await exited;
    },
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Posts BENCH_SPANS spans from a collector process; spans per second, timed from "go". */
async function httpRate(
  receiver: Receiver,
  pattern: Pattern,
  format: 'json' | 'protobuf',
  total = HTTP_SPANS,
): Promise<Throughput> {
  const first = nextSpan;
  nextSpan += total + 4;
  const sender = forkTs('sender.ts', {
    url: receiver.url,
    pattern,
    format,
    first,
    total,
    now: now.getTime(),
  });
  await reply(sender); // ready
  const before = await receiver.usage();
  const postgresCpu = postgresCpuSeconds();
  const start = performance.now();
  const done = reply(sender);
  sender.send({ bench: 'go' });
  const { bench: outcome } = await done;
  if (outcome !== 'done') throw new Error(`sending failed: ${outcome}`);
  const seconds = (performance.now() - start) / 1000;
  const after = await receiver.usage();
  return {
    spansPerSecond: total / seconds,
    receiverCpu: (after.cpuSeconds - before.cpuSeconds) / seconds,
    postgresCpu: (postgresCpuSeconds() - postgresCpu) / seconds,
  };
}

async function traffic(
  config: Knex.Config,
  knex: Knex,
  pattern: Pattern,
  label: string,
) {
  console.log(`  ${label}`);
  const ceiling = {
    protobuf: decodeRate(pattern, 'protobuf'),
    json: decodeRate(pattern, 'json'),
  };
  console.log(
    `    decoding alone: protobuf ${rate(
      ceiling.protobuf,
    )} spans/s, JSON ${rate(ceiling.json)} spans/s`,
  );
  const receiver = await startReceiver(config);
  // A backend that has been running: code compiled, threads and connections started.
  for (const format of ['protobuf', 'json'] as const) {
    await httpRate(receiver, pattern, format, WARM_UP_SPANS);
  }
  const watch = new Watch(knex);
  const through = {
    protobuf: await httpRate(receiver, pattern, 'protobuf'),
    json: await httpRate(receiver, pattern, 'json'),
  };
  watch.stop();
  const { peakRssBytes } = await receiver.usage();
  await receiver.stop();
  const share = (f: 'json' | 'protobuf') =>
    `${Math.round((100 * through[f].spansPerSecond) / ceiling[f])} %`;
  console.log(
    `    through the receiver into the database: protobuf ${rate(
      through.protobuf.spansPerSecond,
    )} spans/s (${share('protobuf')} of decoding), JSON ${rate(
      through.json.spansPerSecond,
    )} spans/s (${share('json')}) — ${HTTP_SPANS.toLocaleString(
      'en',
    )} spans each, ${receiver.readerThreads} reader thread(s)`,
  );
  const cores = (t: Throughput) =>
    `receiver ${t.receiverCpu.toFixed(2)}${
      isPostgres(knex) ? `, PostgreSQL ${t.postgresCpu.toFixed(2)}` : ''
    }`;
  console.log(
    `    CPU cores busy meanwhile: protobuf ${cores(
      through.protobuf,
    )}; JSON ${cores(through.json)} (of ${availableParallelism()})`,
  );
  console.log(
    `    pending-span buffer: peak ${watch.peakPending.toLocaleString(
      'en',
    )} spans, ${await watch.pending()} left after; receiver process peak RSS ${Math.round(
      peakRssBytes / 2 ** 20,
    )} MiB`,
  );
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
    holdFor: Duration.fromISO('PT10M'),
    clock: () => now,
    logger: benchLogger({ warnings: true }),
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

/** A database to bench on, and how to be rid of it after. */
interface BenchDatabase {
  config: Knex.Config;
  drop(): Promise<void>;
}

/** Runs `work` over a new database from `open`, with a connection beside the receiver's. */
async function onNewDatabase(
  open: () => Promise<BenchDatabase>,
  work: (config: Knex.Config, knex: Knex) => Promise<void>,
) {
  const database = await open();
  const knex = knexFactory(database.config);
  try {
    await work(database.config, knex);
  } finally {
    await knex.destroy();
    await database.drop();
  }
}

async function bench(name: string, open: () => Promise<BenchDatabase>) {
  console.log(`\n== ${name}`);
  await onNewDatabase(open, async (config, knex) => {
    if (runs(PARTS, 'flat')) {
      await traffic(
        config,
        knex,
        'flat',
        "a gateway's tool calls (each its own trace):",
      );
    }
    if (runs(PARTS, 'nested')) {
      await traffic(
        config,
        knex,
        'nested',
        'agent runs (invoke_agent > model call + 2 tool calls, children a batch before their root):',
      );
    }
  });
  if (runs(PARTS, 'rollups')) {
    await onNewDatabase(open, (_, knex) => rollupQueries(knex));
  }
}

async function main() {
  if (runs(DATABASES, 'sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'mandate-ingest-'));
    let file = 0;
    try {
      await bench('SQLite (file)', async () => ({
        config: {
          client: 'better-sqlite3',
          connection: { filename: join(dir, `bench-${++file}.sqlite`) },
          useNullAsDefault: true,
        },
        drop: async () => {},
      }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!runs(DATABASES, 'postgres')) return;
  const server = postgresServer();
  if (!server) return;
  let db = 0;
  await bench('PostgreSQL 15', async () => {
    const database = await createDatabase(
      server,
      `mandate_ingest_${process.pid}_${++db}`,
    );
    return {
      config: {
        client: 'pg',
        connection: database.connection,
        pool: { min: 1, max: 8 },
      },
      drop: database.drop,
    };
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
