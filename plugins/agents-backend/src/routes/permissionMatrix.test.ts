import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import request from 'supertest';
import { AgentsApi, startAgentsApi, Who } from '../__testUtils__/agentsApi';
import { SECURITY_GROUP, agentEntity } from '../__testUtils__/entities';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { spec } from '../schema/openapi.generated';

jest.setTimeout(120_000);
const databases = mandateTestDatabases();

/** Every caller the matrix tries: the agent's owner, another team, security, a gateway's service token, nobody. */
const CALLERS: Who[] = [
  'anonymous',
  'gateway',
  'otherTeam',
  'owner',
  'security',
];
type Statuses = Record<(typeof CALLERS)[number], number>;

/** One operation: how each caller calls it (with fresh objects where a call uses one up), and the answer each gets. */
interface Expectation {
  call: (api: AgentsApi, who: Who, env: Env) => Promise<request.Response>;
  statuses: Statuses;
}

interface Env {
  ref: string;
  /** A newly commissioned agent of the owner's team, for calls that change an agent. */
  freshAgent(): Promise<string>;
  /** A pending request of the agent, fresh for each call. */
  pendingRequest(): Promise<string>;
  /** A pending call approval of the agent, fresh for each call. */
  pendingApproval(): Promise<string>;
  /** An open finding of the agent, fresh for each call. */
  openFinding(): Promise<string>;
  /** An open review of a fresh agent. */
  openReview(): Promise<string>;
}

const users = (ok: number, forOthers = 403): Statuses => ({
  anonymous: 401,
  gateway: 403,
  otherTeam: forOthers,
  owner: ok,
  security: ok,
});
const ownersAndGateways = (ok: number): Statuses => ({
  ...users(ok),
  gateway: ok,
});
const securityOnly = (ok: number): Statuses => ({
  ...users(ok),
  owner: 403,
});
const everyone = (ok: number): Statuses => ({
  anonymous: ok,
  gateway: ok,
  otherTeam: ok,
  owner: ok,
  security: ok,
});
const AGENT = '/v1/agents/default/matrix-bot';

const EXPECTED: Record<string, Expectation> = {
  ListAgents: {
    call: (a, w) => a.as(w).get('/v1/agents'),
    statuses: users(200, 200),
  },
  ExportAgentsCsv: {
    call: (a, w) => a.as(w).get('/v1/agents/export.csv'),
    statuses: users(200, 200),
  },
  EstateSummary: {
    call: (a, w) => a.as(w).get('/v1/estate/summary'),
    statuses: users(200, 200),
  },
  GetAgent: { call: (a, w) => a.as(w).get(AGENT), statuses: users(200) },
  ListApprovedScopes: {
    call: (a, w) => a.as(w).get(`${AGENT}/scopes`),
    statuses: users(200),
  },
  ListAgentReviews: {
    call: (a, w) => a.as(w).get(`${AGENT}/reviews`),
    statuses: users(200),
  },
  ListAgentAudit: {
    call: (a, w) => a.as(w).get(`${AGENT}/audit`),
    statuses: users(200),
  },
  GetAgentPolicy: {
    call: (a, w) => a.as(w).get(`${AGENT}/policy`),
    statuses: ownersAndGateways(200),
  },
  GetPolicyBundle: {
    call: (a, w) => a.as(w).get('/v1/policies'),
    statuses: { ...ownersAndGateways(200), otherTeam: 200 },
  },
  IssueBehaviourCertificate: {
    call: (a, w) => a.as(w).post(`${AGENT}/certificate`),
    statuses: ownersAndGateways(201),
  },
  GetCertificateKeys: {
    call: (a, w) => a.as(w).get('/v1/certificates/jwks.json'),
    statuses: everyone(200),
  },
  ListRequests: {
    call: (a, w) => a.as(w).get('/v1/requests'),
    statuses: users(200, 200),
  },
  CreateRequest: {
    call: async (a, w, e) =>
      a.as(w).post('/v1/requests', {
        agentRef: await e.freshAgent(),
        type: 'owner-transfer',
        reason: 'Platform runs it now',
        payload: { newOwner: 'group:platform' },
      }),
    statuses: users(201),
  },
  GetRequest: {
    call: async (a, w, e) =>
      a.as(w).get(`/v1/requests/${await e.pendingRequest()}`),
    statuses: users(200),
  },
  DecideRequest: {
    call: async (a, w, e) =>
      a.as(w).post(`/v1/requests/${await e.pendingRequest()}/decision`, {
        decision: 'reject',
        reason: 'Not now',
      }),
    statuses: securityOnly(200),
  },
  ListCallApprovals: {
    call: (a, w) => a.as(w).get('/v1/approvals'),
    statuses: { ...ownersAndGateways(200), otherTeam: 200 },
  },
  FileCallApproval: {
    call: (a, w, e) =>
      a.as(w).post('/v1/approvals', {
        agentRef: e.ref,
        identity: 'spiffe://acme.example/agent/matrix-bot',
        tool: 'refunds.issue',
        argumentsSummary: 'refund 40 USD',
        why: 'approval: human',
      }),
    statuses: {
      anonymous: 401,
      gateway: 201,
      otherTeam: 403,
      owner: 403,
      security: 403,
    },
  },
  GetCallApproval: {
    call: async (a, w, e) =>
      a.as(w).get(`/v1/approvals/${await e.pendingApproval()}`),
    statuses: ownersAndGateways(200),
  },
  DecideCallApproval: {
    call: async (a, w, e) =>
      a.as(w).post(`/v1/approvals/${await e.pendingApproval()}/decision`, {
        decision: 'deny',
        reason: 'Not this one',
      }),
    statuses: users(200),
  },
  ListMyReviews: {
    call: (a, w) => a.as(w).get('/v1/reviews/mine'),
    statuses: users(200, 200),
  },
  SubmitReview: {
    call: async (a, w, e) =>
      a.as(w).post(`/v1/reviews/${await e.openReview()}/submission`, {
        attestation: 'Reviewed every tool against its use',
        decisions: agentEntity('matrix-bot').spec.tools.map(t => ({
          tool: t.name,
          decision: 'keep',
        })),
      }),
    statuses: users(200),
  },
  ListFindings: {
    call: (a, w) => a.as(w).get('/v1/findings'),
    statuses: users(200, 200),
  },
  ResolveFinding: {
    call: async (a, w, e) =>
      a.as(w).post(`/v1/findings/${await e.openFinding()}/resolution`, {
        reason: 'Looked into it',
      }),
    statuses: securityOnly(200),
  },
  GetAgentActivity: {
    call: (a, w) => a.as(w).get(`${AGENT}/activity`),
    statuses: ownersAndGateways(200),
  },
  ListAgentGrants: {
    call: (a, w) => a.as(w).get(`${AGENT}/grants`),
    statuses: ownersAndGateways(200),
  },
  GetAgentMaturity: {
    call: (a, w) => a.as(w).get(`${AGENT}/maturity`),
    statuses: ownersAndGateways(200),
  },
  GetEnforcementStatus: {
    call: (a, w) => a.as(w).get('/v1/enforcement/status'),
    statuses: users(200, 200),
  },
  VerifyAuditChain: {
    call: (a, w) => a.as(w).get('/v1/audit/verify'),
    statuses: securityOnly(200),
  },
  ExportAudit: {
    call: (a, w) => a.as(w).get('/v1/audit/export'),
    statuses: securityOnly(200),
  },
  PublishPortalAgent: {
    call: (a, w) =>
      a.as(w).post('/v1/portal/agents', { entity: agentEntity('matrix-bot') }),
    statuses: users(201),
  },
  ReadPortalAgent: {
    call: (a, w) =>
      a.as(w).get('/v1/portal/agents/default/matrix-bot/catalog-info.yaml'),
    statuses: everyone(200),
  },
};

