import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE } from '../../__testUtils__/entities';
import { governanceFixture } from '../../__testUtils__/governanceFixture';
import { REF, commissioned, file } from '../../__testUtils__/governanceSteps';

const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'Owner transfer requests on %s',
  databaseId => {
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
          'payload.newOwner: "api:orders" is an api, not a group or user',
        );
      });
    });
  },
);
