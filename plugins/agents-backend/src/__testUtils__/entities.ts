import { AgentEntityV1alpha1, AgentTool } from '@mandate/plugin-agents-common';

/** The workload identity of {@link agentEntity} `name`. */
export const identityOf = (name: string) =>
  `spiffe://acme.example/agent/${name}`;

/** A valid Agent entity owned by customer-care, with read, write and destructive tools. */
export function agentEntity(
  name: string,
  overrides: Partial<AgentEntityV1alpha1['spec']> = {},
): AgentEntityV1alpha1 {
  return {
    apiVersion: 'mandate.dev/v1alpha1',
    kind: 'Agent',
    metadata: { name, namespace: 'default', title: name.replace(/-/g, ' ') },
    spec: {
      type: 'service-agent',
      lifecycle: 'production',
      owner: 'group:customer-care',
      sponsor: 'user:dana.lee',
      identity: { id: identityOf(name) },
      model: {
        provider: 'anthropic',
        name: 'claude-sonnet-4-5',
        tier: 'standard',
      },
      purpose: 'Resolve refund tickets within policy.',
      dataClasses: ['customer-pii', 'payment'],
      tools: [
        {
          name: 'orders.lookup',
          access: 'read',
          dataClasses: ['customer-pii'],
        },
        {
          name: 'refunds.issue',
          access: 'write',
          approval: 'human',
          dataClasses: ['payment'],
        },
        { name: 'tickets.delete', access: 'destructive', approval: 'human' },
      ] as AgentTool[],
      review: { cadence: 'P3M' },
      decommission: { criteria: 'When refunds move to v2.' },
      ...overrides,
    },
  };
}

/** Who is who in the tests, with the groups they belong to. */
export const PEOPLE = {
  owner: {
    ref: 'user:default/dana.lee',
    claims: ['user:default/dana.lee', 'group:default/customer-care'],
  },
  otherTeam: {
    ref: 'user:default/priya.nair',
    claims: ['user:default/priya.nair', 'group:default/platform'],
  },
  security: {
    ref: 'user:default/nina.kowalski',
    claims: ['user:default/nina.kowalski', 'group:default/security'],
  },
} as const;

export const SECURITY_GROUP = 'group:default/security';
