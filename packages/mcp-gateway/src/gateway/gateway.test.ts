import {
  MandateUnderTest,
  PEOPLE,
  agentEntity,
  startMandate,
} from '@internal/mandate-test-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { SignJWT, generateKeyPair } from 'jose';
import { startDemoUpstreams } from '../demo/upstreamServers';
import { POLICY_REFUSAL } from './createGateway';
import { RunningGateway, startGateway } from './startGateway';

jest.setTimeout(60_000);

let mandate: MandateUnderTest;
let upstreams: Awaited<ReturnType<typeof startDemoUpstreams>>;
let gateway: RunningGateway;
let agentRef: string;

beforeEach(async () => {
  mandate = await startMandate();
  agentRef = await mandate.commission(agentEntity('refund-bot'));
  upstreams = await startDemoUpstreams();
  gateway = await startGateway({
    baseUrl: mandate.baseUrl,
    token: mandate.serviceToken,
    port: 0,
    upstreams: upstreams.urls,
    pollIntervalMs: 100,
    clock: mandate.clock.now,
  });
});

afterEach(async () => {
  await gateway.stop();
  await upstreams.stop();
  await mandate.stop();
});

/** An MCP SDK client of one of the gateway's servers, holding `certificate`. */
async function connect(api: string, certificate: string) {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${gateway.url}/mcp/${api}`), {
      requestInit: { headers: { Authorization: `Bearer ${certificate}` } },
    }),
  );
  return client;
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(McpError);
  expect(error.code).toBe(POLICY_REFUSAL);
  return error.message as string;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('gave up waiting');
}

describe('the MCP gateway in front of Mandate', () => {
  it('shows an agent only the tools of its approved scope, and forwards their calls', async () => {
    const certificate = await mandate.certificate(agentRef);
    const orders = await connect('orders-mcp', certificate);
    const payments = await connect('payments-mcp', certificate);
    expect((await orders.listTools()).tools.map(t => t.name)).toEqual([
      'orders.lookup',
    ]);
    expect((await payments.listTools()).tools.map(t => t.name)).toEqual([
      'refunds.issue',
    ]);

    const result = await orders.callTool({
      name: 'orders.lookup',
      arguments: { orderId: 'A-7' },
    });
    expect(JSON.parse((result.content as any)[0].text)).toMatchObject({
      orderId: 'A-7',
      status: 'delivered',
    });
    expect(
      await refusal(
        payments.callTool({ name: 'payments.lookup', arguments: {} }),
      ),
    ).toBe(
      `MCP error ${POLICY_REFUSAL}: Mandate refused payments.lookup: payments.lookup is not in the approved scope of ${agentRef}`,
    );
    expect(
      await refusal(
        payments.callTool({
          name: 'refunds.issue',
          arguments: { orderId: 'A-7', amountUsd: 250 },
        }),
      ),
    ).toContain('refunds.issue: 250 USD is above maxAmountUsd 200');
  });

  it('holds a call that needs a person until the owner approves it, and refuses it once denied', async () => {
    const certificate = await mandate.certificate(agentRef);
    const payments = await connect('payments-mcp', certificate);
    const refund = payments.callTool({
      name: 'refunds.issue',
      arguments: { orderId: 'A-7', amountUsd: 120, cardNumber: '4111' },
    });
    const {
      items: [held],
    } = await until(
      () => mandate.approvals(),
      page => page.items.length === 1,
    );
    expect(held).toMatchObject({
      agentRef,
      tool: 'refunds.issue',
      status: 'pending',
      why: "refunds.issue needs a person's approval (approval: human)",
    });
    expect(held.argumentsSummary).toContain('"amountUsd":120');
    expect(held.argumentsSummary).toContain('"cardNumber":"[redacted]"');

    await mandate.decideApproval('owner', held.id, 'approve', 'Known customer');
    const result = await refund;
    expect(JSON.parse((result.content as any)[0].text)).toMatchObject({
      status: 'issued',
      amountUsd: 120,
    });

    const second = payments.callTool({
      name: 'refunds.issue',
      arguments: { orderId: 'A-8', amountUsd: 90 },
    });
    const {
      items: [next],
    } = await until(
      () => mandate.approvals(),
      page => page.items.length === 1,
    );
    await mandate.decideApproval(
      'security',
      next.id,
      'deny',
      'Looks like fraud',
    );
    expect(await refusal(second)).toContain(
      `refunds.issue was not approved by ${PEOPLE.security.ref}: Looks like fraud`,
    );
  });

  it('refuses an agent at its next call once it is suspended, and tools removed from its scope', async () => {
    const certificate = await mandate.certificate(agentRef);
    const orders = await connect('orders-mcp', certificate);
    await orders.callTool({ name: 'orders.lookup', arguments: {} });

    await mandate.revokeTool(agentRef, 'orders.lookup');
    const stale = await until(
      () =>
        orders.callTool({ name: 'orders.lookup', arguments: {} }).then(
          () => '',
          e => (e as Error).message,
        ),
      message => message !== '',
    );
    expect(stale).toContain('ask Mandate for a new certificate');
    const renewed = await connect(
      'orders-mcp',
      await mandate.certificate(agentRef),
    );
    expect((await renewed.listTools()).tools).toEqual([]);

    await mandate.suspend(agentRef);
    const tickets = await connect('tickets-mcp', certificate);
    const suspended = await until(
      () =>
        tickets.callTool({ name: 'tickets.comment', arguments: {} }).then(
          () => '',
          e => (e as Error).message,
        ),
      message => message.includes('suspended'),
    );
    expect(suspended).toContain(`${agentRef} is suspended`);
  });

  it('turns away certificates that expired or that Mandate did not sign', async () => {
    const certificate = await mandate.certificate(agentRef);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({
      sub: 'spiffe://acme.example/agent/refund-bot',
      agentRef,
      policyHash: 'sha256:0',
    })
      .setProtectedHeader({
        alg: 'ES256',
        typ: 'mandate-behaviour-certificate+jwt',
        kid: 'not-mandate',
      })
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(connect('orders-mcp', forged)).rejects.toThrow(
      "not signed by Mandate's keys",
    );
    mandate.clock.advance({ hours: 25 });
    await expect(connect('orders-mcp', certificate)).rejects.toThrow(
      'the behaviour certificate has expired',
    );
    await expect(connect('orders-mcp', 'not-a-jwt')).rejects.toThrow(
      'the bearer token is not a behaviour certificate',
    );
  });

  it("reports each call to Mandate's OTLP receiver, where it shows on the agent's activity", async () => {
    const certificate = await mandate.certificate(agentRef);
    const orders = await connect('orders-mcp', certificate);
    await orders.callTool({ name: 'orders.lookup', arguments: {} });
    await orders.callTool({ name: 'orders.lookup', arguments: {} });
    await refusal(orders.callTool({ name: 'orders.history', arguments: {} }));
    await gateway.flushSpans();
    const activity = await until(
      () =>
        mandate.call('owner', 'GET', '/v1/agents/default/refund-bot/activity'),
      a => a.tools.length > 0,
    );
    expect(activity.tools).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tool: 'orders.lookup', calls: 2 }),
        expect.objectContaining({ tool: 'orders.history', denials: 1 }),
      ]),
    );
  });
});
