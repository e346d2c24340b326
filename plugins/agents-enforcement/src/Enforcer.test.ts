import {
  MandateUnderTest,
  agentEntity,
  startMandate,
} from '@internal/mandate-test-backend';
import { Enforcer } from './Enforcer';
import { PolicyIntegrityError } from './policy/PolicySnapshot';

jest.setTimeout(60_000);

let mandate: MandateUnderTest;
let enforcer: Enforcer;

beforeEach(async () => {
  mandate = await startMandate();
  enforcer = new Enforcer({
    mandate: { baseUrl: mandate.baseUrl, token: mandate.serviceToken },
    clock: mandate.clock.now,
  });
});

afterEach(async () => {
  enforcer.stop();
  await mandate.stop();
});

async function agent(name: string, spec = {}) {
  const ref = await mandate.commission(agentEntity(name, spec));
  await enforcer.policies.refresh();
  const certificate = await enforcer.authenticate(
    await mandate.certificate(ref),
  );
  return { ref, certificate };
}

const call = (
  certificate: Awaited<ReturnType<typeof agent>>['certificate'],
  tool: string,
  args: Record<string, unknown> = {},
) => ({ certificate, tool, arguments: args });

describe('Enforcer', () => {
  it("decides calls by the agent's approved scope, its constraints and its budget", async () => {
    const { ref, certificate } = await agent('refund-bot', {
      budgets: { dailyToolCalls: 2 },
    });
    expect(enforcer.decide(call(certificate, 'orders.lookup'))).toMatchObject({
      decision: 'allow',
      ruleId: `${ref}/orders.lookup`,
      policyHash: certificate.policyHash,
    });
    expect(enforcer.decide(call(certificate, 'payments.void'))).toEqual({
      decision: 'deny',
      code: 'not-in-scope',
      message: `payments.void is not in the approved scope of ${ref}`,
      policyHash: certificate.policyHash,
    });
    expect(
      enforcer.decide(call(certificate, 'refunds.issue', { amountUsd: 120 })),
    ).toMatchObject({
      decision: 'approval-required',
      why: "refunds.issue needs a person's approval (approval: human)",
    });
    expect(
      enforcer.decide(call(certificate, 'refunds.issue', { amountUsd: 250 })),
    ).toMatchObject({
      decision: 'deny',
      code: 'constraint',
      message: 'refunds.issue: 250 USD is above maxAmountUsd 200',
    });
    expect(
      enforcer.decide(call(certificate, 'refunds.issue', { orderId: 'A-1' })),
    ).toMatchObject({
      decision: 'deny',
      code: 'constraint',
      message: expect.stringContaining('the call names no amount'),
    });

    // Two allowed calls spend the day's budget of two.
    for (let i = 0; i < 2; i++) {
      await enforcer.authorize(call(certificate, 'orders.lookup'));
    }
    expect(enforcer.decide(call(certificate, 'orders.lookup'))).toMatchObject({
      decision: 'deny',
      code: 'over-budget',
    });
    mandate.clock.advance({ days: 1 });
    expect(enforcer.decide(call(certificate, 'orders.lookup')).decision).toBe(
      'allow',
    );
  });

  it('refuses a suspended agent, and a certificate issued before its scope changed', async () => {
    const { ref, certificate } = await agent('refund-bot');
    await mandate.revokeTool(ref, 'tickets.comment');
    expect(await enforcer.policies.refresh()).toBe(true);
    expect(enforcer.decide(call(certificate, 'orders.lookup'))).toMatchObject({
      decision: 'deny',
      code: 'stale-certificate',
      message: expect.stringContaining('ask Mandate for a new certificate'),
    });
    const renewed = await enforcer.authenticate(await mandate.certificate(ref));
    expect(enforcer.decide(call(renewed, 'orders.lookup')).decision).toBe(
      'allow',
    );
    expect(enforcer.decide(call(renewed, 'tickets.comment'))).toMatchObject({
      code: 'not-in-scope',
    });

    await mandate.suspend(ref);
    await enforcer.policies.refresh();
    expect(enforcer.decide(call(renewed, 'orders.lookup'))).toMatchObject({
      decision: 'deny',
      code: 'not-active',
      message: `${ref} is suspended; only active agents may call tools`,
    });
  });

  it('holds a call for a person and decides it again with the answer', async () => {
    const { certificate } = await agent('refund-bot');
    const authorization = enforcer.authorize({
      ...call(certificate, 'refunds.issue', { amountUsd: 80, orderId: 'A-1' }),
      onBehalfOf: 'user:default/sam.ortiz',
    });
    let pending = (await mandate.approvals()).items[0];
    while (!pending) {
      await new Promise(resolve => setTimeout(resolve, 20));
      pending = (await mandate.approvals()).items[0];
    }
    expect(pending).toMatchObject({
      onBehalfOf: 'user:default/sam.ortiz',
      argumentsSummary: 'refunds.issue {"amountUsd":80,"orderId":"A-1"}',
      grant: { tool: 'refunds.issue', ttlSeconds: 300 },
    });
    await mandate.decideApproval('owner', pending.id, 'approve', 'Fair refund');
    const { decision, grant, approval } = await authorization;
    expect(decision.decision).toBe('allow');
    expect(approval).toMatchObject({ status: 'approved' });
    expect(grant).toMatchObject({
      tool: 'refunds.issue',
      onBehalfOf: 'user:default/sam.ortiz',
      issuedAt: mandate.clock.iso(),
      expiresAt: mandate.clock.isoAt({ seconds: 300 }),
    });
  });

  it('loads policies only when they changed, and never a copy that does not match its hash', async () => {
    await agent('refund-bot');
    expect(await enforcer.policies.refresh()).toBe(false);

    const tampering = new Enforcer({
      mandate: {
        baseUrl: mandate.baseUrl,
        token: mandate.serviceToken,
        fetch: async (url, init) => {
          const res = await fetch(url, init);
          if (String(url).includes('format=cedar')) return res;
          const bundle = await res.json();
          bundle.policies[0].tools[0].constraints = { maxAmountUsd: 1e9 };
          return new Response(JSON.stringify(bundle), {
            status: res.status,
            headers: res.headers,
          });
        },
      },
    });
    await expect(tampering.policies.refresh()).rejects.toThrow(
      new PolicyIntegrityError(
        `the policy of agent:default/refund-bot does not match its hash ${
          enforcer.policies.current().bundle.policies[0].hash
        }`,
      ),
    );
  });

  it('knows no agent Mandate has no policy for', async () => {
    const { certificate } = await agent('refund-bot');
    expect(
      enforcer.decide(
        call(
          { ...certificate, agentRef: 'agent:default/ghost' },
          'orders.lookup',
        ),
      ),
    ).toMatchObject({ decision: 'deny', code: 'unknown-agent' });
  });
});