/** Every operation of the API, by operationId. */
function operations(): string[] {
  return Object.values(spec.paths as Record<string, Record<string, any>>)
    .flatMap(path => Object.values(path))
    .map(op => op?.operationId)
    .filter((id): id is string => typeof id === 'string');
}

describe.each(databases.eachSupportedId())(
  'the permission matrix of every operation, on %s',
  databaseId => {
    it('has an expectation for every operation in openapi.yaml, and none for operations that are gone', () => {
      expect(Object.keys(EXPECTED).sort()).toEqual(operations().sort());
    });

    it('answers every caller of every operation as its expectation says', async () => {
      const api = await startAgentsApi(databases, databaseId, {
        securityGroup: SECURITY_GROUP,
        portalPublishing: { enabled: true },
      });
      const ref = await api.commissionedAgent('matrix-bot');
      const db = new AgentsDatabase(api.knex);
      let serial = 0;
      const freshAgent = () => api.commissionedAgent(`matrix-${(serial += 1)}`);
      const env: Env = {
        ref,
        freshAgent,
        openReview: async () => api.openReview(await freshAgent()),
        async pendingRequest() {
          const agentRef = await freshAgent();
          const res = await api.as('owner').post('/v1/requests', {
            agentRef,
            type: 'scope-change',
            reason: 'Wider',
            payload: {
              scope: {
                dataClasses: ['customer-pii', 'payment'],
                tools: [
                  ...agentEntity('matrix-bot').spec.tools,
                  { name: 'extra.tool', access: 'read' },
                ],
              },
            },
          });
          expect(res.status).toBe(201);
          return res.body.id;
        },
        async pendingApproval() {
          const res = await api.as('gateway').post('/v1/approvals', {
            agentRef: ref,
            identity: 'spiffe://acme.example/agent/matrix-bot',
            tool: 'refunds.issue',
            argumentsSummary: `refund ${(serial += 1)} USD`,
            why: 'approval: human',
          });
          return res.body.id;
        },
        async openFinding() {
          serial += 1;
          await db.stores.findings.report(
            {
              agentRef: ref,
              subject: `${ref}#${serial}`,
              type: 'owner-disagreement',
              severity: 'high',
              message: 'for the matrix',
              evidence: {},
            },
            api.clock.iso(),
          );
          const { items } = await db.stores.findings.list({
            status: 'open',
            agentRef: ref,
            type: 'owner-disagreement',
            limit: 1,
            offset: 0,
          });
          return items[0].id;
        },
      };
      const actual: Record<string, Statuses> = {};
      let requests = 0;
      for (const [operation, expectation] of Object.entries(EXPECTED)) {
        actual[operation] = {} as Statuses;
        for (const who of CALLERS) {
          actual[operation][who] = (
            await expectation.call(api, who, env)
          ).status;
          requests += 1;
        }
      }
      expect(actual).toEqual(
        Object.fromEntries(
          Object.entries(EXPECTED).map(([op, e]) => [op, e.statuses]),
        ),
      );
      expect(requests).toBe(operations().length * CALLERS.length);
    });
  },
);
