/*
 * Loads 10,000 agents and 1,000,000 audit events into SQLite and PostgreSQL and prints
 * p50/p95 latency of the agent list (first page, filtered by owner, filtered by overdue)
 * and of one agent's detail, as the API computes them (database and assembly, without
 * HTTP). Run: yarn bench:governance   (PostgreSQL when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set; ./mandate test starts one)
 * Sizes: BENCH_AGENTS, BENCH_AUDIT_EVENTS.
 */
import knexFactory, { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditRecordHash } from '@mandate/plugin-agents-common';
import { migrateUp } from '../plugins/agents-backend/src/database/migrate';
import { AgentsDatabase } from '../plugins/agents-backend/src/database/AgentsDatabase';
import { agentDetail } from '../plugins/agents-backend/src/views/agentDetail';
import { Enforcement } from '../plugins/agents-backend/src/enforcement/Enforcement';
import { benchLogger, createDatabase, postgresServer } from './support';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 10_000);
const AUDIT_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const TEAMS = 50;
const RUNS = 200;
const DAY = 86_400_000;
const now = new Date();
const iso = (ms: number) => new Date(ms).toISOString();

/** Deterministic pseudo-random numbers, so both databases get the same estate. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function agentRows() {
  const rnd = random(42);
  const tools = [
    { name: 'orders.lookup', access: 'read', dataClasses: ['customer-pii'] },
    { name: 'refunds.issue', access: 'write', approval: 'human' },
    { name: 'tickets.delete', access: 'destructive', approval: 'human' },
  ];
  const scope = JSON.stringify({ dataClasses: ['customer-pii'], tools });
  return Array.from({ length: AGENTS }, (_, i) => {
    const name = `agent-${String(i).padStart(5, '0')}`;
    const roll = rnd();
    const state =
      roll < 0.8
        ? 'active'
        : roll < 0.88
        ? 'proposed'
        : roll < 0.93
        ? 'suspended'
        : roll < 0.98
        ? 'retired'
        : 'decommissioning';
    const active = state === 'active';
    const commissioned = now.getTime() - (60 + rnd() * 400) * DAY;
    return {
      entity_ref: `agent:default/${name}`,
      namespace: 'default',
      name,
      title: `Agent ${i}`,
      owner_ref: `group:default/team-${String(i % TEAMS).padStart(2, '0')}`,
      declared_owner_ref: `group:default/team-${String(i % TEAMS).padStart(
        2,
        '0',
      )}`,
      sponsor_ref: `user:default/sponsor-${i % 200}`,
      identity_id: `spiffe://acme.example/agent/${name}`,
      model_tier: ['frontier', 'standard', 'small'][i % 3],
      highest_access: 'destructive',
      data_classes: '["customer-pii"]',
      review_cadence: 'P3M',
      declared_scope: scope,
      state,
      in_catalog: true,
      commissioned_at: state === 'proposed' ? null : iso(commissioned),
      state_changed_at: iso(commissioned),
      last_review_completed_at: active
        ? iso(now.getTime() - rnd() * 80 * DAY)
        : null,
      next_review_due_at: active
        ? iso(now.getTime() + (rnd() * 150 - 30) * DAY)
        : null,
      approved_version: state === 'proposed' ? 0 : 1,
      created_at: iso(commissioned),
      updated_at: iso(commissioned),
    };
  });
}

async function load(knex: Knex) {
  const agents = agentRows();
  const chunk = 500;
  await knex.batchInsert('agents', agents, chunk);
  const scopes = agents
    .filter(a => a.approved_version === 1)
    .map(a => ({
      agent_ref: a.entity_ref,
      version: 1,
      scope: a.declared_scope,
      approved_at: a.commissioned_at,
      approved_by: 'user:default/nina.kowalski',
    }));
  await knex.batchInsert('approved_scopes', scopes, chunk);
  const requests = agents.map((a, i) => ({
    id: randomUUID(),
    agent_ref: a.entity_ref,
    type: 'commission',
    status: a.state === 'proposed' ? 'pending' : 'applied',
    requester_ref: `user:default/sponsor-${i % 200}`,
    assignee_ref: 'group:default/security',
    reason: 'Launch',
    payload: '{}',
    created_at: a.created_at,
  }));
  await knex.batchInsert('requests', requests, chunk);
  const reviews = agents
    .filter(
      a =>
        a.next_review_due_at &&
        a.next_review_due_at < iso(now.getTime() + 14 * DAY),
    )
    .map(a => ({
      id: randomUUID(),
      agent_ref: a.entity_ref,
      status: 'open',
      due_at: a.next_review_due_at!,
      opened_at: iso(now.getTime() - DAY),
      period_start: a.commissioned_at!,
      period_end: a.next_review_due_at!,
      escalation_level: 1,
    }));
  await knex.batchInsert('reviews', reviews, chunk);
  const findings = agents
    .filter((_, i) => i % 3 === 0)
    .map(a => ({
      id: randomUUID(),
      fingerprint: `bench:${a.entity_ref}`,
      agent_ref: a.entity_ref,
      subject: a.entity_ref,
      type: 'review-overdue',
      severity: 'medium',
      status: 'open',
      message: 'bench',
      first_seen_at: iso(now.getTime()),
      last_seen_at: iso(now.getTime()),
      evidence: '{}',
    }));
  await knex.batchInsert('findings', findings, chunk);

  let prev = '0'.repeat(64);
  let batch: any[] = [];
  for (let seq = 1; seq <= AUDIT_EVENTS; seq++) {
    const record = {
      seq,
      id: randomUUID(),
      agentRef: agents[seq % AGENTS].entity_ref,
      actorRef: 'user:default/dana.lee',
      action: 'bench.event',
      occurredAt: iso(now.getTime() - (AUDIT_EVENTS - seq) * 1000),
      data: { n: seq },
      prevHash: prev,
      hashVersion: 2,
    };
    const hash = await auditRecordHash(record);
    batch.push({
      seq,
      id: record.id,
      agent_ref: record.agentRef,
      actor_ref: record.actorRef,
      action: record.action,
      occurred_at: record.occurredAt,
      data: `{"n":${seq}}`,
      prev_hash: prev,
      hash,
      hash_version: 2,
    });
    prev = hash;
    if (batch.length === 5000) {
      await knex.batchInsert('audit_events', batch, chunk);
      batch = [];
    }
  }
  if (batch.length) await knex.batchInsert('audit_events', batch, chunk);
  await knex('audit_head')
    .where({ id: 1 })
    .update({ seq: AUDIT_EVENTS, hash: prev });
  return agents;
}

async function measure(label: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  console.log(
    `  ${label.padEnd(34)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(
      0.95,
    ).padStart(7)} ms`,
  );
}

async function bench(name: string, knex: Knex) {
  console.log(
    `\n${name}: loading ${AGENTS} agents and ${AUDIT_EVENTS} audit events...`,
  );
  const loadStart = performance.now();
  await migrateUp(knex);
  const agents = await load(knex);
  if (knex.client.config.client === 'pg') await knex.raw('ANALYZE');
  console.log(
    `  loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
  );
  const db = new AgentsDatabase(knex);
  const enforcement = new Enforcement([], benchLogger());
  const base = {
    orderBy: 'name' as const,
    order: 'asc' as const,
    limit: 50,
    offset: 0,
  };
  await measure('list, first page', () => db.estate.list(base, now));
  await measure('list, filtered by owner', i =>
    db.estate.list(
      {
        ...base,
        owner: `group:default/team-${String(i % TEAMS).padStart(2, '0')}`,
      },
      now,
    ),
  );
  await measure('list, filtered by overdue', () =>
    db.estate.list({ ...base, reviewStatus: 'overdue' }, now),
  );
  await measure("list, an owner's own (permission)", i =>
    db.estate.list(
      {
        ...base,
        visibleOwners: [
          `group:default/team-${String(i % TEAMS).padStart(2, '0')}`,
          'user:default/x',
        ],
      },
      now,
    ),
  );
  await measure('one agent detail', async i => {
    const agent = (await db.stores.agents.get(
      agents[(i * 37) % AGENTS].entity_ref,
    ))!;
    return agentDetail(db, enforcement, agent, now);
  });
  const verifyStart = performance.now();
  const verification = await db.stores.audit.verify();
  console.log(
    `  verify chain of ${verification.checked} events: ${(
      (performance.now() - verifyStart) /
      1000
    ).toFixed(1)} s (ok: ${verification.ok})`,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-bench-'));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await bench('SQLite (file)', sqlite);
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }

  const server = postgresServer();
  if (!server) return;
  const database = await createDatabase(server, `mandate_bench_${Date.now()}`);
  const pg = knexFactory({
    client: 'pg',
    connection: database.connection,
    pool: { min: 1, max: 10 },
  });
  try {
    await bench('PostgreSQL 15', pg);
  } finally {
    await pg.destroy();
    await database.drop();
  }
}

main().catch(error => {
  console.error(String(error).slice(0, 500));
  process.exit(1);
});
