import { mockCredentials } from '@backstage/backend-test-utils';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import {
  TestClock,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { createLocalJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { PEOPLE, agentEntity } from '../__testUtils__/entities';
import { migrateUp } from '../database/migrate';
import { startAgentsBackend } from '../__testUtils__/backend';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();
const ISSUER = 'https://mandate.test/api/agents';

type Who = 'owner' | 'otherTeam' | 'security' | 'gateway' | 'anonymous';

async function start(databaseId: any) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  const clock = new TestClock();
  const server = await startAgentsBackend(
    knex,
    {
      securityGroup: 'group:default/security',
      certificates: { issuer: ISSUER, lifetime: 'PT2H' },
    },
    clock,
  );

  const header = (who: Who) => {
    if (who === 'anonymous') return undefined;
    // A gateway calls with a service token (external access), not as a user.
    if (who === 'gateway') return mockCredentials.service.header();
    return mockCredentials.user.header(PEOPLE[who].ref);
  };
  const as = (who: Who) => {
    const auth = (r: request.Test) => {
      const value = header(who);
      return value ? r.set('Authorization', value) : r;
    };
    return {
      get: (path: string) => auth(request(server).get(`/api/agents${path}`)),
      post: (path: string, body: object = {}) =>
        auth(request(server).post(`/api/agents${path}`).send(body)),
    };
  };

  async function fileCommission(name: string) {
    const filed = await as('owner').post('/v1/requests', {
      agentRef: `agent:default/${name}`,
      type: 'commission',
      reason: 'Launch it',
      payload: { entity: agentEntity(name, { budgets: { monthlyUsd: 400 } }) },
    });
    expect(filed.status).toBe(201);
    return filed.body.id as string;
  }

  async function activeAgent(name: string) {
    const id = await fileCommission(name);
    const approved = await as('security').post(`/v1/requests/${id}/decision`, {
      decision: 'approve',
      reason: 'fits',
    });
    expect(approved.status).toBe(200);
    return `agent:default/${name}`;
  }

  async function suspend(name: string) {
    const res = await as('security').post('/v1/requests', {
      agentRef: `agent:default/${name}`,
      type: 'suspend',
      reason: 'Incident 42',
      payload: {},
    });
    expect(res.status).toBe(201);
  }

  return { knex, clock, as, fileCommission, activeAgent, suspend };
}

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

const identityOf = (name: string) => `spiffe://acme.example/agent/${name}`;

describe.each(databases.eachSupportedId())(
  'policy and certificate routes on %s',
  databaseId => {
    let api: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      api = await start(databaseId);
    });

    it('serves an active agent its allow-list as JSON, with the hash as ETag', async () => {
      await api.activeAgent('policy-json');
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
      await api.activeAgent('policy-cedar');
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
      await api.activeAgent('policy-readers');
      const statuses: Record<string, number> = {};
      for (const who of [
        'owner',
        'otherTeam',
        'security',
        'gateway',
        'anonymous',
      ] as Who[]) {
        statuses[who] = (
          await api.as(who).get('/v1/agents/default/policy-readers/policy')
        ).status;
      }
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
      await api.activeAgent('policy-suspended');
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
      await api.activeAgent('bundle-active');
      await api.activeAgent('bundle-suspended');
      await api.suspend('bundle-suspended');
      await api.fileCommission('bundle-proposed');

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

    it('issues a certificate for an active agent that verifies against the JWKS', async () => {
      await api.activeAgent('cert-active');
      const policy = await api
        .as('owner')
        .get('/v1/agents/default/cert-active/policy');
      const res = await api
        .as('owner')
        .post('/v1/agents/default/cert-active/certificate');
      expect(res.status).toBe(201);

      const jwks = await api.as('anonymous').get('/v1/certificates/jwks.json');
      expect(jwks.status).toBe(200);
      expect(jwks.body.keys[0]).not.toHaveProperty('d');
      const { payload, protectedHeader } = await jwtVerify(
        res.body.certificate,
        createLocalJWKSet(jwks.body),
        {
          issuer: ISSUER,
          subject: identityOf('cert-active'),
          typ: 'mandate-behaviour-certificate+jwt',
          algorithms: ['ES256'],
          currentDate: api.clock.now(),
        },
      );
      expect(protectedHeader.alg).toBe('ES256');
      expect(payload).toEqual(res.body.claims);
      expect(payload).toMatchObject({
        agentRef: 'agent:default/cert-active',
        policyHash: policy.body.hash,
        model: {
          provider: 'anthropic',
          name: 'claude-sonnet-4-5',
          tier: 'standard',
        },
        tools: [
          { name: 'orders.lookup', access: 'read', approval: 'none' },
          { name: 'refunds.issue', access: 'write', approval: 'human' },
          { name: 'tickets.delete', access: 'destructive', approval: 'human' },
        ],
        budgets: { monthlyUsd: 400 },
        review: { dueAt: expect.any(String), overdue: false },
      });
      // agents.certificates.lifetime is PT2H.
      expect(payload.exp! - payload.iat!).toBe(2 * 3600);
      expect(res.body.expiresAt).toBe(
        new Date(payload.exp! * 1000).toISOString(),
      );

      const audit = await api
        .as('owner')
        .get('/v1/agents/default/cert-active/audit');
      expect(audit.body.items[0]).toMatchObject({
        action: 'certificate.issued',
        actorRef: PEOPLE.owner.ref,
        data: {
          policyHash: policy.body.hash,
          jti: payload.jti,
          expiresAt: res.body.expiresAt,
        },
      });
    });

    it('issues certificates only to callers who may read the agent', async () => {
      await api.activeAgent('cert-readers');
      const path = '/v1/agents/default/cert-readers/certificate';
      expect((await api.as('otherTeam').post(path)).status).toBe(403);
      expect((await api.as('anonymous').post(path)).status).toBe(401);
      const byGateway = await api.as('gateway').post(path);
      expect(byGateway.status).toBe(201);
      const audit = await api
        .as('security')
        .get('/v1/agents/default/cert-readers/audit');
      expect(audit.body.items[0]).toMatchObject({
        action: 'certificate.issued',
        actorRef: 'service:external:test-service',
      });
    });

    it('refuses a certificate for a suspended agent, saying why', async () => {
      await api.activeAgent('cert-suspended');
      await api.suspend('cert-suspended');
      const res = await api
        .as('owner')
        .post('/v1/agents/default/cert-suspended/certificate');
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        'agent:default/cert-suspended is suspended; certificates are issued only for active agents (resume it first)',
      );
    });

    it('refuses a certificate while the review is overdue, saying why', async () => {
      const ref = await api.activeAgent('cert-overdue');
      const dueAt = api.clock.isoAt({ days: -1 });
      await api
        .knex('agents')
        .where({ entity_ref: ref })
        .update({ next_review_due_at: dueAt });
      const res = await api
        .as('owner')
        .post('/v1/agents/default/cert-overdue/certificate');
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(
        new RegExp(
          `^agent:default/cert-overdue's scope review was due ${dueAt} and is overdue; .*submits the open review`,
        ),
      );
      const audit = await api
        .as('owner')
        .get('/v1/agents/default/cert-overdue/audit');
      expect(audit.body.items.map((e: any) => e.action)).not.toContain(
        'certificate.issued',
      );
    });
  },
);
