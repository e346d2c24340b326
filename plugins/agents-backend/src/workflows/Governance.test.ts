import { ConflictError, InputError } from '@backstage/errors';
import {
  AgentState,
  REQUEST_TYPES,
  RequestType,
  withoutTools,
} from '@mandate/plugin-agents-common';
import { randomUUID } from 'node:crypto';
import {
  InMemoryEnforcementLayer,
  TestClock,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE, SECURITY_GROUP, agentEntity } from '../__testUtils__/entities';
import {
  FIXTURE_START,
  governanceFixture,
} from '../__testUtils__/governanceFixture';
import { Actor, Governance, NewRequest } from './Governance';
import { ALLOWED_FROM } from '../domain/lifecycleRules';

const databases = mandateTestDatabases();
const REF = 'agent:default/refund-bot';
const entity = agentEntity('refund-bot');
const declared = {
  dataClasses: entity.spec.dataClasses!,
  tools: entity.spec.tools,
};

type Fixture = Awaited<ReturnType<typeof governanceFixture>>;

async function commissioned(f: Fixture, ref = REF) {
  const name = ref.split('/')[1];
  const { request } = await f.governance.fileRequest(
    {
      agentRef: ref,
      type: 'commission',
      reason: 'Launch',
      payload: { entity: agentEntity(name) },
    },
    PEOPLE.owner,
  );
  await f.governance.decide(
    request.id,
    { decision: 'approve', reason: 'ok' },
    PEOPLE.security,
  );
  return request;
}

const file = (
  g: Governance,
  input: Omit<NewRequest, 'agentRef' | 'reason'> & { agentRef?: string },
  actor: Actor = PEOPLE.owner,
) =>
  g.fileRequest(
    { agentRef: REF, reason: 'because', ...input } as NewRequest,
    actor,
  );

async function auditActions(f: Fixture, ref = REF) {
  const { items } = await f.db.stores.audit.forAgent(ref, 100, 0);
  return items.map(e => e.action).reverse();
}

async function openReview(f: Fixture, ref = REF) {
  const agent = (await f.db.stores.agents.get(ref))!;
  const id = randomUUID();
  await f.db.stores.reviews.insert({
    id,
    agentRef: ref,
    status: 'open',
    dueAt: agent.nextReviewDueAt!,
    openedAt: f.clock.iso(),
    periodStart: agent.commissionedAt!,
    periodEnd: agent.nextReviewDueAt!,
    escalationLevel: 1,
  });
  return id;
}

