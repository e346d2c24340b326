import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import {
  CALLERS,
  Outcome,
  Who,
  startActionsBackend,
} from '../__testUtils__/actions';
import { PEOPLE } from '../__testUtils__/entities';

jest.setTimeout(120_000);
const databases = mandateTestDatabases();

const kind = (outcome: Outcome) => (outcome.ok ? 'ok' : outcome.name);

/** The approved scope of the test agents with tickets.delete taken out: a reduction. */
const REDUCED = {
  dataClasses: ['customer-pii', 'payment'],
  tools: [
    { name: 'orders.lookup', access: 'read', dataClasses: ['customer-pii'] },
    {
      name: 'refunds.issue',
      access: 'write',
      approval: 'human',
      dataClasses: ['payment'],
    },
  ],
};

/** The approved scope with a new tool: an expansion. */
const EXPANDED = {
  ...REDUCED,
  tools: [...REDUCED.tools, { name: 'tickets.comment', access: 'write' }],
};

describe.each(databases.eachSupportedId())(
  'Mandate actions that file requests, on %s',
  databaseId => {
    let api: Awaited<ReturnType<typeof startActionsBackend>>;

    beforeAll(async () => {
      api = await startActionsBackend(databaseId, databases);
    });

    /** Runs `call` for each caller on an agent of its own, by each way in. */
    async function matrix(
      prepare: (name: string) => Promise<string>,
      prefix: string,
      call: {
        rest: (who: Who, ref: string) => Promise<Outcome>;
        action: (ref: string) => object;
        name: string;
      },
    ) {
      const rest: Record<string, string> = {};
      const registry: Record<string, string> = {};
      const tools: Record<string, string> = {};
      for (const who of CALLERS) {
        const tag = who.toLocaleLowerCase('en-US');
        rest[who] = kind(
          await call.rest(who, await prepare(`${prefix}-r-${tag}`)),
        );
        registry[who] = kind(
          await api.invoke(
            who,
            call.name,
            call.action(await prepare(`${prefix}-a-${tag}`)),
          ),
        );
        const client = await api.mcp(who as Exclude<Who, 'anonymous'>);
        try {
          tools[who] = kind(
            await client.call(
              call.name,
              call.action(await prepare(`${prefix}-m-${tag}`)),
            ),
          );
        } finally {
          await client.close();
        }
      }
      return { rest, registry, tools };
    }

    it('request-agent-scope-change: who may file is who may file POST /v1/requests', async () => {
      const { rest, registry, tools } = await matrix(
        name => api.commissionedAgent(name),
        'scope',
        {
          name: 'request-agent-scope-change',
          rest: (who, ref) =>
            api.restOutcome(
              api.rest(who).post('/v1/requests', {
                agentRef: ref,
                type: 'scope-change',
                reason: 'Not needed any more',
                payload: { scope: REDUCED },
              }),
            ),
          action: ref => ({
            agentRef: ref,
            reason: 'Not needed any more',
            scope: REDUCED,
          }),
        },
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

    it('request-agent-commission: who may file is who may file POST /v1/requests', async () => {
      const { rest, registry, tools } = await matrix(
        name => api.proposedAgent(name),
        'commission',
        {
          name: 'request-agent-commission',
          rest: (who, ref) =>
            api.restOutcome(
              api.rest(who).post('/v1/requests', {
                agentRef: ref,
                type: 'commission',
                reason: 'Ready for production',
              }),
            ),
          action: ref => ({ agentRef: ref, reason: 'Ready for production' }),
        },
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

    it('a scope reduction through MCP ends in the same state and audit records as through the REST route', async () => {
      const viaRest = await api.commissionedAgent('reduce-rest');
      const viaAction = await api.commissionedAgent('reduce-action');
      api.auditor.createEvent.mockClear();

      const filed = await api.rest('owner').post('/v1/requests', {
        agentRef: viaRest,
        type: 'scope-change',
        reason: 'tickets.delete is not needed',
        payload: { scope: REDUCED },
      });
      expect(filed.status).toBe(201);
      const client = await api.mcp('owner');
      const answer = await client.call('request-agent-scope-change', {
        agentRef: 'reduce-action',
        reason: 'tickets.delete is not needed',
        scope: REDUCED,
      });
      await client.close();
      expect(answer).toEqual({
        ok: true,
        output: {
          request: {
            id: expect.any(String),
            agentRef: viaAction,
            type: 'scope-change',
            status: 'applied',
            requesterRef: PEOPLE.owner.ref,
            reason: 'tickets.delete is not needed',
            changes: [{ kind: 'tool-removed', tool: 'tickets.delete' }],
            decision: 'approve',
            deciderRef: PEOPLE.owner.ref,
            decisionReason: 'applies without a decision',
            createdAt: api.clock.iso(),
            decidedAt: api.clock.iso(),
            appliedAt: api.clock.iso(),
          },
          created: true,
          outcome:
            'Applied at once: the change only narrows what the agent may do, so it needs no approval; gateways get the new policy on their next poll.',
          agentPage: '/catalog/default/agent/reduce-action/lifecycle',
        },
      });

      // The same records, but for the agent's name and the ids.
      const same = (ref: string, value: unknown) => {
        const name = ref.split('/')[1];
        let text = JSON.stringify(value)
          .replaceAll(name, '<agent>')
          .replaceAll(name.replace(/-/g, ' '), '<agent>');
        const ids = [
          ...new Set(text.match(/[0-9a-f]{8}-[0-9a-f-]{27}/g) ?? []),
        ];
        ids.forEach((id, i) => {
          text = text.replaceAll(id, `<id ${i}>`);
        });
        return JSON.parse(text);
      };
      const stateOf = async (ref: string) => {
        const name = ref.split('/')[1];
        const detail = await api
          .rest('owner')
          .get(`/v1/agents/default/${name}`);
        const audit = await api
          .rest('owner')
          .get(`/v1/agents/default/${name}/audit?limit=100`);
        const policy = await api
          .rest('owner')
          .get(`/v1/agents/default/${name}/policy`);
        // Filed at the same instant (the clock stands still), requests come in any order.
        const requests = [...detail.body.requests].sort((a: any, b: any) =>
          a.type.localeCompare(b.type),
        );
        return same(ref, {
          // What the Lifecycle tab shows: the agent's record and requests, and its trail.
          detail: { ...detail.body, requests },
          trail: audit.body.items.map((e: any) => ({
            actorRef: e.actorRef,
            action: e.action,
            data: e.data,
          })),
          tools: policy.body.tools,
        });
      };
      const restState = await stateOf(viaRest);
      const actionState = await stateOf(viaAction);
      expect(actionState).toEqual(restState);
      expect(actionState.detail).toMatchObject({
        approvedVersions: 2,
        requests: [
          { type: 'commission', status: 'applied' },
          { type: 'scope-change', status: 'applied' },
        ],
      });
      expect(actionState.trail.slice(0, 2)).toEqual([
        {
          actorRef: PEOPLE.owner.ref,
          action: 'scope.reduced',
          data: expect.objectContaining({
            version: 2,
            changes: [{ kind: 'tool-removed', tool: 'tickets.delete' }],
          }),
        },
        {
          actorRef: PEOPLE.owner.ref,
          action: 'request.filed',
          data: expect.objectContaining({ type: 'scope-change' }),
        },
      ]);

      // Backstage's auditor heard of both, as the same event; the action names its caller.
      const events = await Promise.all(
        api.auditor.createEvent.mock.calls.map(async ([options], i) => ({
          options,
          event: await api.auditor.createEvent.mock.results[i].value,
        })),
      );
      const filings = events.filter(e => e.options.eventId === 'request-file');
      expect(filings.map(e => e.options)).toEqual([
        {
          eventId: 'request-file',
          severityLevel: 'medium',
          request: expect.anything(),
          meta: { agentRef: viaRest, type: 'scope-change' },
        },
        {
          eventId: 'request-file',
          severityLevel: 'medium',
          meta: {
            agentRef: viaAction,
            type: 'scope-change',
            actor: PEOPLE.owner.ref,
            via: 'actions',
          },
        },
      ]);
      for (const { event } of filings) {
        expect(event.success).toHaveBeenCalledTimes(1);
        expect(event.fail).not.toHaveBeenCalled();
      }
    });

    it('a scope expansion waits for security, and a retry with the same idempotencyKey files nothing new', async () => {
      const ref = await api.commissionedAgent('expand-bot');
      const input = {
        agentRef: ref,
        reason: 'Comment on tickets',
        scope: EXPANDED,
        idempotencyKey: 'expand-bot-1',
      };
      const first = await api.invoke(
        'owner',
        'request-agent-scope-change',
        input,
      );
      expect(first).toMatchObject({
        ok: true,
        output: {
          request: {
            status: 'pending',
            assigneeRef: 'group:default/security',
            changes: [
              { kind: 'tool-added', tool: 'tickets.comment', access: 'write' },
              { kind: 'tool-removed', tool: 'tickets.delete' },
            ],
          },
          created: true,
          outcome:
            'Waits for group:default/security to approve or reject it: it widens what the agent may do; until then nothing changes.',
        },
      });
      const again = await api.invoke(
        'owner',
        'request-agent-scope-change',
        input,
      );
      expect(again).toMatchObject({
        ok: true,
        output: {
          request: { id: (first as any).output.request.id },
          created: false,
        },
      });
      const another = await api.invoke('owner', 'request-agent-scope-change', {
        ...input,
        idempotencyKey: undefined,
      });
      expect(another).toEqual({
        ok: false,
        name: 'ConflictError',
        message: `A scope-change request for ${ref} is already open (${
          (first as any).output.request.id
        }); decide it first`,
      });
      const check = await api.invoke('owner', 'check-agent-tool-call', {
        agentRef: ref,
        tool: 'tickets.comment',
      });
      expect((check as any).output.decision).toBe('deny');
    });

    it('request-agent-commission: the agent waits for security; an agent not in the catalog is named with the fix', async () => {
      const ref = await api.proposedAgent('commission-bot');
      const client = await api.mcp('owner');
      const answer = await client.call('request-agent-commission', {
        agentRef: ref,
        reason: 'Ready for production',
      });
      expect(answer).toMatchObject({
        ok: true,
        output: {
          request: {
            type: 'commission',
            status: 'pending',
            assigneeRef: 'group:default/security',
          },
          created: true,
          agentPage: '/catalog/default/agent/commission-bot/lifecycle',
        },
      });
      expect(
        await client.call('request-agent-commission', {
          agentRef: 'agent:default/not-in-catalog',
          reason: 'Ready for production',
        }),
      ).toEqual({
        ok: false,
        name: 'NotFoundError',
        message:
          'No agent agent:default/not-in-catalog is known to Mandate; register its catalog-info.yaml in the catalog first, or use the "Commission an AI agent" template, which does both',
      });
      await client.close();
    });
  },
);
