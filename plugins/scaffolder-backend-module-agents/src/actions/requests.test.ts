import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import agentsPlugin from '@mandate/plugin-agents-backend';
import { AgentsClient } from '@mandate/plugin-agents-common';
import { AddressInfo } from 'node:net';
import { AgentsApiFactory } from './agentsApi';
import {
  createCommissionAction,
  createDecommissionAction,
  createScopeChangeAction,
} from './requests';

jest.setTimeout(30_000);

const entity = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'refund-helper', namespace: 'default' },
  spec: {
    type: 'service-agent',
    lifecycle: 'experimental',
    owner: 'user:default/dana.lee',
    identity: { id: 'spiffe://acme.example/agent/refund-helper' },
    model: {
      provider: 'anthropic',
      name: 'claude-sonnet-4-5',
      tier: 'standard',
    },
    purpose: 'Resolve refund tickets within policy.',
    dataClasses: ['customer-pii'],
    tools: [
      { name: 'orders.lookup', access: 'read', dataClasses: ['customer-pii'] },
      { name: 'refunds.issue', access: 'write', approval: 'human' },
    ],
    decommission: { criteria: 'When refunds move to v2.' },
  },
};

/** A real agents backend, and clients that call it as the given user. */
async function agentsBackend() {
  const { server } = await startTestBackend({
    features: [
      agentsPlugin,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.permissions.factory({ result: 'ALLOW' as any }),
    ],
  });
  const base = `http://localhost:${
    (server.address() as AddressInfo).port
  }/api/agents`;
  const as =
    (userRef: string): AgentsApiFactory =>
    () =>
      new AgentsClient({
        discoveryApi: { getBaseUrl: async () => base },
        fetchApi: {
          fetch: (input, init) => {
            const request = new Request(input, init);
            request.headers.set(
              'Authorization',
              mockCredentials.user.header(userRef),
            );
            return fetch(request);
          },
        },
      });
  return { as, client: as('user:default/dana.lee')(mockCredentials.user()) };
}

const context = (input: object, taskId: string) =>
  createMockActionContext({ input: input as any, task: { id: taskId } as any });

describe('Mandate request actions', () => {
  it('files a commission as the user running the template, once per task', async () => {
    const { as, client } = await agentsBackend();
    const commission = createCommissionAction(as('user:default/dana.lee'));
    const input = {
      entityRef: 'agent:default/refund-helper',
      entity,
      reason: 'Resolve refunds faster',
    };

    const first = context(input, 'task-1');
    await commission.handler(first as any);
    const second = context(input, 'task-1');
    await commission.handler(second as any);

    const id = (first.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'requestId',
    )[1];
    expect(second.output).toHaveBeenCalledWith('requestId', id);
    expect(first.output).toHaveBeenCalledWith('requestStatus', 'pending');
    expect(first.output).toHaveBeenCalledWith(
      'agentUrl',
      '/catalog/default/agent/refund-helper',
    );

    const request = await client.getRequest(id);
    expect(request).toMatchObject({
      type: 'commission',
      requesterRef: 'user:default/dana.lee',
      status: 'pending',
    });
    expect(
      (await client.listRequests({ agentRef: 'agent:default/refund-helper' }))
        .totalCount,
    ).toBe(1);

    // Another task for the same agent is a second request, which the backend refuses.
    await expect(
      commission.handler(context(input, 'task-2') as any),
    ).rejects.toThrow('already open');
  });

  it('files scope changes and decommissions, and names a bad agent ref', async () => {
    const { as, client } = await agentsBackend();
    const dana = as('user:default/dana.lee');
    await createCommissionAction(dana).handler(
      context(
        {
          entityRef: 'agent:default/refund-helper',
          entity,
          reason: 'Launch it',
        },
        't1',
      ) as any,
    );
    const [pending] = (await client.listRequests({ status: 'pending' })).items;
    await client.decideRequest(pending.id, {
      decision: 'approve',
      reason: 'fits the purpose',
    });

    const reduce = context(
      {
        agentRef: 'refund-helper',
        reason: 'Read-only from now on',
        dataClasses: ['customer-pii'],
        tools: [entity.spec.tools[0]],
      },
      't2',
    );
    await createScopeChangeAction(dana).handler(reduce as any);
    expect(reduce.output).toHaveBeenCalledWith('requestStatus', 'applied');

    const retire = context(
      {
        agentRef: 'agent:default/refund-helper',
        reason: 'Moved to v2',
        attestation: 'Vault token revoked by hand.',
      },
      't3',
    );
    await createDecommissionAction(dana).handler(retire as any);
    expect(retire.output).toHaveBeenCalledWith('requestStatus', 'applied');
    expect((await client.getAgent('agent:default/refund-helper')).state).toBe(
      'retired',
    );

    await expect(
      createDecommissionAction(dana).handler(
        context(
          { agentRef: 'group:default/platform', reason: 'wrong kind of ref' },
          't4',
        ) as any,
      ),
    ).rejects.toThrow(
      'agentRef: "group:default/platform" is a group, not an agent',
    );
  });
});
