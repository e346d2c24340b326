import { withoutTools } from '@mandate/plugin-agents-common';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE, SECURITY_GROUP } from '../../__testUtils__/entities';
import { governanceFixture } from '../../__testUtils__/governanceFixture';
import {
  REF,
  auditActions,
  commissioned,
  declared,
  file,
} from '../../__testUtils__/governanceSteps';

const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'Scope change requests on %s',
  databaseId => {
    describe('scope changes', () => {
      it.each([
        ['a tool removed', withoutTools(declared, ['tickets.delete'])],
        [
          'access lowered',
          {
            ...declared,
            tools: declared.tools.map(t =>
              t.name === 'refunds.issue'
                ? { ...t, access: 'read' as const }
                : t,
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
              t.name === 'orders.lookup'
                ? { ...t, access: 'write' as const }
                : t,
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
          file(f.governance, {
            type: 'scope-change',
            payload: { scope: wider },
          }),
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
  },
);
