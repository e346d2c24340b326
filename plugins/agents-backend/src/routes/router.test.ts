import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startAgentsBackend } from '../__testUtils__/backend';
import { migrateUp } from '../database/migrate';
import {
  TestClock,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE, SECURITY_GROUP, agentEntity } from '../__testUtils__/entities';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

type Who = 'owner' | 'otherTeam' | 'security' | 'anonymous';
const WHO: Who[] = ['owner', 'otherTeam', 'security', 'anonymous'];

async function start(databaseId: any) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  const clock = new TestClock();
  const server = await startAgentsBackend(
    knex,
    {
      securityGroup: SECURITY_GROUP,
      portalPublishing: { enabled: true },
    },
    clock,
  );
  const as = (who: Who) => {
    const auth = (r: request.Test) =>
      who === 'anonymous'
        ? r
        : r.set('Authorization', mockCredentials.user.header(PEOPLE[who].ref));
    return {
      get: (path: string) => auth(request(server).get(`/api/agents${path}`)),
      post: (path: string, body: object) =>
        auth(request(server).post(`/api/agents${path}`).send(body)),
    };
  };

  /** A commissioned agent of customer-care, made through the API. */
  async function commissionedAgent(name: string) {
    const filed = await as('owner').post('/v1/requests', {
      agentRef: `agent:default/${name}`,
      type: 'commission',
      reason: 'Launch it',
      payload: { entity: agentEntity(name) },
    });
    expect(filed.status).toBe(201);
    const approved = await as('security').post(
      `/v1/requests/${filed.body.id}/decision`,
      {
        decision: 'approve',
        reason: 'fits',
      },
    );
    expect(approved.status).toBe(200);
    return `agent:default/${name}`;
  }

  async function openReview(ref: string) {
    const agent = await knex('agents').where({ entity_ref: ref }).first();
    const id = `review-${ref.split('/')[1]}`;
    await knex('reviews').insert({
      id,
      agent_ref: ref,
      status: 'open',
      due_at: agent.next_review_due_at,
      opened_at: clock.iso(),
      period_start: agent.commissioned_at,
      period_end: agent.next_review_due_at,
      escalation_level: 1,
    });
    return id;
  }

  return { knex, server, as, commissionedAgent, openReview };
}

