import { AgentEntityV1alpha1 } from '@mandate/plugin-agents-common';
import { TelemetryEvent } from '@mandate/plugin-agents-node';
import {
  TEST_NOW,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { insertActiveAgent } from '../__testUtils__/activeAgent';
import { agentEntity } from '../__testUtils__/entities';
import { migrateUp } from '../database/migrate';
import { readTelemetrySample } from '@mandate/plugin-agents-backend-module-demo';
import { telemetryFixture } from '../__testUtils__/telemetry';
import { Analysis } from './Analysis';

jest.setTimeout(120_000);
const databases = mandateTestDatabases();
const REPO = path.resolve(__dirname, '../../../..');
const NOW = TEST_NOW.toJSDate();
const DAY_MS = 24 * 60 * 60 * 1000;

async function setup(databaseId: any, now = NOW) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  const clock = () => now;
  const { db, ingest, logger } = telemetryFixture(knex, clock);
  const analysis = new Analysis({
    db,
    logger,
    clock,
    idleDays: 30,
    standingGrantAfterMs: DAY_MS,
    containmentProviders: () => ['gateway-http:main'],
  });
  ingest.onIngested(async r => analysis.afterIngest(r.identityKeys));
  const findings = async (type?: string) =>
    (
      await db.stores.findings.list({
        status: 'open',
        type,
        limit: 500,
        offset: 0,
      })
    ).items;
  return { knex, db, ingest, analysis, findings };
}

function exampleAgents(): AgentEntityV1alpha1[] {
  const dir = path.join(REPO, 'examples/agents');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d =>
        d.toJS(),
      ),
    )
    .filter(e => e?.kind === 'Agent');
}

let seq = 0;
function call(
  tool: string,
  daysAgo: number,
  extra: Partial<TelemetryEvent> = {},
): TelemetryEvent {
  seq += 1;
  return {
    id: `e-${seq}`,
    operation: 'execute_tool',
    agentIdentityId: 'spiffe://acme.example/agent/refund-assistant',
    tool,
    startedAt: new Date(NOW.getTime() - daysAgo * DAY_MS).toISOString(),
    durationMs: 20,
    decision: 'allow',
    ...extra,
  };
}

