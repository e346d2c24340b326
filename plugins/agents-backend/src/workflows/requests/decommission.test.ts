import {
  InMemoryEnforcementLayer,
  TestClock,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE } from '../../__testUtils__/entities';
import {
  FIXTURE_START,
  governanceFixture,
} from '../../__testUtils__/governanceFixture';
import {
  REF,
  auditActions,
  commissioned,
  file,
} from '../../__testUtils__/governanceSteps';

const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'Decommission requests on %s',
  databaseId => {
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
  },
);
