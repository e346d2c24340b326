import { ConflictError } from '@backstage/errors';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import {
  PEOPLE,
  SECURITY_GROUP,
  agentEntity,
} from '../../__testUtils__/entities';
import { governanceFixture } from '../../__testUtils__/governanceFixture';
import {
  REF,
  auditActions,
  declared,
  entity,
  file,
} from '../../__testUtils__/governanceSteps';

const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'Commission requests on %s',
  databaseId => {
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
        const broken = agentEntity('refund-bot', {
          owner: 'component:billing',
        });
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
  },
);
