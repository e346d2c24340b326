import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { startAgentsApi } from '../__testUtils__/agentsApi';
import { agentEntity, identityOf } from '../__testUtils__/entities';
import { DAY, jsonSpan, request } from '../__testUtils__/otlpReceiver';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

const window = `from=${DAY}T00:00:00Z&to=${DAY}T23:59:59Z`;

describe.each(databases.eachSupportedId())(
  'an identity belongs to one agent, on %p',
  databaseId => {
    async function estateWithTraffic() {
      const api = await startAgentsApi(databases, databaseId, {});
      const victim = await api.commissionedAgent('refund-bot');
      // What the gateway saw the victim's identity do.
      const spans = [1, 2, 3].map(i =>
        jsonSpan({
          spanId: `00000000000000${i}0`,
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.agent.id': identityOf('refund-bot'),
            'gen_ai.tool.name': 'orders.lookup',
            'mandate.grant.id': `g-${i}`,
            'mandate.grant.tool': 'orders.lookup',
            'mandate.grant.issued_at': `${DAY}T12:00:00Z`,
            'mandate.grant.expires_at': `${DAY}T12:05:00Z`,
            'mandate.grant.on_behalf_of': 'user:default/customer-42',
          },
        }),
      );
      expect(
        (await api.as('gateway').post('/otlp/v1/traces', request(spans)))
          .status,
      ).toBe(200);
      return { api, victim };
    }

    it("another team's agent that claims the identity sees none of its telemetry, cannot be commissioned, and security is told", async () => {
      const { api, victim } = await estateWithTraffic();
      // Another team writes the victim's identity into its own agent and files its commission.
      const filed = await api.as('otherTeam').post('/v1/requests', {
        agentRef: 'agent:default/squatter',
        type: 'commission',
        reason: 'New agent',
        payload: {
          entity: agentEntity('squatter', {
            owner: 'group:platform',
            identity: { id: identityOf('refund-bot') },
          }),
        },
      });
      expect(filed.status).toBe(201);

      const activity = await api
        .as('otherTeam')
        .get(`/v1/agents/default/squatter/activity?${window}`);
      expect(activity.status).toBe(200);
      expect(activity.body.tools).toEqual([]);
      expect(
        activity.body.daily.reduce((n: number, d: any) => n + d.calls, 0),
      ).toBe(0);
      const grants = await api
        .as('otherTeam')
        .get('/v1/agents/default/squatter/grants');
      expect(grants.body.items ?? grants.body).toEqual([]);
      // The victim's own view is whole.
      const own = await api
        .as('owner')
        .get(`/v1/agents/default/refund-bot/activity?${window}`);
      expect(own.body.tools).toEqual([
        expect.objectContaining({ tool: 'orders.lookup', calls: 3 }),
      ]);

      const findings = await api
        .as('security')
        .get('/v1/findings?type=identity-conflict');
      expect(findings.body.items).toEqual([
        expect.objectContaining({
          agentRef: 'agent:default/squatter',
          severity: 'high',
          evidence: { identity: identityOf('refund-bot'), heldBy: victim },
        }),
      ]);
      const approval = await api
        .as('security')
        .post(`/v1/requests/${filed.body.id}/decision`, {
          decision: 'approve',
          reason: 'looks fine',
        });
      expect(approval.status).toBe(409);
      expect(approval.body.error.message).toContain(
        `its identity ${identityOf('refund-bot')} is held by ${victim}`,
      );
    });

    it('lets an identity move to the agent that replaces its retired holder', async () => {
      const { api, victim } = await estateWithTraffic();
      const filed = await api.as('owner').post('/v1/requests', {
        agentRef: 'agent:default/refund-bot-v2',
        type: 'commission',
        reason: 'Re-platformed',
        payload: {
          entity: agentEntity('refund-bot-v2', {
            identity: { id: identityOf('refund-bot') },
          }),
        },
      });
      const retire = await api.as('owner').post('/v1/requests', {
        agentRef: victim,
        type: 'decommission',
        reason: 'Replaced by v2',
        payload: { attestation: 'Gateway route moved to v2.' },
      });
      expect(retire.body).toMatchObject({ status: 'applied' });
      const approved = await api
        .as('security')
        .post(`/v1/requests/${filed.body.id}/decision`, {
          decision: 'approve',
          reason: 'Re-platforming',
        });
      expect(approved.status).toBe(200);
      const activity = await api
        .as('owner')
        .get(`/v1/agents/default/refund-bot-v2/activity?${window}`);
      expect(activity.body.tools).toEqual([
        expect.objectContaining({ tool: 'orders.lookup', calls: 3 }),
      ]);
    });
  },
);
