import { MANDATE_ATTRIBUTES as M } from '@mandate/plugin-agents-node';
import {
  TEST_NOW,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { gzipSync } from 'node:zlib';
import {
  DAY,
  EMPTY,
  MAX_BODY_BYTES,
  REFUNDS,
  activity,
  auth,
  exportWithSdk,
  jsonSpan,
  postJson,
  request,
  rowCounts,
  startReceiver,
  toolCall,
} from '../../__testUtils__/otlpReceiver';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();
const start = (databaseId: any) => startReceiver(databases, databaseId);

describe.each(databases.eachSupportedId())('OTLP receiver on %p', dbId => {
  it('stores spans exported by the OpenTelemetry SDK over protobuf with gzip, and reads them back', async () => {
    const { base } = await start(dbId);
    const exported = await exportWithSdk({
      protocol: 'protobuf',
      url: `${base}/otlp/v1/traces`,
      gzip: true,
      spans: [
        toolCall('orders.lookup', { [M.policyDecision]: 'allow' }),
        toolCall(
          'orders.lookup',
          { [M.policyDecision]: 'allow' },
          `${DAY}T11:00:00.000Z`,
          300,
        ),
        {
          ...toolCall('refunds.issue', {
            [M.policyDecision]: 'deny',
            [M.policyRuleId]: 'refund-limit',
            [M.grantId]: 'grant-42',
            [M.grantTool]: 'refunds.issue',
            [M.grantIssuedAt]: `${DAY}T09:59:00Z`,
            [M.grantExpiresAt]: `${DAY}T10:59:00Z`,
            [M.grantOnBehalfOf]: 'user:default/dana.lee',
          }),
          error: true,
        },
        {
          name: 'invoke_agent refund-assistant',
          start: `${DAY}T09:58:00Z`,
          durationMs: 180_000,
          attributes: {
            'gen_ai.operation.name': 'invoke_agent',
            'gen_ai.agent.id': REFUNDS,
            'gen_ai.request.model': 'claude-sonnet-4-5',
            'gen_ai.response.model': 'claude-sonnet-4-5',
            'gen_ai.usage.input_tokens': 1200,
            'gen_ai.usage.output_tokens': 300,
            [M.costUsd]: 0.0125,
          },
        },
        ...[
          { at: '10:05', input: 500, output: 100, cost: 0.001 },
          { at: '10:07', input: 700, output: 120, cost: 0.0012 },
        ].map(call => ({
          name: 'chat claude-haiku-4-5',
          kind: 'CLIENT' as const,
          start: `${DAY}T${call.at}:00Z`,
          durationMs: 900,
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.agent.id': REFUNDS,
            'gen_ai.request.model': 'claude-haiku-4-5',
            'gen_ai.response.model': 'claude-haiku-4-5',
            [M.modelTier]: 'small',
            'gen_ai.usage.input_tokens': call.input,
            'gen_ai.usage.output_tokens': call.output,
            [M.costUsd]: call.cost,
          },
        })),
      ],
    });
    expect(exported).toEqual({ code: 0 });

    const seen = await activity(base);
    expect(seen.tools).toEqual([
      expect.objectContaining({
        tool: 'orders.lookup',
        calls: 2,
        denials: 0,
        inApprovedScope: true,
        p50Ms: 64,
        p95Ms: 512,
      }),
      expect.objectContaining({
        tool: 'refunds.issue',
        calls: 1,
        denials: 1,
        errors: 1,
      }),
    ]);
    expect(seen.daily).toEqual([
      {
        day: DAY,
        calls: 4,
        denials: 1,
        errors: 1,
        inputTokens: 2400,
        outputTokens: 520,
        costUsd: 0.01,
      },
    ]);
    // Per model, what its calls brought: the run's own model, and two chat calls.
    expect(seen.models).toEqual([
      {
        model: 'claude-haiku-4-5',
        tier: 'small',
        calls: 2,
        inputTokens: 1200,
        outputTokens: 220,
        costUsd: 0.0022,
        lastDay: DAY,
      },
      {
        model: 'claude-sonnet-4-5',
        calls: 1,
        inputTokens: 1200,
        outputTokens: 300,
        costUsd: 0.0125,
        lastDay: DAY,
      },
    ]);

    const grants = await fetch(
      `${base}/v1/agents/default/refund-assistant/grants`,
      { headers: auth },
    ).then(r => r.json());
    expect(grants.items).toEqual([
      expect.objectContaining({
        id: 'grant-42',
        tool: 'refunds.issue',
        onBehalfOf: 'user:default/dana.lee',
        expiresAt: `${DAY}T10:59:00.000Z`,
        standing: false,
        inApprovedScope: true,
      }),
    ]);
  });

  it('stores spans exported over OTLP/JSON, and counts a retried delivery once', async () => {
    const { base, knex } = await start(dbId);
    const exported = await exportWithSdk({
      protocol: 'json',
      url: `${base}/otlp/v1/traces`,
      spans: [toolCall('orders.lookup', { [M.policyDecision]: 'allow' })],
    });
    expect(exported).toEqual({ code: 0 });
    expect((await activity(base)).tools[0]).toMatchObject({
      tool: 'orders.lookup',
      calls: 1,
    });

    const retried = request([
      jsonSpan({
        spanId: '1111111111111111',
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.agent.id': REFUNDS,
          'gen_ai.tool.name': 'orders.lookup',
        },
      }),
    ]);
    expect((await postJson(base, retried)).status).toBe(200);
    expect((await postJson(base, retried)).status).toBe(200);
    expect((await activity(base)).tools[0].calls).toBe(2);
    expect((await rowCounts(knex)).telemetry_events).toBe(2);
  });

  it('counts a retried delivery once even when its spans are older than raw retention', async () => {
    const { base, knex } = await start(dbId);
    // A collector drains its queue after a month-long outage, and then sends it again.
    const monthAgo = TEST_NOW.minus({ days: 30 }).toISODate()!;
    const backlog = request([
      jsonSpan({
        spanId: '6666666666666666',
        day: monthAgo,
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.agent.id': REFUNDS,
          'gen_ai.tool.name': 'orders.lookup',
        },
      }),
    ]);
    for (let delivery = 0; delivery < 3; delivery++) {
      const res = await postJson(base, backlog);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
    }
    expect((await activity(base, monthAgo)).tools).toEqual([
      expect.objectContaining({ tool: 'orders.lookup', calls: 1 }),
    ]);
    // Older than the 7-day raw retention: only the rollup and the span's key are kept.
    expect(await rowCounts(knex)).toMatchObject({ telemetry_events: 0 });
  });

  it('refuses spans older than the duplicate window with a partial success that says why', async () => {
    const { base, knex } = await start(dbId);
    const longAgo = TEST_NOW.minus({ days: 120 }).toISODate()!;
    const res = await postJson(
      base,
      request([
        jsonSpan({
          spanId: '7777777777777777',
          day: longAgo,
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.agent.id': REFUNDS,
            'gen_ai.tool.name': 'orders.lookup',
          },
        }),
        jsonSpan({
          spanId: '8888888888888888',
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.agent.id': REFUNDS,
            'gen_ai.tool.name': 'orders.lookup',
          },
        }),
      ]),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.partialSuccess.rejectedSpans).toBe(1);
    expect(body.partialSuccess.errorMessage).toContain(
      `resourceSpans[0].scopeSpans[0].spans[0]: started ${longAgo}T12:00:00.000Z, before the P90D duplicate window (agents.telemetry.duplicateWindow)`,
    );
    expect((await activity(base, longAgo)).tools).toEqual([]);
    expect((await activity(base)).tools).toEqual([
      expect.objectContaining({ tool: 'orders.lookup', calls: 1 }),
    ]);
    expect(await rowCounts(knex)).toMatchObject({ telemetry_rollups: 1 });
  });

  it('answers a partly unusable batch with OTLP partial success and keeps the usable spans', async () => {
    const { base } = await start(dbId);
    const res = await postJson(
      base,
      request([
        jsonSpan({
          spanId: '2222222222222222',
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.agent.id': REFUNDS,
            'gen_ai.tool.name': 'orders.lookup',
          },
        }),
        jsonSpan({
          spanId: '3333333333333333',
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.agent.id': REFUNDS,
          },
        }),
        jsonSpan({
          spanId: '4444444444444444',
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.agent.id': REFUNDS,
            'gen_ai.tool.name': 'orders.lookup',
            [M.policyDecision]: 'maybe',
          },
        }),
      ]),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.partialSuccess.rejectedSpans).toBe(2);
    expect(body.partialSuccess.errorMessage).toContain(
      'resourceSpans[0].scopeSpans[0].spans[1]: gen_ai.tool.name is required for execute_tool spans',
    );
    expect(body.partialSuccess.errorMessage).toContain(
      'mandate.policy.decision must be one of allow, deny, require-approval; got "maybe"',
    );
    expect((await activity(base)).tools).toEqual([
      expect.objectContaining({ tool: 'orders.lookup', calls: 1 }),
    ]);
  });

  it('refuses malformed, oversized, wrong-type and unauthenticated requests and stores nothing', async () => {
    const { base, knex } = await start(dbId);
    const valid = request([
      jsonSpan({
        spanId: '5555555555555555',
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.agent.id': REFUNDS,
          'gen_ai.tool.name': 'orders.lookup',
        },
      }),
    ]);

    const garbage = await fetch(`${base}/otlp/v1/traces`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/x-protobuf' },
      body: Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]),
    });
    expect(garbage.status).toBe(400);
    expect(garbage.headers.get('content-type')).toContain(
      'application/x-protobuf',
    );

    const notJson = await postJson(base, '{"resourceSpans": [');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).message).toMatch(/not valid JSON/);

    const wrongShape = await postJson(base, {
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 42 }] }] }],
    });
    expect(wrongShape.status).toBe(400);
    expect((await wrongShape.json()).message).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].traceId: must be a string',
    );

    const base64Ids = await postJson(base, {
      resourceSpans: [
        { scopeSpans: [{ spans: [{ traceId: 'W46/95gDgQPSabYzgT/GDA==' }] }] },
      ],
    });
    expect(base64Ids.status).toBe(400);

    const big = gzipSync(
      JSON.stringify({ ...valid, padding: 'x'.repeat(MAX_BODY_BYTES * 2) }),
    );
    expect(big.length).toBeLessThan(MAX_BODY_BYTES); // too large only once inflated
    const oversized = await postJson(base, big, { 'Content-Encoding': 'gzip' });
    expect(oversized.status).toBe(413);
    expect((await oversized.json()).message).toContain(
      'agents.otlp.maxBodySize',
    );

    const wrongType = await fetch(`${base}/otlp/v1/traces`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: JSON.stringify(valid),
    });
    expect(wrongType.status).toBe(415);
    expect((await wrongType.json()).message).toContain(
      'Content-Type must be application/x-protobuf or application/json',
    );

    const anonymous = await fetch(`${base}/otlp/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(valid),
    });
    expect(anonymous.status).toBe(401);
    const wrongToken = await postJson(base, valid, {
      Authorization: 'Bearer not-the-gateway-token',
    });
    expect(wrongToken.status).toBe(401);

    expect(await rowCounts(knex)).toEqual(EMPTY);
  });
});
