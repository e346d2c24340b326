import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { AgentsApi, startAgentsApi, Who } from '../__testUtils__/agentsApi';
import { PEOPLE, SECURITY_GROUP } from '../__testUtils__/entities';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'permissions across the agents API on %s',
  databaseId => {
    let api: AgentsApi;
    beforeAll(async () => {
      api = await startAgentsApi(databases, databaseId, {
        securityGroup: SECURITY_GROUP,
      });
    });

    it('reads: owners their own agents, security every agent, other teams nothing', async () => {
      const ref = await api.commissionedAgent('read-matrix');
      const paths = ['', '/scopes', '/reviews', '/audit'];
      const byPath = await Promise.all(
        paths.map(async path => ({
          path,
          ...(await api.statuses(who =>
            api.as(who).get(`/v1/agents/default/read-matrix${path}`),
          )),
        })),
      );
      expect(byPath).toEqual(
        paths.map(path => ({
          path,
          owner: 200,
          otherTeam: 403,
          security: 200,
          anonymous: 401,
        })),
      );
      const names = async (who: Who) =>
        (await api.as(who).get('/v1/agents?limit=500')).body.items?.map(
          (a: any) => a.entityRef,
        ) ?? [];
      expect(await names('owner')).toContain(ref);
      expect(await names('otherTeam')).not.toContain(ref);
      expect(await names('security')).toContain(ref);
      expect((await api.as('anonymous').get('/v1/agents')).status).toBe(401);

      const [commission] = (
        await api.as('security').get(`/v1/requests?agentRef=${ref}`)
      ).body.items;
      expect(
        await api.statuses(who =>
          api.as(who).get(`/v1/requests/${commission.id}`),
        ),
      ).toEqual({
        owner: 200,
        otherTeam: 403,
        security: 200,
        anonymous: 401,
      });
      const requestsOf = async (who: Who) =>
        (await api.as(who).get(`/v1/requests?agentRef=${ref}`)).body.items
          ?.length ?? -1;
      expect([
        await requestsOf('owner'),
        await requestsOf('otherTeam'),
        await requestsOf('security'),
      ]).toEqual([1, 0, 1]);
      const findingsStatus = await api.statuses(who =>
        api.as(who).get('/v1/findings'),
      );
      expect(findingsStatus).toEqual({
        owner: 200,
        otherTeam: 200,
        security: 200,
        anonymous: 401,
      });
    });

    it('registers the agents-agent resource type, so the permission backend can apply IS_AGENT_OWNER', async () => {
      const ref = await api.commissionedAgent('conditions');
      const condition = (claims: string[]) => ({
        rule: 'IS_AGENT_OWNER',
        resourceType: 'agents-agent',
        params: { claims },
      });
      const res = await request(api.server)
        .post('/api/agents/.well-known/backstage/permissions/apply-conditions')
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:permission'),
            targetPluginId: 'agents',
          }),
        )
        .send({
          items: [
            {
              id: 'mine',
              resourceRef: ref,
              resourceType: 'agents-agent',
              conditions: condition(PEOPLE.owner.claims as any),
            },
            {
              id: 'theirs',
              resourceRef: ref,
              resourceType: 'agents-agent',
              conditions: condition(PEOPLE.otherTeam.claims as any),
            },
          ],
        });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { id: 'mine', result: 'ALLOW' },
        { id: 'theirs', result: 'DENY' },
      ]);
    });
  },
);
