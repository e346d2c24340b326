import { FakeGateway } from './__testUtils__/FakeGateway';
import {
  REFUND,
  TEST_DAY,
  at,
  clientFor,
  grant,
} from './__testUtils__/gateways';
import { GatewayEnforcementProvider } from './GatewayEnforcementProvider';

const agent = {
  entityRef: 'agent:default/refund-assistant',
  identityId: REFUND,
};
const OTHER = 'spiffe://acme.example/agent/ticket-triage';

describe('GatewayEnforcementProvider', () => {
  let fake: FakeGateway;
  let provider: GatewayEnforcementProvider;
  beforeEach(async () => {
    fake = await new FakeGateway().start();
    fake.token = 'secret-token';
    fake.grants = [
      grant({ id: 'live' }),
      grant({ id: 'expired', expiresAt: at('10:00') }),
      grant({ id: 'revoked', revokedAt: at('11:45') }),
      grant({ id: 'standing', expiresAt: undefined, tool: 'refunds.issue' }),
      grant({ id: 'other', agentIdentityId: OTHER }),
    ];
    provider = new GatewayEnforcementProvider('main', clientFor(fake));
  });
  afterEach(() => fake.stop());

  it('lists the live grants of one agent, asking the gateway each time', async () => {
    expect(provider.id).toBe('gateway-http:main');
    const active = await provider.listGrants({ agent, activeOnly: true });
    expect(active.map(g => g.id)).toEqual(['live', 'standing']);
    const all = await provider.listGrants({ agent });
    expect(all.map(g => g.id)).toEqual([
      'live',
      'expired',
      'revoked',
      'standing',
    ]);
    expect(fake.requests.map(r => r.query.toString())).toEqual([
      `agent=${encodeURIComponent(REFUND)}&active=true`,
      `agent=${encodeURIComponent(REFUND)}`,
    ]);
    expect(fake.requests[0].authorization).toBe('Bearer secret-token');
  });

  it('throws instead of answering "no grants" when the gateway fails', async () => {
    fake.overrides.set('/mandate/v1/grants', {
      status: 502,
      body: 'bad gateway',
    });
    await expect(
      provider.listGrants({ agent, activeOnly: true }),
    ).rejects.toThrow(
      /GET .*\/mandate\/v1\/grants\?.* answered HTTP 502: bad gateway/,
    );
  });

  it('rejects grants of another agent in the answer', async () => {
    fake.overrides.set('/mandate/v1/grants', {
      body: JSON.stringify({
        grants: [grant(), grant({ agentIdentityId: OTHER })],
      }),
    });
    await expect(provider.listGrants({ agent })).rejects.toThrow(
      `gateway main: grants[1].agentIdentityId is "${OTHER}", but the grants of ${REFUND} were asked for`,
    );
  });

  it('suspends: the gateway blocks the agent and reports the revoked grants', async () => {
    const outcome = await provider.suspendAgent({
      agent,
      reason: 'Incident 4711',
    });
    expect(outcome).toEqual({
      providerId: 'gateway-http:main',
      ok: true,
      revokedGrantIds: ['live', 'standing'],
      message: `blocked ${REFUND}`,
    });
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/mandate/v1/agents/${encodeURIComponent(REFUND)}/suspend`,
      body: {
        reason: 'Incident 4711',
        agentRef: 'agent:default/refund-assistant',
      },
      authorization: 'Bearer secret-token',
    });
    expect(fake.blocked.has(REFUND)).toBe(true);
    expect(await provider.listGrants({ agent, activeOnly: true })).toEqual([]);
  });

  it('resumes, with a message of its own when the gateway sends none', async () => {
    fake.blocked.add(REFUND);
    const outcome = await provider.resumeAgent({ agent, reason: 'Cleared' });
    expect(outcome).toEqual({
      providerId: 'gateway-http:main',
      ok: true,
      revokedGrantIds: [],
      message: `gateway main lifted the block on ${REFUND}`,
    });
    expect(fake.blocked.has(REFUND)).toBe(false);
  });

  it('reports a failed suspension as an outcome that is not ok, with status and body', async () => {
    fake.overrides.set(
      `/mandate/v1/agents/${encodeURIComponent(REFUND)}/suspend`,
      { status: 500, body: '{"error":"policy store read-only"}' },
    );
    const outcome = await provider.suspendAgent({ agent, reason: 'x' });
    expect(outcome.ok).toBe(false);
    expect(outcome.revokedGrantIds).toEqual([]);
    expect(outcome.message).toMatch(
      /^suspend failed, check the gateway: gateway main: POST .* answered HTTP 500: {"error":"policy store read-only"}$/,
    );
  });

  it('does not trust a suspension answer that breaks the contract', async () => {
    fake.overrides.set(
      `/mandate/v1/agents/${encodeURIComponent(REFUND)}/suspend`,
      { body: '{"revokedGrantIds":"all"}' },
    );
    const outcome = await provider.suspendAgent({ agent, reason: 'x' });
    expect(outcome).toMatchObject({ ok: false, revokedGrantIds: [] });
    expect(outcome.message).toContain('revokedGrantIds must be an array');
  });

  it('answers health from the gateway, and down when it cannot be reached', async () => {
    expect(await provider.health()).toEqual({
      status: 'ok',
      lastDataAt: at('11:59'),
    });
    fake.overrides.set('/mandate/v1/health', { body: '{"status":"fine"}' });
    expect(await provider.health()).toEqual({
      status: 'down',
      message: expect.stringContaining(
        'status must be one of ok, degraded, down, not "fine"',
      ),
    });
    await fake.stop();
    expect(await provider.health()).toEqual({
      status: 'down',
      message: expect.stringMatching(
        /^gateway main: GET .*\/mandate\/v1\/health failed: .*; check agents\.gateways\.http\[\]\.baseUrl/,
      ),
    });
  });

  it('leaves usage to the telemetry source, so calls are not counted twice', async () => {
    expect(
      await provider.queryTelemetry({
        agent,
        from: TEST_DAY.minus({ days: 20 }).toJSDate(),
        to: TEST_DAY.plus({ days: 1 }).toJSDate(),
      }),
    ).toEqual([]);
    expect(fake.requests).toEqual([]);
  });
});
