import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { AgentsApi, startAgentsApi, Who } from '../__testUtils__/agentsApi';
import { SECURITY_GROUP, agentEntity } from '../__testUtils__/entities';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'portal routes on %s',
  databaseId => {
    let api: AgentsApi;
    beforeAll(async () => {
      api = await startAgentsApi(databases, databaseId, {
        securityGroup: SECURITY_GROUP,
        portalPublishing: { enabled: true },
      });
    });

    it('publishes catalog-info.yaml from the portal for the agent owner, readable without a token', async () => {
      const publish = (who: Who) =>
        api
          .as(who)
          .post('/v1/portal/agents', { entity: agentEntity('portal-bot') });
      expect(await api.statuses(publish)).toEqual({
        owner: 201,
        otherTeam: 403,
        security: 201,
        anonymous: 401,
      });
      const published = await publish('owner');
      expect(published.body.catalogInfoUrl).toMatch(
        /\/api\/agents\/v1\/portal\/agents\/default\/portal-bot\/catalog-info\.yaml$/,
      );
      const yaml = await api
        .as('anonymous')
        .get('/v1/portal/agents/default/portal-bot/catalog-info.yaml');
      expect(yaml.status).toBe(200);
      expect(yaml.text).toContain('kind: Agent');
      expect(yaml.text).toContain('name: portal-bot');
      const bad = await api.as('owner').post('/v1/portal/agents', {
        entity: agentEntity('portal-bot', {
          tools: [{ name: 'x', access: 'root' } as any],
        }),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(
        'body.entity.spec.tools[0].access',
      );
    });

    it("refuses another team's manifest over a published one, or over an agent Mandate governs", async () => {
      expect(
        (
          await api
            .as('owner')
            .post('/v1/portal/agents', { entity: agentEntity('claimed-bot') })
        ).status,
      ).toBe(201);
      // Another team publishes the same name with itself as owner.
      const overwrite = await api.as('otherTeam').post('/v1/portal/agents', {
        entity: agentEntity('claimed-bot', { owner: 'group:platform' }),
      });
      expect(overwrite.status).toBe(403);
      const served = await api
        .as('anonymous')
        .get('/v1/portal/agents/default/claimed-bot/catalog-info.yaml');
      expect(served.text).toContain('owner: group:customer-care');

      const governed = await api.commissionedAgent('governed-bot');
      expect(governed).toBe('agent:default/governed-bot');
      expect(
        (
          await api.as('otherTeam').post('/v1/portal/agents', {
            entity: agentEntity('governed-bot', { owner: 'group:platform' }),
          })
        ).status,
      ).toBe(403);
      // The owner (or security) republishes as they like.
      expect(
        (
          await api.as('security').post('/v1/portal/agents', {
            entity: agentEntity('claimed-bot', { owner: 'group:platform' }),
          })
        ).status,
      ).toBe(201);
    });
  },
);
