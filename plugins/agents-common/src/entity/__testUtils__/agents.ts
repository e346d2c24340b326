import fc from 'fast-check';
import { AgentEntityV1alpha1 } from '../AgentEntityV1alpha1';

/** The Agent of DESIGN.md. */
export const refundAssistant: AgentEntityV1alpha1 = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'refund-assistant', title: 'Refund Assistant' },
  spec: {
    type: 'service-agent',
    lifecycle: 'production',
    owner: 'group:customer-care',
    sponsor: 'user:dana.lee',
    system: 'payments',
    identity: { id: 'spiffe://acme.example/agent/refund-assistant' },
    model: { provider: 'anthropic', name: 'claude-opus-4-5', tier: 'frontier' },
    purpose: 'Resolve refund tickets within policy.',
    dataClasses: ['customer-pii', 'payment'],
    tools: [
      {
        name: 'orders.lookup',
        api: 'api:orders-mcp',
        access: 'read',
        dataClasses: ['customer-pii'],
      },
      {
        name: 'refunds.issue',
        api: 'api:payments-mcp',
        access: 'write',
        approval: 'human',
        constraints: { maxAmountUsd: 200 },
      },
    ],
    budgets: { monthlyUsd: 400, dailyToolCalls: 5000 },
    review: { cadence: 'P3M' },
    decommission: {
      criteria: 'Retire when refunds move to the v2 workflow.',
      sunset: '2027-06-30',
    },
  },
};

const slug = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}$/);

/** Agents that satisfy every rule, with every optional field sometimes present. */
export const validAgent: fc.Arbitrary<AgentEntityV1alpha1> = fc
  .record({
    name: slug,
    owner: fc.oneof(
      slug,
      slug.map(s => `group:${s}`),
      slug.map(s => `user:${s}`),
    ),
    sponsor: fc.option(
      fc.oneof(
        slug,
        slug.map(s => `user:${s}`),
      ),
      { nil: undefined },
    ),
    system: fc.option(slug, { nil: undefined }),
    namespace: fc.option(fc.constantFrom('default', 'payments', 'team-a1'), {
      nil: undefined,
    }),
    lifecycle: fc.constantFrom(
      'experimental',
      'production',
      'deprecated' as const,
    ),
    tier: fc.constantFrom('frontier', 'standard', 'small' as const),
    dataClasses: fc.uniqueArray(slug, { maxLength: 4 }),
    toolNames: fc.uniqueArray(
      slug.map(s => `${s}.call`),
      { maxLength: 5 },
    ),
    access: fc.array(fc.constantFrom('read', 'write', 'destructive' as const), {
      minLength: 5,
      maxLength: 5,
    }),
    cadence: fc.option(
      fc.constantFrom('P1M', 'P3M', 'P6M', 'P1Y', 'P2W', 'P90D'),
      { nil: undefined },
    ),
    budget: fc.option(fc.integer({ min: 1, max: 100000 }), { nil: undefined }),
    sunset: fc.option(
      fc.date({
        min: new Date('2020-01-01'),
        max: new Date('2035-12-31'),
        noInvalidDate: true,
      }),
      { nil: undefined },
    ),
  })
  .map(g => ({
    apiVersion: 'mandate.dev/v1alpha1' as const,
    kind: 'Agent' as const,
    metadata: {
      name: g.name,
      ...(g.namespace ? { namespace: g.namespace } : {}),
    },
    spec: {
      type: 'service-agent',
      lifecycle: g.lifecycle,
      owner: g.owner,
      ...(g.sponsor ? { sponsor: g.sponsor } : {}),
      ...(g.system ? { system: g.system } : {}),
      identity: { id: `spiffe://acme.example/agent/${g.name}` },
      model: { provider: 'anthropic', name: 'claude-sonnet-4-5', tier: g.tier },
      purpose: `Does ${g.name} things.`,
      dataClasses: g.dataClasses,
      tools: g.toolNames.map((name, i) => ({
        name,
        access: g.access[i],
        api: `api:${name.split('.')[0]}-mcp`,
        dataClasses: g.dataClasses.slice(0, i % (g.dataClasses.length + 1)),
        approval:
          g.access[i] === 'destructive'
            ? ('human' as const)
            : ('none' as const),
      })),
      ...(g.budget ? { budgets: { monthlyUsd: g.budget } } : {}),
      ...(g.cadence ? { review: { cadence: g.cadence } } : {}),
      decommission: {
        criteria: 'When the workflow is retired.',
        ...(g.sunset ? { sunset: g.sunset.toISOString().slice(0, 10) } : {}),
      },
    },
  }));

/** Each mutation breaks exactly one rule; `field` is what the error must name. */
