import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { AgentsApi, startAgentsApi, Who } from '../__testUtils__/agentsApi';
import { SECURITY_GROUP, agentEntity } from '../__testUtils__/entities';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'request and review routes on %s',
  databaseId => {
    let api: AgentsApi;
    beforeAll(async () => {
      api = await startAgentsApi(databases, databaseId, {
        securityGroup: SECURITY_GROUP,
      });
    });

    it('files requests: owners for their own agents, containment only for security', async () => {
      await api.commissionedAgent('file-matrix');
      const reduce = (who: Who) =>
        api.as(who).post('/v1/requests', {
          agentRef: 'agent:default/file-matrix',
          type: 'owner-transfer',
          reason: 'Team reorganised',
          payload: { newOwner: `group:${who}-team` },
        });
      expect(await api.statuses(reduce)).toEqual({
        owner: 201,
        otherTeam: 403,
        security: 409,
        anonymous: 401,
      });

      await api.commissionedAgent('contain-matrix');
      const suspend = (who: Who) =>
        api.as(who).post('/v1/requests', {
          agentRef: 'agent:default/contain-matrix',
          type: 'suspend',
          reason: 'Incident 42',
          payload: {},
        });
      expect(await api.statuses(suspend)).toEqual({
        owner: 403,
        otherTeam: 403,
        security: 201,
        anonymous: 401,
      });
    });

    it('decides requests: security, or the new owner accepting a transfer', async () => {
      const filed = await api.as('owner').post('/v1/requests', {
        agentRef: 'agent:default/decide-matrix',
        type: 'commission',
        reason: 'Launch',
        payload: { entity: agentEntity('decide-matrix') },
      });
      const decide = (who: Who) =>
        api.as(who).post(`/v1/requests/${filed.body.id}/decision`, {
          decision: 'approve',
          reason: 'looks right',
        });
      expect(await api.statuses(decide)).toEqual({
        owner: 403,
        otherTeam: 403,
        security: 200,
        anonymous: 401,
      });

      const transfer = await api.as('owner').post('/v1/requests', {
        agentRef: 'agent:default/decide-matrix',
        type: 'owner-transfer',
        reason: 'Platform runs it now',
        payload: { newOwner: 'group:platform' },
      });
      const accepted = await api
        .as('otherTeam')
        .post(`/v1/requests/${transfer.body.id}/decision`, {
          decision: 'approve',
          reason: 'we accept',
        });
      expect(accepted.status).toBe(200);
      expect(
        (await api.as('otherTeam').get('/v1/agents/default/decide-matrix'))
          .body,
      ).toMatchObject({
        ownerRef: 'group:default/platform',
        drift: {
          ownerDiffers: {
            declared: 'group:default/customer-care',
            governance: 'group:default/platform',
          },
        },
      });
      expect(
        (await api.as('owner').get('/v1/agents/default/decide-matrix')).status,
      ).toBe(403);
    });

    it('lets owners (and security) submit reviews, and lists my reviews', async () => {
      const submit = async (who: Who) => {
        const ref = await api.commissionedAgent(`review-${who.toLowerCase()}`);
        const id = await api.openReview(ref);
        return api.as(who).post(`/v1/reviews/${id}/submission`, {
          decisions: ['orders.lookup', 'refunds.issue', 'tickets.delete'].map(
            tool => ({
              tool,
              decision: tool === 'tickets.delete' ? 'revoke' : 'keep',
            }),
          ),
          attestation: 'Checked every tool with the team.',
        });
      };
      expect(await api.statuses(submit)).toEqual({
        owner: 200,
        otherTeam: 403,
        security: 200,
        anonymous: 401,
      });

      const ref = await api.commissionedAgent('mine');
      const id = await api.openReview(ref);
      const mine = await api.as('owner').get('/v1/reviews/mine');
      expect(mine.body.reviews.map((r: any) => r.id)).toContain(id);
      expect(
        (await api.as('otherTeam').get('/v1/reviews/mine')).body.reviews.map(
          (r: any) => r.id,
        ),
      ).not.toContain(id);
      expect((await api.as('anonymous').get('/v1/reviews/mine')).status).toBe(
        401,
      );

      const first = await api.as('owner').post(`/v1/reviews/${id}/submission`, {
        decisions: ['orders.lookup', 'refunds.issue', 'tickets.delete'].map(
          tool => ({ tool, decision: 'keep' }),
        ),
        attestation: 'Checked every tool with the team.',
      });
      const second = await api
        .as('owner')
        .post(`/v1/reviews/${id}/submission`, {
          decisions: ['orders.lookup', 'refunds.issue', 'tickets.delete'].map(
            tool => ({ tool, decision: 'revoke' }),
          ),
          attestation: 'Changed my mind entirely.',
        });
      expect([first.status, second.status]).toEqual([200, 409]);
    });

    it.each([
      [
        { agentRef: 'agent:default/x', type: 'promote', reason: 'because' },
        'type',
      ],
      [
        { agentRef: 'agent:default/x', type: 'suspend' },
        'body.reason: is required',
      ],
      [
        {
          agentRef: 'agent:default/x',
          type: 'scope-change',
          reason: 'because',
          payload: { tools: [] },
        },
        'body.payload.tools: is not a known field',
      ],
      [
        {
          agentRef: 'agent:default/x',
          type: 'scope-change',
          reason: 'because',
          payload: {
            scope: { dataClasses: [], tools: [{ name: 'a', access: 'admin' }] },
          },
        },
        'access',
      ],
      [
        { agentRef: 'agent:../x/y', type: 'suspend', reason: 'because' },
        'agentRef: ".." is not a valid namespace',
      ],
      [
        { agentRef: 'group:default/x', type: 'suspend', reason: 'because' },
        'agentRef: "group:default/x" is a group, not an agent',
      ],
    ])(
      'rejects a bad request body (%j) naming %s, and writes nothing',
      async (body, field) => {
        const before = await api.knex('audit_events').count({ n: '*' });
        const requestsBefore = await api.knex('requests').count({ n: '*' });
        const res = await api.as('security').post('/v1/requests', body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(field);
        expect(await api.knex('audit_events').count({ n: '*' })).toEqual(
          before,
        );
        expect(await api.knex('requests').count({ n: '*' })).toEqual(
          requestsBefore,
        );
      },
    );

    it('rejects a bad review submission naming the field', async () => {
      const ref = await api.commissionedAgent('bad-review');
      const id = await api.openReview(ref);
      const res = await api.as('owner').post(`/v1/reviews/${id}/submission`, {
        decisions: [{ tool: 'orders.lookup', decision: 'maybe' }],
        attestation: 'Checked every tool with the team.',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('decision');
      const short = await api.as('owner').post(`/v1/reviews/${id}/submission`, {
        decisions: [],
        attestation: 'ok',
      });
      expect(short.status).toBe(400);
      expect(short.body.error.message).toContain('attestation');
      expect((await api.knex('reviews').where({ id }).first()).status).toBe(
        'open',
      );
    });
  },
);
