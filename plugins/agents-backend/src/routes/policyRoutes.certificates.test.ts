import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { AgentsApi, startAgentsApi } from '../__testUtils__/agentsApi';
import { PEOPLE, SECURITY_GROUP, identityOf } from '../__testUtils__/entities';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();
const ISSUER = 'https://mandate.test/api/agents';

/** Every agent here has a monthly budget, which its certificate carries. */
const BUDGET = { budgets: { monthlyUsd: 400 } };

describe.each(databases.eachSupportedId())(
  'behaviour certificates and their JWKS on %s',
  databaseId => {
    let api: AgentsApi;
    beforeAll(async () => {
      api = await startAgentsApi(databases, databaseId, {
        securityGroup: SECURITY_GROUP,
        certificates: { issuer: ISSUER, lifetime: 'PT2H' },
      });
    });

    it('issues a certificate for an active agent that verifies against the JWKS', async () => {
      await api.commissionedAgent('cert-active', BUDGET);
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
      await api.commissionedAgent('cert-readers', BUDGET);
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
      await api.commissionedAgent('cert-suspended', BUDGET);
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
      const ref = await api.commissionedAgent('cert-overdue', BUDGET);
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
