import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { AgentsApi, startAgentsApi } from '../__testUtils__/agentsApi';
import { SECURITY_GROUP, identityOf } from '../__testUtils__/entities';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

/** Every agent here has a monthly budget, which its policy carries. */
const BUDGET = { budgets: { monthlyUsd: 400 } };

/** Cedar's decision for one tool call of `identity` under the given policies. */
function cedarDecision(
  policies: string,
  identity: string,
  tool: string,
  context: Record<string, boolean> = {},
) {
  const answer = cedar.isAuthorized({
    principal: { type: 'Mandate::Agent', id: identity },
    action: { type: 'Mandate::Action', id: 'callTool' },
    resource: { type: 'Mandate::Tool', id: tool },
    context,
    policies: { staticPolicies: policies },
    entities: [],
  });
  if (answer.type !== 'success') throw new Error(JSON.stringify(answer));
  return answer.response.decision;
}

describe.each(databases.eachSupportedId())(
  'policy documents (JSON, Cedar, bundles) on %s',
  databaseId => {
    let api: AgentsApi;
    beforeAll(async () => {
      api = await startAgentsApi(databases, databaseId, {
        securityGroup: SECURITY_GROUP,
      });
    });

    it('serves an active agent its allow-list as JSON, with the hash as ETag', async () => {
      await api.commissionedAgent('policy-json', BUDGET);
      const res = await api
        .as('owner')
        .get('/v1/agents/default/policy-json/policy');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({
        apiVersion: 'mandate.dev/policy/v1',
        kind: 'AgentPolicy',
        agent: {
          ref: 'agent:default/policy-json',
          identity: identityOf('policy-json'),
          state: 'active',
        },
        effect: 'allow-listed',
        model: { provider: 'anthropic', tier: 'standard' },
        budgets: { monthlyUsd: 400 },
        approvedScopeVersion: 1,
      });
      expect(
        res.body.tools.map((t: any) => [t.name, t.requiresApproval]),
      ).toEqual([
        ['orders.lookup', false],
        ['refunds.issue', true],
        ['tickets.delete', true],
      ]);
      expect(res.body.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(res.headers.etag).toBe(`"${res.body.hash}"`);

      const unchanged = await api
        .as('owner')
        .get('/v1/agents/default/policy-json/policy')
        .set('If-None-Match', res.headers.etag);
      expect(unchanged.status).toBe(304);
    });

    it('serves the same policy as Cedar that Cedar enforces', async () => {
      await api.commissionedAgent('policy-cedar', BUDGET);
      const json = await api
        .as('owner')
        .get('/v1/agents/default/policy-cedar/policy');
      const res = await api
        .as('owner')
        .get('/v1/agents/default/policy-cedar/policy?format=cedar');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.headers.etag).toBe(json.headers.etag);
      expect(res.text).toContain(`// policy hash ${json.body.hash}`);
      const id = identityOf('policy-cedar');
      expect(cedarDecision(res.text, id, 'orders.lookup')).toBe('allow');
      expect(cedarDecision(res.text, id, 'payments.refund-all')).toBe('deny');
      expect(cedarDecision(res.text, id, 'tickets.delete')).toBe('deny');
      expect(
        cedarDecision(res.text, id, 'tickets.delete', { approved: true }),
      ).toBe('allow');
    });

    it('lets whoever may read the agent read its policy, gateways with service tokens too', async () => {
      await api.commissionedAgent('policy-readers', BUDGET);
      const statuses = await api.statuses(
        who => api.as(who).get('/v1/agents/default/policy-readers/policy'),
        ['owner', 'otherTeam', 'security', 'gateway', 'anonymous'],
      );
      expect(statuses).toEqual({
        owner: 200,
        otherTeam: 403,
        security: 200,
        gateway: 200,
        anonymous: 401,
      });
      const unknown = await api
        .as('gateway')
        .get('/v1/agents/default/nobody/policy');
      expect(unknown.status).toBe(404);
      const badFormat = await api
        .as('owner')
        .get('/v1/agents/default/policy-readers/policy?format=rego');
      expect(badFormat.status).toBe(400);
    });

    it('denies a suspended agent everything, in JSON and in Cedar', async () => {
      await api.commissionedAgent('policy-suspended', BUDGET);
      const before = await api
        .as('gateway')
        .get('/v1/agents/default/policy-suspended/policy');
      await api.suspend('policy-suspended');

      const res = await api
        .as('gateway')
        .get('/v1/agents/default/policy-suspended/policy')
        .set('If-None-Match', before.headers.etag);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        effect: 'deny-all',
        tools: [],
        agent: { state: 'suspended' },
        reason: expect.stringContaining('is suspended'),
      });
      expect(res.headers.etag).not.toBe(before.headers.etag);

      const text = (
        await api
          .as('gateway')
          .get('/v1/agents/default/policy-suspended/policy?format=cedar')
      ).text;
      expect(text).toContain('forbid (');
      expect(
        cedarDecision(text, identityOf('policy-suspended'), 'orders.lookup', {
          approved: true,
        }),
      ).toBe('deny');
    });

    it('bundles every agent past proposed for the caller, with the bundle hash as ETag', async () => {
      await api.commissionedAgent('bundle-active', BUDGET);
      await api.commissionedAgent('bundle-suspended', BUDGET);
      await api.suspend('bundle-suspended');
      await api.fileCommission('bundle-proposed', BUDGET);

      const res = await api.as('gateway').get('/v1/policies');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        apiVersion: 'mandate.dev/policy/v1',
        kind: 'PolicyBundle',
      });
      expect(res.headers.etag).toBe(`"${res.body.hash}"`);
      const effects = Object.fromEntries(
        res.body.policies.map((p: any) => [p.agent.ref, p.effect]),
      );
      expect(effects).toMatchObject({
        'agent:default/bundle-active': 'allow-listed',
        'agent:default/bundle-suspended': 'deny-all',
      });
      expect(effects).not.toHaveProperty('agent:default/bundle-proposed');
      // The bundle holds the same documents as the per-agent route.
      const single = await api
        .as('gateway')
        .get('/v1/agents/default/bundle-active/policy');
      expect(
        res.body.policies.find(
          (p: any) => p.agent.ref === single.body.agent.ref,
        ),
      ).toEqual(single.body);

      const again = await api
        .as('gateway')
        .get('/v1/policies')
        .set('If-None-Match', res.headers.etag);
      expect(again.status).toBe(304);

      const text = (await api.as('gateway').get('/v1/policies?format=cedar'))
        .text;
      expect(
        cedarDecision(text, identityOf('bundle-active'), 'orders.lookup'),
      ).toBe('allow');
      expect(
        cedarDecision(text, identityOf('bundle-suspended'), 'orders.lookup'),
      ).toBe('deny');

      // Another team sees none of customer-care's agents.
      const other = await api.as('otherTeam').get('/v1/policies');
      expect(other.status).toBe(200);
      expect(other.body.policies).toEqual([]);
      expect((await api.as('anonymous').get('/v1/policies')).status).toBe(401);
    });
  },
);