describe.each(databases.eachSupportedId())('Governance on %s', databaseId => {
  describe('commission', () => {
    it('files a commission for security and, once approved, makes the agent active with its first approved scope', async () => {
      const f = await governanceFixture(databases, databaseId);
      const { request } = await file(f.governance, {
        type: 'commission',
        payload: { entity },
      });
      expect(request).toMatchObject({
        status: 'pending',
        assigneeRef: SECURITY_GROUP,
        requesterRef: PEOPLE.owner.ref,
      });
      expect((await f.db.stores.agents.get(REF))!.state).toBe('proposed');

      f.clock.advance({ days: 1 });
      const decided = await f.governance.decide(
        request.id,
        { decision: 'approve', reason: 'fits purpose' },
        PEOPLE.security,
      );
      expect(decided).toMatchObject({
        status: 'applied',
        decision: 'approve',
        deciderRef: PEOPLE.security.ref,
      });

      const agent = (await f.db.stores.agents.get(REF))!;
      expect(agent).toMatchObject({
        state: 'active',
        commissionedAt: '2026-01-06T09:00:00.000Z',
        nextReviewDueAt: '2026-04-06T09:00:00.000Z',
        approvedVersion: 1,
      });
      expect(await f.db.stores.agents.approvedScope(REF, 1)).toMatchObject({
        ...declared,
        approvedBy: PEOPLE.security.ref,
      });
      expect(await auditActions(f)).toEqual([
        'agent.registered',
        'request.filed',
        'request.approved',
        'scope.commissioned',
        'agent.commissioned',
      ]);
      expect(f.notifier.sent.map(n => n.to)).toEqual([
        [SECURITY_GROUP],
        ['group:default/customer-care'],
        [PEOPLE.owner.ref],
      ]);
    });

    it('leaves a rejected commission proposed', async () => {
      const f = await governanceFixture(databases, databaseId);
      const { request } = await file(f.governance, {
        type: 'commission',
        payload: { entity },
      });
      await f.governance.decide(
        request.id,
        { decision: 'reject', reason: 'no sponsor sign-off' },
        PEOPLE.security,
      );
      expect((await f.db.stores.agents.get(REF))!.state).toBe('proposed');
      await expect(
        f.governance.decide(
          request.id,
          { decision: 'approve', reason: 'x' },
          PEOPLE.security,
        ),
      ).rejects.toThrow(ConflictError);
    });

    it('rejects an invalid entity naming the field, and writes nothing', async () => {
      const f = await governanceFixture(databases, databaseId);
      const broken = agentEntity('refund-bot', { owner: 'component:billing' });
      await expect(
        file(f.governance, {
          type: 'commission',
          payload: { entity: broken as any },
        }),
      ).rejects.toThrow(
        'payload.entity.spec.owner: must reference a group or user, not a component',
      );
      expect(await f.db.stores.agents.get(REF)).toBeUndefined();
      expect(await f.db.stores.audit.verify()).toEqual({
        ok: true,
        checked: 0,
      });
    });

    it('returns the first request for a repeated idempotency key instead of filing twice', async () => {
      const f = await governanceFixture(databases, databaseId);
      const input = {
        type: 'commission' as const,
        payload: { entity },
        idempotencyKey: 'task-42',
      };
      const first = await file(f.governance, input);
      const second = await file(f.governance, input);
      expect(second).toEqual({ request: first.request, created: false });
      expect((await f.db.stores.requests.openFor(REF)).length).toBe(1);
    });
  });

  describe('transitions', () => {
    /** Puts a fresh agent into each lifecycle state through the workflows themselves. */
    async function agentIn(
      f: Fixture,
      provider: InMemoryEnforcementLayer,
      state: AgentState,
      suffix: string,
    ) {
      const ref = `agent:default/${state}-${suffix}`;
      const name = ref.split('/')[1];
      const { request } = await f.governance.fileRequest(
        {
          agentRef: ref,
          type: 'commission',
          reason: 'x',
          payload: { entity: agentEntity(name) },
        },
        PEOPLE.owner,
      );
      if (state === 'proposed') {
        await f.governance.decide(
          request.id,
          { decision: 'reject', reason: 'not yet' },
          PEOPLE.security,
        );
        return ref;
      }
      await f.governance.decide(
        request.id,
        { decision: 'approve', reason: 'x' },
        PEOPLE.security,
      );
      if (state === 'suspended') {
        await f.governance.fileRequest(
          { agentRef: ref, type: 'suspend', reason: 'x', payload: {} },
          PEOPLE.security,
        );
      }
      if (state === 'decommissioning' || state === 'retired') {
        provider.grants.push({
          id: `g-${state}`,
          agentIdentityId: `spiffe://acme.example/agent/${name}`,
          tool: 'orders.lookup',
          issuedAt: f.clock.iso(),
        });
        provider.revocationFails = state === 'decommissioning';
        await f.governance.fileRequest(
          { agentRef: ref, type: 'decommission', reason: 'x', payload: {} },
          PEOPLE.owner,
        );
        provider.revocationFails = false;
      }
      expect((await f.db.stores.agents.get(ref))!.state).toBe(state);
      return ref;
    }

    const validPayload: Record<RequestType, NewRequest['payload']> = {
      commission: {},
      'scope-change': { scope: withoutTools(declared, ['tickets.delete']) },
      'owner-transfer': { newOwner: 'group:platform' },
      decommission: {},
      suspend: {},
      resume: {},
    };
    const states: AgentState[] = [
      'proposed',
      'active',
      'suspended',
      'decommissioning',
      'retired',
    ];

    it.each(states)(
      'allows exactly the request types the lifecycle permits from %s',
      async state => {
        const clock = new TestClock(FIXTURE_START);
        const provider = new InMemoryEnforcementLayer({ clock });
        const f = await governanceFixture(databases, databaseId, {
          providers: [provider],
          clock,
        });
        const outcomes: Record<string, string> = {};
        for (const type of REQUEST_TYPES) {
          const ref = await agentIn(f, provider, state, type);
          outcomes[type] = await f.governance
            .fileRequest(
              {
                agentRef: ref,
                type,
                reason: 'matrix',
                payload: validPayload[type],
              },
              PEOPLE.security,
            )
            .then(
              () => 'allowed',
              (e: Error) =>
                e.message.includes(`a ${type} request needs the agent to be`)
                  ? 'forbidden'
                  : e.message,
            );
        }
        expect(outcomes).toEqual(
          Object.fromEntries(
            REQUEST_TYPES.map(type => [
              type,
              ALLOWED_FROM[type].includes(state) ? 'allowed' : 'forbidden',
            ]),
          ),
        );
      },
    );

    it('suspends and resumes through the enforcement layer and records the outcome', async () => {
      const clock = new TestClock(FIXTURE_START);
      const provider = new InMemoryEnforcementLayer({ clock });
      const f = await governanceFixture(databases, databaseId, {
        providers: [provider],
        clock,
      });
      await commissioned(f);
      provider.grants.push({
        id: 'g1',
        agentIdentityId: 'spiffe://acme.example/agent/refund-bot',
        tool: 'orders.lookup',
        issuedAt: f.clock.iso(),
      });
      await file(
        f.governance,
        { type: 'suspend', payload: {} },
        PEOPLE.security,
      );
      expect((await f.db.stores.agents.get(REF))!.state).toBe('suspended');
      expect(provider.calls).toEqual([
        'suspend spiffe://acme.example/agent/refund-bot',
      ]);
      const [suspended] = (await f.db.stores.audit.forAgent(REF, 1, 0)).items;
      expect(suspended).toMatchObject({
        action: 'agent.suspended',
        data: {
          enforcement: {
            outcomes: [
              {
                providerId: 'in-memory-gateway',
                ok: true,
                revokedGrantIds: ['g1'],
              },
            ],
          },
        },
      });

      await file(
        f.governance,
        { type: 'resume', payload: {} },
        PEOPLE.security,
      );
      expect((await f.db.stores.agents.get(REF))!.state).toBe('active');
      expect(provider.calls).toContain(
        'resume spiffe://acme.example/agent/refund-bot',
      );
    });

    it('refuses a second open request of the same type', async () => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      await file(f.governance, {
        type: 'owner-transfer',
        payload: { newOwner: 'group:platform' },
      });
      await expect(
        file(f.governance, {
          type: 'owner-transfer',
          payload: { newOwner: 'group:finance' },
        }),
      ).rejects.toThrow(
        'A owner-transfer request for agent:default/refund-bot is already open',
      );
    });
  });

  describe('scope changes', () => {
    it.each([
      ['a tool removed', withoutTools(declared, ['tickets.delete'])],
      [
        'access lowered',
        {
          ...declared,
          tools: declared.tools.map(t =>
            t.name === 'refunds.issue' ? { ...t, access: 'read' as const } : t,
          ),
        },
      ],
      [
        'human approval added',
        {
          ...declared,
          tools: declared.tools.map(t =>
            t.name === 'orders.lookup'
              ? { ...t, approval: 'human' as const }
              : t,
          ),
        },
      ],
      [
        'a data class removed',
        {
          dataClasses: ['customer-pii', 'payment'],
          tools: declared.tools.map(t => ({ ...t, dataClasses: [] })),
        },
      ],
    ])('applies a reduction (%s) at once', async (_what, scope) => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      const { request } = await file(f.governance, {
        type: 'scope-change',
        payload: { scope },
      });
      expect(request.status).toBe('applied');
      expect(request.assigneeRef).toBeUndefined();
      const agent = (await f.db.stores.agents.get(REF))!;
      expect(agent.approvedVersion).toBe(2);
      expect(await f.db.stores.agents.approvedScope(REF, 2)).toMatchObject(
        scope,
      );
      expect((await auditActions(f)).slice(-1)).toEqual(['scope.reduced']);
    });

    it.each([
      [
        'a new tool',
        {
          ...declared,
          tools: [
            ...declared.tools,
            { name: 'refunds.cancel', access: 'write' as const },
          ],
        },
      ],
      [
        'access raised',
        {
          ...declared,
          tools: declared.tools.map(t =>
            t.name === 'orders.lookup' ? { ...t, access: 'write' as const } : t,
          ),
        },
      ],
      [
        'human approval removed',
        {
          ...declared,
          tools: declared.tools.map(t =>
            t.name === 'refunds.issue'
              ? { ...t, approval: 'none' as const }
              : t,
          ),
        },
      ],
      [
        'a new data class',
        {
          dataClasses: [...declared.dataClasses, 'financial'],
          tools: declared.tools,
        },
      ],
    ])(
      'holds an expansion (%s) for security until approved',
      async (_what, scope) => {
        const f = await governanceFixture(databases, databaseId);
        await commissioned(f);
        const { request } = await file(f.governance, {
          type: 'scope-change',
          payload: { scope },
        });
        expect(request).toMatchObject({
          status: 'pending',
          assigneeRef: SECURITY_GROUP,
        });
        expect((await f.db.stores.agents.get(REF))!.approvedVersion).toBe(1);

        await f.governance.decide(
          request.id,
          { decision: 'approve', reason: 'needed' },
          PEOPLE.security,
        );
        expect((await f.db.stores.agents.get(REF))!.approvedVersion).toBe(2);
        expect(await f.db.stores.agents.approvedScope(REF, 2)).toMatchObject(
          scope,
        );
      },
    );

    it('refuses to widen a suspended agent but still lets it shrink', async () => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      await file(
        f.governance,
        { type: 'suspend', payload: {} },
        PEOPLE.security,
      );
      const wider = {
        ...declared,
        tools: [
          ...declared.tools,
          { name: 'refunds.cancel', access: 'write' as const },
        ],
      };
      await expect(
        file(f.governance, { type: 'scope-change', payload: { scope: wider } }),
      ).rejects.toThrow('while it is suspended; resume it first');
      const { request } = await file(f.governance, {
        type: 'scope-change',
        payload: { scope: withoutTools(declared, ['tickets.delete']) },
      });
      expect(request.status).toBe('applied');
    });

    it('names the broken field of an invalid scope and writes nothing', async () => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      const before = await f.db.stores.audit.verify();
      const scope = {
        ...declared,
        tools: [{ name: 'orders.lookup', access: 'admin' as any }],
      };
      await expect(
        file(f.governance, { type: 'scope-change', payload: { scope } }),
      ).rejects.toThrow(
        'payload.scope.tools[0].access: "admin" is not allowed; use one of read, write, destructive',
      );
      await expect(
        file(f.governance, {
          type: 'scope-change',
          payload: { scope: declared },
        }),
      ).rejects.toThrow('payload.scope: is the same as the approved scope');
      expect(await f.db.stores.audit.verify()).toEqual(before);
      expect((await f.db.stores.agents.get(REF))!.approvedVersion).toBe(1);
    });
  });

  describe('owner transfer', () => {
    it('waits for the new owner and then moves governance ownership, leaving the YAML owner as drift', async () => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      const { request } = await file(f.governance, {
        type: 'owner-transfer',
        payload: { newOwner: 'platform' },
      });
      expect(request).toMatchObject({
        status: 'pending',
        assigneeRef: 'group:default/platform',
      });
      await f.governance.decide(
        request.id,
        { decision: 'approve', reason: 'we take it' },
        PEOPLE.otherTeam,
      );
      const agent = (await f.db.stores.agents.get(REF))!;
      expect(agent.ownerRef).toBe('group:default/platform');
      expect(agent.declaredOwnerRef).toBe('group:default/customer-care');
    });

    it('rejects a new owner that is not a group or user, naming the field', async () => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      await expect(
        file(f.governance, {
          type: 'owner-transfer',
          payload: { newOwner: 'api:orders' },
        }),
      ).rejects.toThrow(
        'payload.newOwner: "api:orders" is not a group or user ref',
      );
    });
  });

  describe('decommission', () => {
    it('without an enforcement layer, needs an attestation and records it as the evidence', async () => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      await expect(
        file(f.governance, { type: 'decommission', payload: {} }),
      ).rejects.toThrow(
        'payload.attestation: is required: No enforcement layer is installed',
      );
      const { request } = await file(f.governance, {
        type: 'decommission',
        payload: {
          attestation: 'Vault role and gateway route deleted by hand.',
        },
      });
      expect(request).toMatchObject({
        status: 'applied',
        evidence: {
          attestation: 'Vault role and gateway route deleted by hand.',
          attestedBy: PEOPLE.owner.ref,
        },
      });
      expect((await f.db.stores.agents.get(REF))!.state).toBe('retired');
    });

    it('retires only once the enforcement layer reports no active grant', async () => {
      const clock = new TestClock(FIXTURE_START);
      const provider = new InMemoryEnforcementLayer({ clock });
      const f = await governanceFixture(databases, databaseId, {
        providers: [provider],
        clock,
      });
      await commissioned(f);
      provider.grants.push({
        id: 'g-stuck',
        agentIdentityId: 'spiffe://acme.example/agent/refund-bot',
        tool: 'refunds.issue',
        issuedAt: f.clock.iso(),
      });
      provider.revocationFails = true;
      const { request } = await file(f.governance, {
        type: 'decommission',
        payload: {},
      });
      expect(request).toMatchObject({
        status: 'awaiting-evidence',
        evidence: { activeGrants: ['g-stuck'] },
      });
      expect((await f.db.stores.agents.get(REF))!.state).toBe(
        'decommissioning',
      );

      expect(await f.governance.checkDecommissions()).toBe(0);
      provider.grants[0].revokedAt = f.clock.iso();
      expect(await f.governance.checkDecommissions()).toBe(1);
      expect((await f.db.stores.agents.get(REF))!.state).toBe('retired');
      expect(await f.db.stores.requests.get(request.id)).toMatchObject({
        status: 'applied',
        evidence: { providers: ['in-memory-gateway'], activeGrants: [] },
      });
      expect((await auditActions(f)).slice(-2)).toEqual([
        'agent.decommissioning',
        'agent.retired',
      ]);
    });
  });

  describe('reviews', () => {
    it('applies revocations at once, moves the due date and keeps the review as submitted', async () => {
      const clock = new TestClock(FIXTURE_START);
      const provider = new InMemoryEnforcementLayer({ clock });
      provider.usage.set('spiffe://acme.example/agent/refund-bot', [
        {
          tool: 'orders.lookup',
          calls: 120,
          denials: 2,
          errors: 0,
          grantsIssued: 4,
          lastUsedAt: '2026-02-01T00:00:00.000Z',
        },
        {
          tool: 'refunds.issue',
          calls: 8,
          denials: 0,
          errors: 0,
          grantsIssued: 8,
        },
      ]);
      const f = await governanceFixture(databases, databaseId, {
        providers: [provider],
        clock,
      });
      await commissioned(f);
      f.clock.set('2026-03-25T12:00:00Z');
      const id = await openReview(f);
      const review = await f.governance.submitReview(
        id,
        {
          decisions: [
            { tool: 'orders.lookup', decision: 'keep' },
            { tool: 'refunds.issue', decision: 'keep' },
            { tool: 'tickets.delete', decision: 'revoke' },
          ],
          attestation: 'Reviewed with the team; delete was never used.',
        },
        PEOPLE.owner,
      );
      expect(review).toMatchObject({
        status: 'completed',
        completedBy: PEOPLE.owner.ref,
      });
      expect(
        review.tools!.find(t => t.tool === 'tickets.delete'),
      ).toMatchObject({ calls: 0, recommendation: 'revoke', usageKnown: true });
      expect(review.tools!.find(t => t.tool === 'orders.lookup')).toMatchObject(
        { calls: 120, denials: 2, recommendation: 'keep' },
      );

      const agent = (await f.db.stores.agents.get(REF))!;
      expect(agent.approvedVersion).toBe(2);
      expect(
        (await f.db.stores.agents.approvedScope(REF, 2))!.tools.map(
          t => t.name,
        ),
      ).toEqual(['orders.lookup', 'refunds.issue']);
      expect(agent.lastReviewCompletedAt).toBe('2026-03-25T12:00:00.000Z');
      expect(agent.nextReviewDueAt).toBe('2026-06-25T12:00:00.000Z');
      expect(await f.db.stores.reviews.get(id)).toMatchObject({
        status: 'completed',
        attestation: 'Reviewed with the team; delete was never used.',
      });

      await expect(
        f.governance.submitReview(
          id,
          { decisions: [], attestation: 'second try here' },
          PEOPLE.owner,
        ),
      ).rejects.toThrow(ConflictError);
    });

    it('lets exactly one of two concurrent submissions win', async () => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      const id = await openReview(f);
      const submission = (decision: 'keep' | 'revoke') => ({
        decisions: declared.tools.map(t => ({ tool: t.name, decision })),
        attestation: `All tools: ${decision}, reviewed.`,
      });
      const results = await Promise.allSettled([
        f.governance.submitReview(id, submission('keep'), PEOPLE.owner),
        f.governance.submitReview(id, submission('revoke'), PEOPLE.security),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const [rejected] = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(rejected.reason).toBeInstanceOf(ConflictError);
      const winner = (await f.db.stores.reviews.get(id))!;
      const expectedVersion =
        winner.decisions![0].decision === 'revoke' ? 2 : 1;
      expect((await f.db.stores.agents.get(REF))!.approvedVersion).toBe(
        expectedVersion,
      );
      expect(
        (await auditActions(f)).filter(a => a === 'review.completed'),
      ).toHaveLength(1);
    });

    it('requires one decision per approved tool, naming what is wrong, and writes nothing', async () => {
      const f = await governanceFixture(databases, databaseId);
      await commissioned(f);
      const id = await openReview(f);
      const chain = await f.db.stores.audit.verify();
      await expect(
        f.governance.submitReview(
          id,
          {
            decisions: [{ tool: 'orders.lookup', decision: 'keep' }],
            attestation: 'Looks fine to me.',
          },
          PEOPLE.owner,
        ),
      ).rejects.toThrow(
        'decisions: decide keep or revoke for every tool; missing refunds.issue, tickets.delete',
      );
      await expect(
        f.governance.submitReview(
          id,
          {
            decisions: [{ tool: 'shell.exec', decision: 'keep' }],
            attestation: 'Looks fine to me.',
          },
          PEOPLE.owner,
        ),
      ).rejects.toThrow(InputError);
      expect((await f.db.stores.reviews.get(id))!.status).toBe('open');
      expect(await f.db.stores.audit.verify()).toEqual(chain);
    });
  });
});
