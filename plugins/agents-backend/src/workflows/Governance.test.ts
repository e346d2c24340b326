import {
  AgentState,
  REQUEST_TYPES,
  RequestType,
  withoutTools,
} from '@mandate/plugin-agents-common';
import {
  InMemoryEnforcementLayer,
  TestClock,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE, agentEntity } from '../__testUtils__/entities';
import {
  FIXTURE_START,
  governanceFixture,
} from '../__testUtils__/governanceFixture';
import {
  Fixture,
  REF,
  commissioned,
  declared,
  file,
} from '../__testUtils__/governanceSteps';
import { NewRequest } from './Governance';
import { ALLOWED_FROM } from '../domain/lifecycleRules';

const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'Request transitions on %s',
  databaseId => {
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
  },
);