describe.each(databases.eachSupportedId())(
  'agents router on %s',
  databaseId => {
    let api: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      api = await start(databaseId);
    });

    const statuses = async (call: (who: Who) => Promise<request.Response>) => {
      const result: Record<string, number> = {};
      for (const who of WHO) result[who] = (await call(who)).status;
      return result;
    };

    it('reads: owners their own agents, security every agent, other teams nothing', async () => {
      const ref = await api.commissionedAgent('read-matrix');
      const paths = ['', '/scopes', '/reviews', '/audit'];
      const byPath = await Promise.all(
        paths.map(async path => ({
          path,
          ...(await statuses(who =>
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
        await statuses(who => api.as(who).get(`/v1/requests/${commission.id}`)),
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
      const findingsStatus = await statuses(who =>
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

    it('publishes catalog-info.yaml from the portal for the agent owner, readable without a token', async () => {
      const publish = (who: Who) =>
        api
          .as(who)
          .post('/v1/portal/agents', { entity: agentEntity('portal-bot') });
      expect(await statuses(publish)).toEqual({
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

    it('summarises exactly the estate each caller may list', async () => {
      await api.commissionedAgent('summary-bot');
      for (const who of ['owner', 'otherTeam', 'security'] as const) {
        const summary = (await api.as(who).get('/v1/estate/summary')).body;
        const listed = (await api.as(who).get('/v1/agents?limit=500')).body;
        expect({ who, total: summary.total }).toEqual({
          who,
          total: listed.totalCount,
        });
        const notRetired = listed.items.filter(
          (a: any) =>
            a.state !== 'retired' && a.dataClasses.includes('customer-pii'),
        ).length;
        expect(summary.agentsByDataClass['customer-pii'] ?? 0).toBe(notRetired);
      }
      const security = (await api.as('security').get('/v1/estate/summary'))
        .body;
      expect(security.byState.active).toBeGreaterThan(0);
      expect((await api.as('anonymous').get('/v1/estate/summary')).status).toBe(
        401,
      );
    });

    it('exports the estate each caller may see as CSV, with the list filters', async () => {
      await api.commissionedAgent('csv-bot');
      const owner = await api
        .as('owner')
        .get('/v1/agents/export.csv?state=active');
      expect(owner.status).toBe(200);
      expect(owner.headers['content-type']).toContain('text/csv');
      const [header, ...rows] = owner.text.trim().split('\r\n');
      expect(header).toBe(
        'entityRef,title,owner,sponsor,state,modelTier,highestAccess,dataClasses,reviewStatus,reviewDueAt,reviewOverdueDays,openRequests,openFindings,criticalFindings,highFindings,maturityScore,lastActivityAt',
      );
      expect(rows.find(r => r.startsWith('agent:default/csv-bot,'))).toContain(
        ',group:default/customer-care,user:default/dana.lee,active,standard,destructive,customer-pii payment,not-due,',
      );
      expect(rows.every(r => r.includes(',active,'))).toBe(true);
      const other = await api.as('otherTeam').get('/v1/agents/export.csv');
      expect(other.text).not.toContain('agent:default/csv-bot');
      expect(
        (await api.as('anonymous').get('/v1/agents/export.csv')).status,
      ).toBe(401);
    });

    it('shows the agent detail with approved scope and drift', async () => {
      await api.commissionedAgent('detail');
      const res = await api.as('owner').get('/v1/agents/default/detail');
      expect(res.body).toMatchObject({
        entityRef: 'agent:default/detail',
        state: 'active',
        reviewStatus: 'not-due',
        approvedVersions: 1,
        approvedScope: { version: 1, approvedBy: PEOPLE.security.ref },
        drift: { notApproved: [], notDeclared: [] },
        // the OTLP receiver is on by default, so its store answers for telemetry
        enforcement: { providers: ['mandate-telemetry'] },
        openFindingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
      });
      expect(res.body.enforcement.note).toBeUndefined();
      expect(res.body.requests).toEqual([
        expect.objectContaining({ type: 'commission', status: 'applied' }),
      ]);
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
      expect(await statuses(reduce)).toEqual({
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
      expect(await statuses(suspend)).toEqual({
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
      expect(await statuses(decide)).toEqual({
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
      expect(await statuses(submit)).toEqual({
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

    it('verifies and exports the audit trail for security; owners export only their own agents', async () => {
      const ref = await api.commissionedAgent('audit-matrix');
      expect(
        await statuses(who => api.as(who).get('/v1/audit/verify')),
      ).toEqual({
        owner: 403,
        otherTeam: 403,
        security: 200,
        anonymous: 401,
      });
      expect(
        await statuses(who => api.as(who).get('/v1/audit/export')),
      ).toEqual({
        owner: 403,
        otherTeam: 403,
        security: 200,
        anonymous: 401,
      });
      const own = await api.as('owner').get(`/v1/audit/export?agentRef=${ref}`);
      expect(own.status).toBe(200);
      expect(own.headers['content-type']).toContain('application/x-ndjson');
      const lines = own.text
        .trim()
        .split('\n')
        .map(line => JSON.parse(line));
      expect(lines.map(e => e.action)).toEqual([
        'agent.registered',
        'request.filed',
        'request.approved',
        'scope.commissioned',
        'agent.commissioned',
      ]);
      expect(
        (await api.as('otherTeam').get(`/v1/audit/export?agentRef=${ref}`))
          .status,
      ).toBe(403);
      expect(
        (await api.as('security').get('/v1/audit/verify')).body,
      ).toMatchObject({ ok: true });

      await api
        .knex('audit_events')
        .where({ agent_ref: ref, action: 'request.approved' })
        .update({ actor_ref: 'user:default/mallory' });
      const broken = await api.as('security').get('/v1/audit/verify');
      expect(broken.body).toMatchObject({
        ok: false,
        reason: expect.stringContaining('was changed after it was written'),
      });
      await api
        .knex('audit_events')
        .where({ agent_ref: ref, action: 'request.approved' })
        .update({ actor_ref: PEOPLE.security.ref });
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
