import { mockCredentials } from '@backstage/backend-test-utils';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import request from 'supertest';
import {
  CALLERS,
  Outcome,
  Who,
  startActionsBackend,
} from '../__testUtils__/actions';
import { PEOPLE } from '../__testUtils__/entities';
import { FindingsStore } from '../database/FindingsStore';

jest.setTimeout(120_000);
const databases = mandateTestDatabases();

const ACTIONS = {
  'get-agent-mandate': { readOnly: true, destructive: false, idempotent: true },
  'check-agent-tool-call': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'list-agents-needing-attention': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'list-agent-findings': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'request-agent-scope-change': {
    readOnly: false,
    destructive: true,
    idempotent: false,
  },
  'request-agent-commission': {
    readOnly: false,
    destructive: false,
    idempotent: false,
  },
};

const kind = (outcome: Outcome) => (outcome.ok ? 'ok' : outcome.name);

describe.each(databases.eachSupportedId())(
  'Mandate actions that read, on %s',
  databaseId => {
    let api: Awaited<ReturnType<typeof startActionsBackend>>;
    let mcp: Record<
      Exclude<Who, 'anonymous'>,
      Awaited<ReturnType<typeof api.mcp>>
    >;
    let ref: string;

    beforeAll(async () => {
      api = await startActionsBackend(databaseId, databases);
      mcp = {
        owner: await api.mcp('owner'),
        otherTeam: await api.mcp('otherTeam'),
        security: await api.mcp('security'),
        service: await api.mcp('service'),
      };
      ref = await api.commissionedAgent('refund-assistant');
    });

    afterAll(async () => {
      await Promise.all(Object.values(mcp ?? {}).map(c => c.close()));
    });

    /** Each caller's outcome of a REST call, a registry invocation and an MCP tool call. */
    async function matrix(
      restCall: (who: Who) => Promise<request.Response>,
      action: string,
      input: unknown,
    ) {
      const rest: Record<string, string> = {};
      const registry: Record<string, string> = {};
      const tools: Record<string, string> = {};
      for (const who of CALLERS) {
        rest[who] = kind(await api.restOutcome(restCall(who)));
        registry[who] = kind(await api.invoke(who, action, input));
        tools[who] = kind(await mcp[who as 'owner'].call(action, input));
      }
      return { rest, registry, tools };
    }

    it('lists its six actions in the registry and as MCP tools, with honest attributes', async () => {
      const listed = await request(api.server)
        .get('/api/agents/.backstage/actions/v1/actions')
        .set('Authorization', mockCredentials.user.header(PEOPLE.owner.ref));
      expect(listed.status).toBe(200);
      expect(
        Object.fromEntries(
          listed.body.actions.map((a: any) => [a.name, a.attributes]),
        ),
      ).toEqual(ACTIONS);
      for (const action of listed.body.actions) {
        expect(action.id).toBe(`agents:${action.name}`);
        expect(action.description.length).toBeGreaterThan(200);
        expect(action.schema.input.type).toBe('object');
        expect(action.schema.input.additionalProperties).toBe(false);
      }
      const mandate = listed.body.actions.find(
        (a: any) => a.name === 'get-agent-mandate',
      );
      expect(mandate.schema.input.required).toEqual(['agentRef']);
      const scopeChange = listed.body.actions.find(
        (a: any) => a.name === 'request-agent-scope-change',
      );
      expect(scopeChange.schema.input.required).toEqual([
        'agentRef',
        'reason',
        'scope',
      ]);
      expect(
        scopeChange.schema.input.properties.scope.properties.tools.items
          .properties.access.enum,
      ).toEqual(['read', 'write', 'destructive']);

      const { tools } = await mcp.owner.client.listTools();
      expect(
        Object.fromEntries(
          tools.map(t => [
            t.name,
            {
              readOnly: t.annotations?.readOnlyHint,
              destructive: t.annotations?.destructiveHint,
              idempotent: t.annotations?.idempotentHint,
            },
          ]),
        ),
      ).toEqual(
        Object.fromEntries(
          Object.entries(ACTIONS).map(([name, a]) => [`agents.${name}`, a]),
        ),
      );
    });

    it('refuses callers without a token on every way in', async () => {
      for (const name of Object.keys(ACTIONS)) {
        expect(
          kind(await api.invoke('anonymous', name, { agentRef: ref })),
        ).toBe('AuthenticationError');
      }
      const res = await request(api.server)
        .post('/api/mcp-actions/v1')
        .send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
      expect(res.status).toBe(401);
    });

    it('get-agent-mandate: who may read it is who may read GET /v1/agents/{namespace}/{name}', async () => {
      const { rest, registry, tools } = await matrix(
        who => api.rest(who).get('/v1/agents/default/refund-assistant'),
        'get-agent-mandate',
        { agentRef: ref },
      );
      expect(rest).toEqual({
        owner: 'ok',
        otherTeam: 'NotAllowedError',
        security: 'ok',
        service: 'NotAllowedError',
      });
      expect(registry).toEqual(rest);
      expect(tools).toEqual(rest);
    });

    it("get-agent-mandate: the approved scope, the policy's hash, review and findings", async () => {
      const policy = await api
        .rest('owner')
        .get('/v1/agents/default/refund-assistant/policy');
      const detail = await api
        .rest('owner')
        .get('/v1/agents/default/refund-assistant');
      const answer = await mcp.owner.call('get-agent-mandate', {
        agentRef: 'refund-assistant',
      });
      expect(answer).toEqual({ ok: true, output: expect.any(Object) });
      const mandate = (answer as any).output;
      expect(mandate).toMatchObject({
        agentRef: ref,
        state: 'active',
        ownerRef: 'group:default/customer-care',
        sponsorRef: 'user:default/dana.lee',
        identity: 'spiffe://acme.example/agent/refund-assistant',
        approval: {
          version: 1,
          approvedBy: PEOPLE.security.ref,
        },
        policy: { effect: 'allow-listed', hash: policy.body.hash },
        review: {
          status: 'not-due',
          dueAt: detail.body.reviewDueAt,
          overdueDays: 0,
        },
        openFindings: [],
        openRequests: [],
        drift: { notApproved: [], notDeclared: [] },
        agentPage: '/catalog/default/agent/refund-assistant',
      });
      expect(mandate.approvedScope).toEqual({
        dataClasses: ['customer-pii', 'payment'],
        tools: [
          {
            name: 'orders.lookup',
            access: 'read',
            dataClasses: ['customer-pii'],
          },
          {
            name: 'refunds.issue',
            access: 'write',
            approval: 'human',
            dataClasses: ['payment'],
          },
          {
            name: 'tickets.delete',
            access: 'destructive',
            approval: 'human',
          },
        ],
      });
    });

    it('check-agent-tool-call: who may check is who may read the policy, gateways too', async () => {
      const { rest, registry, tools } = await matrix(
        who => api.rest(who).get('/v1/agents/default/refund-assistant/policy'),
        'check-agent-tool-call',
        { agentRef: ref, tool: 'orders.lookup' },
      );
      expect(rest).toEqual({
        owner: 'ok',
        otherTeam: 'NotAllowedError',
        security: 'ok',
        service: 'ok',
      });
      expect(registry).toEqual(rest);
      expect(tools).toEqual(rest);
    });

    it('check-agent-tool-call: allow, require approval, deny, and why', async () => {
      const check = async (tool: string, identity?: string) => {
        const outcome = await mcp.owner.call('check-agent-tool-call', {
          agentRef: ref,
          tool,
          ...(identity ? { identity } : {}),
        });
        if (!outcome.ok) throw new Error(outcome.message);
        return outcome.output;
      };
      const policy = (
        await api
          .rest('owner')
          .get('/v1/agents/default/refund-assistant/policy')
      ).body;

      expect(await check('orders.lookup')).toEqual({
        agentRef: ref,
        identity: 'spiffe://acme.example/agent/refund-assistant',
        tool: 'orders.lookup',
        decision: 'allow',
        reason: 'orders.lookup is in the approved scope with read access',
        policyHash: policy.hash,
        approvedScopeVersion: 1,
        toolPolicy: {
          access: 'read',
          approval: 'none',
          requiresApproval: false,
          dataClasses: ['customer-pii'],
          constraints: {},
        },
      });
      expect(await check('refunds.issue')).toMatchObject({
        decision: 'require-approval',
        reason: expect.stringContaining('approval: human'),
      });
      expect(await check('tickets.delete')).toMatchObject({
        decision: 'require-approval',
        reason: expect.stringContaining(
          'its access is destructive and its approved scope sets approval: human',
        ),
      });
      expect(await check('payments.refund-all')).toMatchObject({
        decision: 'deny',
        reason: expect.stringContaining(
          'payments.refund-all is not in the approved scope of agent:default/refund-assistant (version 1)',
        ),
      });
      expect(
        await check('orders.lookup', 'spiffe://acme.example/agent/other'),
      ).toMatchObject({
        decision: 'deny',
        reason: expect.stringContaining(
          'spiffe://acme.example/agent/other is not the identity of agent:default/refund-assistant',
        ),
      });
    });

    it('check-agent-tool-call: a suspended agent is denied every call', async () => {
      const suspended = await api.commissionedAgent('suspended-bot');
      const res = await api.rest('security').post('/v1/requests', {
        agentRef: suspended,
        type: 'suspend',
        reason: 'Containment drill',
      });
      expect(res.status).toBe(201);
      const outcome = await api.invoke('owner', 'check-agent-tool-call', {
        agentRef: suspended,
        tool: 'orders.lookup',
      });
      expect(outcome).toMatchObject({
        ok: true,
        output: {
          decision: 'deny',
          reason:
            'every call is denied: agent:default/suspended-bot is suspended; only active agents may call tools',
          approvedScopeVersion: null,
        },
      });
    });

    it('list-agents-needing-attention: as GET /v1/reviews/mine, signed-in users only; their own agents with the reasons', async () => {
      const { rest, registry, tools } = await matrix(
        who => api.rest(who).get('/v1/reviews/mine'),
        'list-agents-needing-attention',
        {},
      );
      expect(rest).toEqual({
        owner: 'ok',
        otherTeam: 'ok',
        security: 'ok',
        service: 'NotAllowedError',
      });
      expect(registry).toEqual(rest);
      expect(tools).toEqual(rest);

      const attentionRef = await api.commissionedAgent('attention-bot');
      await new FindingsStore(api.knex).report(
        {
          agentRef: attentionRef,
          subject: attentionRef,
          type: 'tool-outside-scope',
          severity: 'high',
          message: 'attention-bot called payments.refund-all',
          evidence: { tool: 'payments.refund-all' },
        },
        api.clock.iso(),
      );
      const expansion = await api.rest('owner').post('/v1/requests', {
        agentRef: attentionRef,
        type: 'scope-change',
        reason: 'Needs ticket comments',
        payload: {
          scope: {
            dataClasses: ['customer-pii', 'payment'],
            tools: [
              { name: 'orders.lookup', access: 'read' },
              { name: 'tickets.comment', access: 'write' },
            ],
          },
        },
      });
      expect(expansion.body.status).toBe('pending');

      const owner = await mcp.owner.call('list-agents-needing-attention', {});
      expect(owner).toMatchObject({
        ok: true,
        output: { awaitingYourDecision: [] },
      });
      const { agents, ownAgents } = (owner as any).output;
      expect(agents.find((a: any) => a.agentRef === attentionRef)).toEqual({
        agentRef: attentionRef,
        title: 'attention bot',
        state: 'active',
        ownerRef: 'group:default/customer-care',
        reviewStatus: 'not-due',
        reviewDueAt: expect.any(String),
        reviewOverdueDays: 0,
        openFindings: 1,
        openFindingsBySeverity: { critical: 0, high: 1, medium: 0, low: 0 },
        openRequests: 1,
        reasons: ['1 open findings (1 high)', '1 open requests'],
      });
      // refund-assistant needs nothing: it is not listed, but counted.
      expect(agents.map((a: any) => a.agentRef)).not.toContain(ref);
      expect(ownAgents).toBeGreaterThanOrEqual(2);

      const other = await mcp.otherTeam.call(
        'list-agents-needing-attention',
        {},
      );
      expect(other).toEqual({
        ok: true,
        output: { agents: [], awaitingYourDecision: [], ownAgents: 0 },
      });

      const security = await api.invoke(
        'security',
        'list-agents-needing-attention',
        {},
      );
      expect(security).toMatchObject({
        ok: true,
        output: {
          agents: [],
          awaitingYourDecision: [
            {
              id: expansion.body.id,
              agentRef: attentionRef,
              type: 'scope-change',
              status: 'pending',
              assigneeRef: 'group:default/security',
            },
          ],
        },
      });
      const mine = await api.rest('security').get('/v1/reviews/mine');
      expect(
        (security as any).output.awaitingYourDecision.map((r: any) => r.id),
      ).toEqual(mine.body.requests.map((r: any) => r.id));
    });

    it('list-agent-findings: the same findings as GET /v1/findings for each caller, with its filters', async () => {
      const { rest, registry, tools } = await matrix(
        who => api.rest(who).get('/v1/findings'),
        'list-agent-findings',
        {},
      );
      expect(rest).toEqual({
        owner: 'ok',
        otherTeam: 'ok',
        security: 'ok',
        service: 'NotAllowedError',
      });
      expect(registry).toEqual(rest);
      expect(tools).toEqual(rest);

      await new FindingsStore(api.knex).report(
        {
          subject: 'spiffe://acme.example/agent/unknown',
          type: 'shadow-agent',
          severity: 'critical',
          message: 'An identity that matches no agent called tools',
          evidence: { calls: 12 },
        },
        api.clock.iso(),
      );
      await new FindingsStore(api.knex).report(
        {
          agentRef: ref,
          subject: ref,
          type: 'model-mismatch',
          severity: 'medium',
          message: 'refund-assistant answered with another model',
          evidence: { model: 'small-model' },
        },
        api.clock.iso(),
      );
      const queries = [
        { rest: '', action: {} },
        { rest: `?agentRef=${ref}`, action: { agentRef: 'refund-assistant' } },
        { rest: '?severity=critical', action: { severity: 'critical' } },
        {
          rest: '?type=model-mismatch&limit=1',
          action: { type: 'model-mismatch', limit: 1 },
        },
        { rest: '?status=resolved', action: { status: 'resolved' } },
      ];
      for (const who of ['owner', 'otherTeam', 'security'] as const) {
        for (const q of queries) {
          const viaRest = await api.rest(who).get(`/v1/findings${q.rest}`);
          const viaAction = await mcp[who].call(
            'list-agent-findings',
            q.action,
          );
          expect({ who, q, output: (viaAction as any).output }).toEqual({
            who,
            q,
            output: viaRest.body,
          });
        }
      }
      const bySecurity = await api.invoke(
        'security',
        'list-agent-findings',
        {},
      );
      expect((bySecurity as any).output.items.map((f: any) => f.type)).toEqual(
        expect.arrayContaining(['shadow-agent', 'model-mismatch']),
      );
      const byOther = await api.invoke('otherTeam', 'list-agent-findings', {});
      expect((byOther as any).output).toEqual({
        items: [],
        totalCount: 0,
        limit: 50,
        offset: 0,
      });
    });
  },
);
