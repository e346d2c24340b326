import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { createAgentManifestAction } from './manifest';

const action = createAgentManifestAction({
  identityPrefix: 'spiffe://acme.example/agent/',
});
const workspace = createMockDirectory();

const answers = {
  name: 'refund-helper',
  namespace: 'default',
  title: 'Refund Helper',
  purpose: 'Resolve refund tickets within policy.',
  owner: 'group:default/customer-care',
  sponsor: 'user:default/dana.lee',
  system: 'system:default/payments',
  type: 'service-agent',
  lifecycle: 'experimental',
  modelProvider: 'anthropic',
  modelName: 'claude-sonnet-4-5',
  modelTier: 'standard',
  dataClasses: ['customer-pii', 'payment'],
  tools: [
    {
      name: 'orders.lookup',
      api: 'api:default/orders-mcp',
      access: 'read',
      dataClasses: ['customer-pii'],
    },
    {
      name: 'refunds.issue',
      api: 'api:default/payments-mcp',
      access: 'write',
      approval: 'human',
      constraints: '{"maxAmountUsd": 200}',
    },
  ],
  monthlyUsd: 400,
  reviewCadence: 'P3M',
  decommissionCriteria: 'Retire when refunds move to v2.',
  targetPath: 'catalog-info.yaml',
};

async function run(input: Record<string, unknown>) {
  workspace.clear();
  const ctx = createMockActionContext({
    input: input as any,
    workspacePath: workspace.path,
  });
  await action.handler(ctx as any);
  return ctx;
}

describe('mandate:agent:manifest', () => {
  it('writes a valid Agent entity to catalog-info.yaml and outputs its ref', async () => {
    const ctx = await run(answers);
    const written = parse(workspace.content()!['catalog-info.yaml'] as string);
    expect(written).toMatchObject({
      apiVersion: 'mandate.dev/v1alpha1',
      kind: 'Agent',
      metadata: {
        name: 'refund-helper',
        namespace: 'default',
        title: 'Refund Helper',
      },
      spec: {
        owner: 'group:default/customer-care',
        identity: { id: 'spiffe://acme.example/agent/refund-helper' },
        model: {
          provider: 'anthropic',
          name: 'claude-sonnet-4-5',
          tier: 'standard',
        },
        budgets: { monthlyUsd: 400 },
        review: { cadence: 'P3M' },
      },
    });
    expect(written.spec.tools[1]).toEqual({
      name: 'refunds.issue',
      api: 'api:default/payments-mcp',
      access: 'write',
      approval: 'human',
      constraints: { maxAmountUsd: 200 },
    });
    expect(written.spec.sunset).toBeUndefined();
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'agent:default/refund-helper',
    );
    expect(ctx.output).toHaveBeenCalledWith('entity', written);
  });

  it('states an empty manifest as deny-all', async () => {
    await run({ ...answers, tools: [] });
    expect(
      parse(workspace.content()!['catalog-info.yaml'] as string).spec.tools,
    ).toEqual([]);
  });

  it.each([
    [
      {
        tools: [
          { name: 'warehouse.query', access: 'read', dataClasses: ['payroll'] },
        ],
      },
      'spec.tools[0].dataClasses: "payroll" is not declared in spec.dataClasses',
    ],
    [
      { owner: 'component:default/billing' },
      'spec.owner: must reference a group or user, not a component',
    ],
    [{ name: 'Refund Helper!' }, 'metadata.name'],
    [
      { reviewCadence: 'quarterly' },
      'spec.review.cadence: "quarterly" is not an ISO-8601 duration',
    ],
    [{ sunset: '2027-13-01' }, 'spec.decommission.sunset'],
    [
      {
        tools: [
          { name: 'refunds.issue', access: 'write', constraints: 'max 200' },
        ],
      },
      'tools[0].constraints: "max 200" is not a JSON object',
    ],
  ])(
    'fails the step naming the field for %j, writing nothing',
    async (change, message) => {
      workspace.clear();
      const ctx = createMockActionContext({
        input: { ...answers, ...change } as any,
        workspacePath: workspace.path,
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(message);
      expect(workspace.content()).toEqual({});
    },
  );
});
