import { mockCredentials } from '@backstage/backend-test-utils';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import fc from 'fast-check';
import request from 'supertest';
import { AgentsApi, startAgentsApi } from '../__testUtils__/agentsApi';
import { PEOPLE, SECURITY_GROUP, agentEntity } from '../__testUtils__/entities';

jest.setTimeout(180_000);
const databases = mandateTestDatabases();

/** The tables a governance write touches: a refused request must leave them as they were. */
const TABLES = [
  'agents',
  'approved_scopes',
  'requests',
  'reviews',
  'findings',
  'audit_events',
  'call_approvals',
  'portal_agents',
];

async function rowCounts(api: AgentsApi) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ n }] = await api.knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}

/** Posts `body` as JSON text, whatever it is: a client that is not a browser sends anything. */
function postJson(
  api: AgentsApi,
  who: 'owner' | 'security' | 'gateway',
  path: string,
  body: unknown,
) {
  return request(api.server)
    .post(`/api/agents${path}`)
    .set(
      'Authorization',
      who === 'gateway'
        ? mockCredentials.service.header()
        : mockCredentials.user.header(PEOPLE[who].ref),
    )
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body) ?? 'undefined');
}

/** A JSON value of any shape, strings with the characters parsers trip on. */
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '../../etc/passwd',
    "'; drop table agents; --",
    '\u0000',
    '=HYPERLINK("x")',
    'agent:../x/y',
    'x'.repeat(10_000),
    -1,
    1e308,
    [],
    {},
    null,
  ),
);

/** A valid body with one field (or the whole body) replaced by a hostile value. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    hostile,
    fc
      .tuple(fc.constantFrom(...keys, '__proto__', 'extra'), hostile)
      .map(([key, value]) => ({ ...valid, [key]: value })),
  );
}

describe.each(databases.eachSupportedId())(
  'hostile request bodies, on %s',
  databaseId => {
    it('never make the API fail with a 5xx, and a refused one writes nothing', async () => {
      const api = await startAgentsApi(databases, databaseId, {
        securityGroup: SECURITY_GROUP,
        portalPublishing: { enabled: true },
      });
      const ref = await api.commissionedAgent('fuzz-bot');
      const filed = await api.as('owner').post('/v1/requests', {
        agentRef: ref,
        type: 'owner-transfer',
        reason: 'for the fuzzer',
        payload: { newOwner: 'group:platform' },
      });
      const approval = await api.as('gateway').post('/v1/approvals', {
        agentRef: ref,
        identity: 'spiffe://acme.example/agent/fuzz-bot',
        tool: 'refunds.issue',
        argumentsSummary: 'refund 40 USD',
        why: 'approval: human',
      });
      const review = await api.openReview(ref);
      const targets: Array<{
        path: string;
        who: 'owner' | 'security' | 'gateway';
        valid: Record<string, unknown>;
      }> = [
        {
          path: '/v1/requests',
          who: 'security',
          valid: {
            agentRef: ref,
            type: 'scope-change',
            reason: 'narrower',
            payload: { scope: { dataClasses: [], tools: [] } },
          },
        },
        {
          path: `/v1/requests/${filed.body.id}/decision`,
          who: 'security',
          valid: { decision: 'reject', reason: 'no' },
        },
        {
          path: '/v1/approvals',
          who: 'gateway',
          valid: {
            agentRef: ref,
            identity: 'spiffe://acme.example/agent/fuzz-bot',
            tool: 'refunds.issue',
            argumentsSummary: 'refund',
            why: 'approval: human',
          },
        },
        {
          path: `/v1/approvals/${approval.body.id}/decision`,
          who: 'owner',
          valid: { decision: 'deny', reason: 'no' },
        },
        {
          path: `/v1/reviews/${review}/submission`,
          who: 'owner',
          valid: { attestation: 'Reviewed all of it', decisions: [] },
        },
        {
          path: '/v1/portal/agents',
          who: 'security',
          valid: { entity: agentEntity('fuzz-bot') },
        },
        {
          path: `/v1/findings/00000000-0000-0000-0000-000000000000/resolution`,
          who: 'security',
          valid: { reason: 'looked' },
        },
      ];
      // Each answer, as what a caller would notice: no 5xx, and a refusal that says
      // why and leaves every table as it was.
      const answers: Array<{ path: string; status: number; sound: boolean }> =
        [];
      const send = (target: (typeof targets)[number]) =>
        fc.asyncProperty(mutated(target.valid), async body => {
          const before = await rowCounts(api);
          const res = await postJson(api, target.who, target.path, body);
          const refused = res.status >= 400;
          const sound =
            !refused ||
            (typeof res.body.error?.message === 'string' &&
              JSON.stringify(await rowCounts(api)) === JSON.stringify(before));
          answers.push({ path: target.path, status: res.status, sound });
        });
      for (const target of targets) {
        await fc.assert(send(target), { numRuns: 40, seed: 20261129 });
      }
      expect(answers).toHaveLength(targets.length * 40);
      expect(answers.filter(a => a.status >= 500 || !a.sound)).toEqual([]);
    });
  },
);
