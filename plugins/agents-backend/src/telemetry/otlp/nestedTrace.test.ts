import {
  TEST_NOW,
  TestClock,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import {
  DAY,
  REFUNDS,
  SpanSpec,
  activity,
  exportWithSdk,
  postJson,
  receiverBackend,
  startReceiver,
} from '../../__testUtils__/otlpReceiver';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

const at = (time: string) => `${DAY}T${time}.000Z`;

/**
 * One run of Refund Assistant as a real framework instruments it: only the root names the
 * agent; the tool call shows up three times (the framework's span, the MCP client's, the
 * MCP server's); the model calls carry the tokens, the run carries their total again.
 */
const RUN: SpanSpec[] = [
  {
    id: 'run',
    name: 'invoke_agent refund-assistant',
    start: at('10:00:00'),
    durationMs: 9_000,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.id': REFUNDS,
      'gen_ai.agent.name': 'refund-assistant',
      'gen_ai.usage.input_tokens': 1500,
      'gen_ai.usage.output_tokens': 300,
    },
  },
  {
    id: 'plan',
    parent: 'run',
    kind: 'CLIENT',
    name: 'chat claude-haiku-4-5',
    start: at('10:00:01'),
    durationMs: 900,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.response.model': 'claude-haiku-4-5',
      'mandate.model.tier': 'small',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 200,
    },
  },
  {
    id: 'tool',
    parent: 'run',
    name: 'execute_tool orders.lookup',
    start: at('10:00:02'),
    durationMs: 400,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'orders.lookup',
    },
  },
  {
    id: 'mcp-client',
    parent: 'tool',
    kind: 'CLIENT',
    name: 'tools/call orders.lookup',
    start: at('10:00:02'),
    durationMs: 380,
    attributes: {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'orders.lookup',
    },
  },
  {
    id: 'mcp-server',
    parent: 'mcp-client',
    kind: 'SERVER',
    name: 'tools/call orders.lookup',
    start: at('10:00:02'),
    durationMs: 350,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'orders.lookup',
      'mandate.policy.decision': 'allow',
    },
  },
  {
    id: 'answer',
    parent: 'run',
    kind: 'CLIENT',
    name: 'chat claude-haiku-4-5',
    start: at('10:00:03'),
    durationMs: 1200,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.response.model': 'claude-haiku-4-5',
      'mandate.model.tier': 'small',
      'gen_ai.usage.input_tokens': 500,
      'gen_ai.usage.output_tokens': 100,
    },
  },
];

/** As a batch span processor exports them: each span when it ends, the root last. */
const CHILDREN_FIRST = [
  ['mcp-server', 'mcp-client', 'plan'],
  ['tool', 'answer'],
  ['run'],
];

describe.each(databases.eachSupportedId())(
  'Attribution of a nested trace on %p',
  databaseId => {
    it('counts the tool call once, the model calls with their tokens and the run, though the root came last', async () => {
      const { base } = await startReceiver(databases, databaseId);
      const results = await exportWithSdk({
        protocol: 'protobuf',
        url: `${base}/otlp/v1/traces`,
        spans: RUN,
        batches: CHILDREN_FIRST.map(ids => ({ ids })),
      });
      expect(results).toEqual([{ code: 0 }, { code: 0 }, { code: 0 }]);
      const seen = await activity(base);
      expect(seen.tools).toEqual([
        expect.objectContaining({ tool: 'orders.lookup', calls: 1 }),
      ]);
      expect(seen.daily).toEqual([
        expect.objectContaining({
          calls: 2,
          inputTokens: 1500,
          outputTokens: 300,
        }),
      ]);
    });

    it('attributes children that arrived at one replica to the root that arrived at another', async () => {
      const clock = new TestClock();
      const first = await startReceiver(databases, databaseId, clock);
      const second = await receiverBackend(first.knex, clock);
      const results = await exportWithSdk({
        protocol: 'json',
        url: `${first.base}/otlp/v1/traces`,
        spans: RUN,
        batches: [
          { ids: CHILDREN_FIRST[0] },
          { ids: CHILDREN_FIRST[1], url: `${second}/otlp/v1/traces` },
          { ids: CHILDREN_FIRST[2] },
        ],
      });
      expect(results).toEqual([{ code: 0 }, { code: 0 }, { code: 0 }]);

      const seen = await activity(second);
      expect(seen.tools).toEqual([
        expect.objectContaining({
          tool: 'orders.lookup',
          calls: 1,
          inApprovedScope: true,
        }),
      ]);
      // The MCP server's policy decision counts for the call, once.
      const [{ decisions }] = await first.knex('telemetry_rollups').where({
        tool: 'orders.lookup',
      });
      expect(Number(decisions)).toBe(1);
      expect(seen.daily).toEqual([
        expect.objectContaining({
          day: DAY,
          // the tool call and the run; model calls are not calls of a tool
          calls: 2,
          // from the two model calls, not again from the run's total
          inputTokens: 1500,
          outputTokens: 300,
        }),
      ]);
      expect(seen.models).toEqual([
        expect.objectContaining({
          model: 'claude-haiku-4-5',
          tier: 'small',
          calls: 2,
        }),
      ]);

      // The agent declares a standard model; the model calls alone show the downgrade.
      const deadline = Date.now() + 20_000;
      let findings: any[] = [];
      while (Date.now() < deadline) {
        findings = await first.knex('findings').where({
          type: 'model-mismatch',
          agent_ref: 'agent:default/refund-assistant',
          status: 'open',
        });
        if (findings.length > 0) break;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      findings = findings.map(f => ({
        severity: f.severity,
        evidence: JSON.parse(f.evidence),
      }));
      expect(findings).toEqual([
        expect.objectContaining({
          severity: 'high',
          evidence: expect.objectContaining({ model: 'claude-haiku-4-5' }),
        }),
      ]);
    });

    it('tells the exporter that spans wait for an ancestor', async () => {
      const { base } = await startReceiver(databases, databaseId);
      const startNs = TEST_NOW.minus({ hours: 1 }).toMillis() * 1e6;
      const child = {
        traceId: '6b8efff798038103d269b633813fc60c',
        spanId: '1111111111111111',
        parentSpanId: '2222222222222222',
        name: 'execute_tool orders.lookup',
        startTimeUnixNano: String(startNs),
        endTimeUnixNano: String(startNs + 4e7),
        attributes: [
          {
            key: 'gen_ai.operation.name',
            value: { stringValue: 'execute_tool' },
          },
          { key: 'gen_ai.tool.name', value: { stringValue: 'orders.lookup' } },
        ],
      };
      const res = await postJson(base, {
        resourceSpans: [{ scopeSpans: [{ spans: [child] }] }],
      });
      expect(res.status).toBe(200);
      expect((await res.json()).partialSuccess).toEqual({
        rejectedSpans: 0,
        errorMessage:
          '1 span(s) wait up to PT10M for an ancestor span that names their agent (agents.telemetry.attribution.holdFor)',
      });
      expect((await activity(base, TEST_NOW.toISODate()!)).tools).toEqual([]);
    });
  },
);
