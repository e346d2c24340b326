/*
 * Seeds a SQLite file with an estate of agents through the governance backend's own stores
 * and review scheduler, for the estate-view benchmark (bench/estate-view-chromium.mts).
 * Usage: node --require @backstage/cli/config/nodeTransform.cjs \
 *          bench/estate-view/seedEstate.ts <file.sqlite> [agents]
 *
 * The agents are owned and sponsored by the example organisation's teams and leads, and are
 * not in the catalog (the benchmark runs the app with its catalog sync off). Running the
 * review scheduler once here leaves nothing for its first run in the app to open or escalate;
 * it then runs a second time, a steady-state pass. Both are timed, and the figures are
 * written as JSON to <file.sqlite>.json.
 */
import knexFactory from 'knex';
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  AgentEntityV1alpha1,
  AgentState,
  nextReviewDue,
} from '@mandate/plugin-agents-common';
import { migrateUp } from '../../plugins/agents-backend/src/database/migrate';
import { AgentsDatabase } from '../../plugins/agents-backend/src/database/AgentsDatabase';
import { Governance } from '../../plugins/agents-backend/src/workflows/Governance';
import { ReviewScheduler } from '../../plugins/agents-backend/src/workflows/ReviewScheduler';
import { newAgentRecord } from '../../plugins/agents-backend/src/domain/agentRecord';
import { Enforcement } from '../../plugins/agents-backend/src/enforcement/Enforcement';
import { Notifier } from '../../plugins/agents-backend/src/workflows/Notifier';
import { benchLogger } from '../support';
import { Duration } from 'luxon';

const [file, count = '10000'] = process.argv.slice(2);
if (!file) {
  console.error('usage: seedEstate.ts <file.sqlite> [agents]');
  process.exit(2);
}
const AGENTS = Number(count);
const DAY = 86_400_000;
const SECURITY = 'group:default/security';
const APPROVER = 'user:default/nina.kowalski';
// The example organisation (examples/org.yaml): owners and sponsors that resolve.
const TEAMS = [
  ['group:default/customer-care', 'user:default/dana.lee'],
  ['group:default/platform', 'user:default/priya.nair'],
  ['group:default/developer-experience', 'user:default/alex.kim'],
  ['group:default/data-science', 'user:default/maria.garcia'],
  ['group:default/finance-ops', 'user:default/ravi.patel'],
];
const TOOLS = [
  { name: 'orders.lookup', access: 'read', dataClasses: ['customer-pii'] },
  { name: 'tickets.comment', access: 'write' },
  { name: 'refunds.issue', access: 'write', approval: 'human' },
  { name: 'k8s.namespace.delete', access: 'destructive', approval: 'human' },
  { name: 'metrics.query', access: 'read' },
] as const;
const DATA_CLASSES = ['customer-pii', 'payment', 'financial', 'internal'];

