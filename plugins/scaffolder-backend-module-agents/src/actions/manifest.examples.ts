import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const manifestExamples: TemplateExample[] = [
  {
    description:
      'Build the manifest of a refund assistant with a read and a write tool',
    example: stringify({
      steps: [
        {
          id: 'manifest',
          action: 'mandate:agent:manifest',
          name: 'Build the Agent manifest',
          input: {
            name: 'refund-assistant',
            title: 'Refund Assistant',
            purpose: 'Resolve refund tickets within policy.',
            owner: 'group:default/customer-care',
            sponsor: 'user:default/dana.lee',
            system: 'system:default/payments',
            type: 'service-agent',
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
            decommissionCriteria:
              'Retire when refunds move to the v2 workflow.',
          },
        },
      ],
    }),
  },
];
