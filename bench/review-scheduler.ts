/*
 * The review scheduler over a large estate, on SQLite (a file) and PostgreSQL (when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set). Seeds BENCH_AGENTS agents
 * (default 10,000: 80 % active, reviewed quarterly, the last review 0-120 days ago) through
 * the agents store, then prints how long the scheduler's first pass takes (it opens the
 * reviews that came due and escalates the overdue ones) and, over BENCH_RUNS (default 5)
 * later passes where nothing new came due, the median and max of a steady-state pass.
 * Run: yarn bench:review-scheduler
 */
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Duration } from 'luxon';
import {
  AgentEntityV1alpha1,
  nextReviewDue,
} from '@mandate/plugin-agents-common';
import { AgentsDatabase } from '../plugins/agents-backend/src/database/AgentsDatabase';
import { migrateUp } from '../plugins/agents-backend/src/database/migrate';
import { newAgentRecord } from '../plugins/agents-backend/src/domain/agentRecord';
import { Enforcement } from '../plugins/agents-backend/src/enforcement/Enforcement';
import { Governance } from '../plugins/agents-backend/src/workflows/Governance';
import { Notifier } from '../plugins/agents-backend/src/workflows/Notifier';
import { ReviewScheduler } from '../plugins/agents-backend/src/workflows/ReviewScheduler';
import { benchLogger, createDatabase, postgresServer } from './support';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DAY = 86_400_000;
const SECURITY = 'group:default/security';
const silent = benchLogger();

/** Deterministic pseudo-random numbers: every run seeds the same estate. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function entity(i: number): AgentEntityV1alpha1 {
  const name = `agent-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'mandate.dev/v1alpha1',
    kind: 'Agent',
    metadata: { name, namespace: 'default', title: `Bench agent ${i}` },
    spec: {
      type: 'service-agent',
      lifecycle: 'production',
      owner: `group:default/team-${i % 50}`,
      sponsor: `user:default/sponsor-${i % 200}`,
      identity: { id: `spiffe://acme.example/agent/${name}` },
      model: {
        provider: 'anthropic',
        name: 'claude-opus-4-5',
        tier: 'frontier',
      },
      purpose: 'Benchmark agent.',
      dataClasses: ['customer-pii'],
      tools: [{ name: 'orders.lookup', access: 'read' }],
    },
  };
}

async function seed(db: AgentsDatabase, now: number) {
  const rnd = random(42);
  const iso = (ms: number) => new Date(ms).toISOString();
  await db.transaction(async s => {
    for (let i = 0; i < AGENTS; i++) {
      const created = now - (60 + rnd() * 400) * DAY;
      const agent = newAgentRecord(entity(i), iso(created), true);
      const lastReview = now - rnd() * 120 * DAY;
      const active = rnd() < 0.8;
      await s.agents.insert({
        ...agent,
        state: active ? 'active' : 'suspended',
        commissionedAt: iso(created),
        approvedVersion: 1,
        lastReviewCompletedAt: iso(lastReview),
        nextReviewDueAt: nextReviewDue(iso(lastReview), 'P3M', {
          zone: 'utc',
        }),
      });
    }
  });
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function bench(label: string, knex: Knex) {
  await migrateUp(knex);
  const db = new AgentsDatabase(knex);
  const now = Date.now();
  const started = performance.now();
  await seed(db, now);
  const seeded = performance.now();
  const notifier = new Notifier(undefined, silent);
  const clock = () => new Date();
  const scheduler = new ReviewScheduler({
    db,
    governance: new Governance({
      db,
      enforcement: new Enforcement([], silent),
      notifier,
      logger: silent,
      clock,
      securityGroupRef: SECURITY,
      reviewZone: 'utc',
    }),
    notifier,
    logger: silent,
    clock,
    securityGroupRef: SECURITY,
    policy: {
      openBefore: Duration.fromISO('P14D'),
      escalateAfter: Duration.fromISO('P7D'),
    },
  });
  const first = await scheduler.run();
  const firstMs = performance.now() - seeded;
  const steady: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    const counts = await scheduler.run();
    steady.push(performance.now() - t);
    if (counts.opened || counts.escalated) {
      throw new Error(`a steady-state pass changed something: ${counts}`);
    }
  }
  console.log(
    `${label}: seeded ${AGENTS} agents in ${ms(
      seeded - started,
    )}; first pass ${ms(firstMs)} (${first.opened} reviews opened, ${
      first.escalated
    } escalated); steady-state pass median ${ms(median(steady))}, max ${ms(
      Math.max(...steady),
    )} over ${RUNS} passes`,
  );
}

async function main() {
  console.log(
    `Review scheduler, ${AGENTS} agents; load average ${loadavg()
      .map(n => n.toFixed(2))
      .join(' ')}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'mandate-scheduler-bench-'));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'agents.sqlite') },
    useNullAsDefault: true,
  });
  await sqlite.raw('PRAGMA journal_mode = WAL');
  await sqlite.raw('PRAGMA synchronous = NORMAL');
  try {
    await bench('SQLite (file)', sqlite);
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }

  const server = postgresServer();
  if (!server) return;
  const database = await createDatabase(
    server,
    `mandate_scheduler_bench_${process.pid}`,
  );
  const knex = knexFactory({ client: 'pg', connection: database.connection });
  try {
    await bench('PostgreSQL 15', knex);
  } finally {
    await knex.destroy();
    await database.drop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