/** Deterministic pseudo-random numbers: every run seeds the same estate. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const silent = benchLogger();

function entityOf(i: number, rnd: () => number): AgentEntityV1alpha1 {
  const name = `agent-${String(i).padStart(5, '0')}`;
  const [owner, sponsor] = TEAMS[i % TEAMS.length];
  const tools = TOOLS.filter((_, t) => t === 0 || rnd() < 0.5).map(t => ({
    ...t,
    ...('dataClasses' in t ? { dataClasses: [...t.dataClasses] } : {}),
  }));
  const dataClasses = [
    'customer-pii',
    ...DATA_CLASSES.slice(1).filter(() => rnd() < 0.3),
  ];
  return {
    apiVersion: 'mandate.dev/v1alpha1',
    kind: 'Agent',
    metadata: { name, namespace: 'default', title: `Bench agent ${i}` },
    spec: {
      type: ['service-agent', 'coding-agent', 'assistant'][i % 3],
      lifecycle: 'production',
      owner,
      sponsor,
      identity: { id: `spiffe://acme.example/agent/${name}` },
      model: {
        provider: 'anthropic',
        name: 'claude-opus-4-5',
        tier: (['frontier', 'standard', 'small'] as const)[i % 3],
      },
      purpose: 'Benchmark agent.',
      dataClasses,
      tools: tools as AgentEntityV1alpha1['spec']['tools'],
    },
  };
}

function stateOf(roll: number): AgentState {
  if (roll < 0.8) return 'active';
  if (roll < 0.88) return 'proposed';
  if (roll < 0.93) return 'suspended';
  if (roll < 0.98) return 'retired';
  return 'decommissioning';
}

async function main() {
  const started = performance.now();
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await migrateUp(knex);
  const db = new AgentsDatabase(knex);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const rnd = random(42);

  await db.transaction(async s => {
    for (let i = 0; i < AGENTS; i++) {
      const entity = entityOf(i, rnd);
      const state = stateOf(rnd());
      const created = now - (60 + rnd() * 400) * DAY;
      const agent = newAgentRecord(entity, iso(created), false);
      const commission = {
        id: randomUUID(),
        agentRef: agent.entityRef,
        type: 'commission' as const,
        status: 'pending' as const,
        requesterRef: entity.spec.sponsor!,
        assigneeRef: SECURITY,
        reason: 'Launch',
        payload: { scope: agent.declaredScope },
        createdAt: iso(created),
      };
      if (state === 'proposed') {
        await s.agents.insert(agent);
        await s.requests.insert(commission);
        continue;
      }
      // Reviewed every quarter since commissioning: the last one 0-120 days ago.
      const lastReview = now - rnd() * 120 * DAY;
      await s.agents.insert({
        ...agent,
        state,
        commissionedAt: iso(created),
        stateChangedAt: iso(state === 'active' ? created : lastReview),
        approvedVersion: 1,
        ...(state === 'active'
          ? {
              lastReviewCompletedAt: iso(lastReview),
              nextReviewDueAt: nextReviewDue(iso(lastReview), 'P3M', {
                zone: 'utc',
              }),
            }
          : {}),
      });
      await s.agents.addApprovedScope(agent.entityRef, {
        ...agent.declaredScope,
        version: 1,
        approvedAt: iso(created),
        approvedBy: APPROVER,
      });
      await s.requests.insert({
        ...commission,
        status: 'applied',
        decision: 'approve',
        deciderRef: APPROVER,
        decisionReason: 'Scope matches the purpose.',
        decidedAt: iso(created),
        appliedAt: iso(created),
      });
      await s.audit.append(
        {
          agentRef: agent.entityRef,
          actorRef: APPROVER,
          action: 'request.applied',
          data: { requestId: commission.id, type: 'commission' },
        },
        iso(created),
      );
    }
  });
  const seeded = performance.now();

  const governance = new Governance({
    db,
    enforcement: new Enforcement([], silent),
    notifier: new Notifier(undefined, silent),
    logger: silent,
    clock: () => new Date(),
    securityGroupRef: SECURITY,
    reviewZone: 'utc',
  });
  const scheduler = new ReviewScheduler({
    db,
    governance,
    notifier: new Notifier(undefined, silent),
    logger: silent,
    clock: () => new Date(),
    securityGroupRef: SECURITY,
    policy: {
      openBefore: Duration.fromISO('P14D'),
      escalateAfter: Duration.fromISO('P7D'),
    },
  });
  const reviews = await scheduler.run();
  const firstPass = performance.now();
  // Nothing new comes due: what every later run of the scheduled task costs.
  await scheduler.run();
  const steadyPass = performance.now();
  await knex.destroy();
  const figures = {
    agents: AGENTS,
    seedMs: seeded - started,
    firstPassMs: firstPass - seeded,
    opened: reviews.opened,
    escalated: reviews.escalated,
    steadyPassMs: steadyPass - firstPass,
  };
  writeFileSync(`${file}.json`, JSON.stringify(figures));
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
  console.log(
    `Seeded ${AGENTS} agents in ${s(
      figures.seedMs,
    )}; review scheduler: first pass ${reviews.opened} reviews opened, ${
      reviews.escalated
    } escalated, in ${s(figures.firstPassMs)}; steady-state pass in ${s(
      figures.steadyPassMs,
    )}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