describe.each(databases.eachSupportedId())('Analysis on %p', databaseId => {
  it('finds every anomaly of the shipped demo sample, and scores each agent', async () => {
    const { db, ingest, analysis, findings } = await setup(databaseId);
    for (const entity of exampleAgents()) {
      await insertActiveAgent(db, entity);
    }
    const sample = await readTelemetrySample(
      path.join(REPO, 'examples/telemetry/demo-estate.jsonl.gz'),
      NOW,
    );
    await ingest.ingest(sample, { sourceId: 'demo-sample', kind: 'sample' });
    await analysis.idle();
    await analysis.run();

    const open = await findings();
    // Mandate cannot tell test-writer and devex-bot apart (one identity), so findings on
    // devex-bot's traffic show on both; the other anomalies each name one agent.
    const found = (type: string) =>
      open
        .filter(f => f.type === type)
        .map(f => ({ subject: f.subject, evidence: f.evidence }));
    expect(found('shadow-agent')).toEqual([
      expect.objectContaining({
        subject: 'spiffe://acme.example/agent/pricing-scraper',
      }),
    ]);
    expect(found('tool-outside-scope')).toEqual(
      expect.arrayContaining([
        {
          subject: 'agent:default/code-review-agent',
          evidence: expect.objectContaining({ tool: 'github.pr.merge' }),
        },
      ]),
    );
    // test-writer shares devex-bot's identity: the gateway cannot tell the two apart
    const shared = await analysis.maturityOf(
      (await db.stores.agents.get('agent:default/test-writer'))!,
    );
    expect(shared.checks.find(c => c.id === 'no-shared-identity')).toEqual(
      expect.objectContaining({
        passed: false,
        evidence: expect.stringContaining('agent:default/'),
      }),
    );
    expect(found('model-mismatch')).toEqual(
      expect.arrayContaining([
        {
          subject: 'agent:default/analytics-copilot',
          evidence: expect.objectContaining({
            model: 'claude-haiku-4-5',
            downgrade: true,
          }),
        },
      ]),
    );
    expect(found('idle-standing-grant')).toEqual(
      expect.arrayContaining([
        {
          subject: 'agent:default/access-review-assistant',
          evidence: expect.objectContaining({
            grantId: 'gs-access-review-github',
          }),
        },
      ]),
    );
    expect(found('budget-exceeded')).toEqual(
      expect.arrayContaining([
        {
          subject: 'agent:default/experiment-reporter',
          evidence: expect.objectContaining({ budget: 'dailyToolCalls' }),
        },
      ]),
    );
    expect(found('denial-spike')).toEqual(
      expect.arrayContaining([
        {
          subject: 'agent:default/dev-portal-assistant',
          evidence: expect.objectContaining({ denials: expect.any(Number) }),
        },
      ]),
    );

    const agents = await db.stores.agents.all();
    expect(agents.every(a => typeof a.maturityScore === 'number')).toBe(true);
    const refund = await analysis.maturityOf(
      (await db.stores.agents.get('agent:default/refund-assistant'))!,
    );
    expect(refund.checks.find(c => c.id === 'gateway-enforcement')).toEqual(
      expect.objectContaining({ passed: true }),
    );
    expect(refund.checks.find(c => c.id === 'baseline')?.passed).toBe(true);
  });

  it('finds a tool outside the approved scope after ingest, and resolves it once the scope holds it', async () => {
    const { db, ingest, analysis, findings } = await setup(databaseId);
    const agent = await insertActiveAgent(db, agentEntity('refund-assistant'));
    await ingest.ingest(
      {
        events: [call('orders.lookup', 1), call('tickets.purge', 1)],
        grants: [],
      },
      { sourceId: 'otlp', kind: 'otlp' },
    );
    await analysis.idle();
    expect(await findings('tool-outside-scope')).toEqual([
      expect.objectContaining({
        agentRef: agent.entityRef,
        severity: 'high',
        evidence: expect.objectContaining({
          tool: 'tickets.purge',
          allowed: 1,
        }),
      }),
    ]);

    await db.stores.agents.addApprovedScope(agent.entityRef, {
      ...agent.declaredScope,
      tools: [
        ...agent.declaredScope.tools,
        { name: 'tickets.purge', access: 'destructive', approval: 'human' },
      ],
      version: 2,
      approvedAt: NOW.toISOString(),
      approvedBy: 'user:default/nina.kowalski',
    });
    await db.stores.agents.update({
      ...agent,
      state: 'active',
      approvedVersion: 2,
    });
    await analysis.run();
    expect(await findings('tool-outside-scope')).toEqual([]);
  });

  it('names what an unregistered identity calls itself, and sees a registered identity act under another name', async () => {
    const { db, ingest, analysis, findings } = await setup(databaseId);
    const agent = await insertActiveAgent(db, agentEntity('refund-assistant'));
    const scraper = 'spiffe://acme.example/agent/pricing-scraper';
    await ingest.ingest(
      {
        events: [
          call('orders.lookup', 1, { agentName: 'refund-assistant' }),
          call('orders.lookup', 1, { agentName: 'billing-helper' }),
          call('prices.fetch', 2, {
            agentIdentityId: scraper,
            agentName: 'price-watch',
          }),
        ],
        grants: [],
      },
      { sourceId: 'otlp', kind: 'otlp' },
    );
    await analysis.idle();
    expect(await findings('shadow-agent')).toEqual([
      expect.objectContaining({
        subject: scraper,
        message: expect.stringContaining('calling itself price-watch'),
      }),
    ]);
    const maturity = await analysis.maturityOf(
      (await db.stores.agents.get(agent.entityRef))!,
    );
    expect(maturity.checks.find(c => c.id === 'no-shared-identity')).toEqual(
      expect.objectContaining({
        passed: false,
        evidence: 'the gateway saw this identity act as billing-helper too',
      }),
    );

    // Names are kept as long as raw events: after that the identity is judged afresh.
    await db.telemetry.writer.prune(new Date(NOW.getTime() + DAY_MS));
    const later = await analysis.maturityOf(
      (await db.stores.agents.get(agent.entityRef))!,
    );
    expect(later.checks.find(c => c.id === 'no-shared-identity')?.passed).toBe(
      true,
    );
  });

  it('tells a tier downgrade from another model of the declared tier', async () => {
    const { db, ingest, analysis, findings } = await setup(databaseId);
    await insertActiveAgent(db, agentEntity('refund-assistant'));
    const answer = (model: string, tier: 'small' | 'standard') => ({
      ...call('', 1),
      operation: 'invoke_agent' as const,
      tool: undefined,
      responseModel: model,
      modelTier: tier,
    });
    await ingest.ingest(
      {
        events: [
          answer('claude-haiku-4-5', 'small'),
          answer('gpt-5-mini', 'standard'),
          answer('claude-sonnet-4-5', 'standard'),
        ],
        grants: [],
      },
      { sourceId: 'otlp', kind: 'otlp' },
    );
    await analysis.idle();
    const byModel = Object.fromEntries(
      (await findings('model-mismatch')).map(f => [
        f.evidence.model,
        f.severity,
      ]),
    );
    expect(byModel).toEqual({
      'claude-haiku-4-5': 'high',
      'gpt-5-mini': 'medium',
    });
  });

  it('flags a standing grant only while the agent is idle, and a denial spike only against a baseline', async () => {
    const { db, ingest, analysis, findings } = await setup(databaseId);
    await insertActiveAgent(db, agentEntity('refund-assistant'));
    const grant = {
      id: 'g-standing',
      agentIdentityId: 'spiffe://acme.example/agent/refund-assistant',
      tool: 'refunds.issue',
      issuedAt: new Date(NOW.getTime() - 60 * DAY_MS).toISOString(),
    };
    await ingest.ingest(
      { events: [call('orders.lookup', 40)], grants: [grant] },
      { sourceId: 'otlp', kind: 'otlp' },
    );
    await analysis.idle();
    expect(await findings('idle-standing-grant')).toEqual([
      expect.objectContaining({ severity: 'high' }), // refunds.issue is a write tool
    ]);

    // Busy again: 14 quiet days as a baseline, then a day of denials.
    const events: TelemetryEvent[] = [];
    for (let day = 16; day >= 2; day--) {
      for (let i = 0; i < 10; i++) events.push(call('orders.lookup', day));
    }
    for (let i = 0; i < 20; i++) {
      events.push(
        call('orders.lookup', 0.5, { decision: i < 12 ? 'deny' : 'allow' }),
      );
    }
    await ingest.ingest(
      { events, grants: [] },
      { sourceId: 'otlp', kind: 'otlp' },
    );
    await analysis.idle();
    expect(await findings('idle-standing-grant')).toEqual([]);
    expect(await findings('denial-spike')).toEqual([
      expect.objectContaining({
        severity: 'high',
        evidence: expect.objectContaining({
          denials: 12,
          calls: 20,
          baselineRate: 0,
        }),
      }),
    ]);
  });
});
