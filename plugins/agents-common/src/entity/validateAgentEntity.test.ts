import Ajv from 'ajv';
import fc from 'fast-check';
import agentEntitySchema from '../schema/Agent.v1alpha1.schema.json';
import { AgentEntityV1alpha1 } from './AgentEntityV1alpha1';
import {
  AgentValidationError,
  assertValidAgentEntity,
  validateAgentEntity,
} from './validateAgentEntity';

const refundAssistant: AgentEntityV1alpha1 = {
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

const schemaAccepts = new Ajv({ allErrors: true, strict: false }).compile(
  agentEntitySchema,
);

const slug = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}$/);

/** Agents that satisfy every rule, with every optional field sometimes present. */
const validAgent: fc.Arbitrary<AgentEntityV1alpha1> = fc
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
    metadata: { name: g.name },
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
type Mutation = { rule: string; field: string; apply: (a: any) => void };
const mutations: Mutation[] = [
  {
    rule: 'apiVersion',
    field: 'apiVersion',
    apply: a => {
      a.apiVersion = 'backstage.io/v1alpha1';
    },
  },
  {
    rule: 'kind',
    field: 'kind',
    apply: a => {
      a.kind = 'Component';
    },
  },
  {
    rule: 'name format',
    field: 'metadata.name',
    apply: a => {
      a.metadata.name = 'Not A Name!';
    },
  },
  {
    rule: 'type required',
    field: 'spec.type',
    apply: a => {
      delete a.spec.type;
    },
  },
  {
    rule: 'lifecycle enum',
    field: 'spec.lifecycle',
    apply: a => {
      a.spec.lifecycle = 'live';
    },
  },
  {
    rule: 'owner required',
    field: 'spec.owner',
    apply: a => {
      delete a.spec.owner;
    },
  },
  {
    rule: 'owner kind',
    field: 'spec.owner',
    apply: a => {
      a.spec.owner = 'component:billing';
    },
  },
  {
    rule: 'owner ref syntax',
    field: 'spec.owner',
    apply: a => {
      a.spec.owner = 'group:a:b:c';
    },
  },
  {
    rule: 'sponsor kind',
    field: 'spec.sponsor',
    apply: a => {
      a.spec.sponsor = 'group:finance';
    },
  },
  {
    rule: 'system kind',
    field: 'spec.system',
    apply: a => {
      a.spec.system = 'api:payments';
    },
  },
  {
    rule: 'identity required',
    field: 'spec.identity',
    apply: a => {
      delete a.spec.identity;
    },
  },
  {
    rule: 'identity id required',
    field: 'spec.identity.id',
    apply: a => {
      a.spec.identity = {};
    },
  },
  {
    rule: 'identity whitespace',
    field: 'spec.identity.id',
    apply: a => {
      a.spec.identity.id = 'refund assistant';
    },
  },
  {
    rule: 'model required',
    field: 'spec.model',
    apply: a => {
      delete a.spec.model;
    },
  },
  {
    rule: 'model provider',
    field: 'spec.model.provider',
    apply: a => {
      a.spec.model.provider = '';
    },
  },
  {
    rule: 'model name',
    field: 'spec.model.name',
    apply: a => {
      delete a.spec.model.name;
    },
  },
  {
    rule: 'model tier',
    field: 'spec.model.tier',
    apply: a => {
      a.spec.model.tier = 'huge';
    },
  },
  {
    rule: 'purpose',
    field: 'spec.purpose',
    apply: a => {
      a.spec.purpose = '   ';
    },
  },
  {
    rule: 'data class format',
    field: 'spec.dataClasses[0]',
    apply: a => {
      a.spec.dataClasses = ['Customer PII'];
    },
  },
  {
    rule: 'data class duplicate',
    field: 'spec.dataClasses[1]',
    apply: a => {
      a.spec.dataClasses = ['payment', 'payment'];
    },
  },
  {
    rule: 'tools required',
    field: 'spec.tools',
    apply: a => {
      delete a.spec.tools;
    },
  },
  {
    rule: 'tools list',
    field: 'spec.tools',
    apply: a => {
      a.spec.tools = { name: 'x' };
    },
  },
  {
    rule: 'tool name',
    field: 'spec.tools[0].name',
    apply: a => {
      a.spec.tools = [{ name: 'has space', access: 'read' }];
    },
  },
  {
    rule: 'tool unique',
    field: 'spec.tools[1].name',
    apply: a => {
      a.spec.tools = [
        { name: 'x.read', access: 'read' },
        { name: 'x.read', access: 'write' },
      ];
    },
  },
  {
    rule: 'tool access',
    field: 'spec.tools[0].access',
    apply: a => {
      a.spec.tools = [{ name: 'x.read', access: 'admin' }];
    },
  },
  {
    rule: 'tool approval',
    field: 'spec.tools[0].approval',
    apply: a => {
      a.spec.tools = [{ name: 'x.read', access: 'read', approval: 'maybe' }];
    },
  },
  {
    rule: 'tool api kind',
    field: 'spec.tools[0].api',
    apply: a => {
      a.spec.tools = [{ name: 'x.read', access: 'read', api: 'component:x' }];
    },
  },
  {
    rule: 'tool data class declared',
    field: 'spec.tools[0].dataClasses',
    apply: a => {
      a.spec.dataClasses = [];
      a.spec.tools = [
        { name: 'x.read', access: 'read', dataClasses: ['secrets'] },
      ];
    },
  },
  {
    rule: 'tool constraints',
    field: 'spec.tools[0].constraints',
    apply: a => {
      a.spec.tools = [
        { name: 'x.read', access: 'read', constraints: 'max 200' },
      ];
    },
  },
  {
    rule: 'tool unknown key',
    field: 'spec.tools[0].acess',
    apply: a => {
      a.spec.tools = [{ name: 'x.read', access: 'read', acess: 'write' }];
    },
  },
  {
    rule: 'spec unknown key',
    field: 'spec.tool',
    apply: a => {
      a.spec.tool = [];
    },
  },
  {
    rule: 'budget positive',
    field: 'spec.budgets.monthlyUsd',
    apply: a => {
      a.spec.budgets = { monthlyUsd: -5 };
    },
  },
  {
    rule: 'budget key',
    field: 'spec.budgets.yearlyUsd',
    apply: a => {
      a.spec.budgets = { yearlyUsd: 5 };
    },
  },
  {
    rule: 'cadence syntax',
    field: 'spec.review.cadence',
    apply: a => {
      a.spec.review = { cadence: 'quarterly' };
    },
  },
  {
    rule: 'cadence too long',
    field: 'spec.review.cadence',
    apply: a => {
      a.spec.review = { cadence: 'P2Y' };
    },
  },
  {
    rule: 'cadence too short',
    field: 'spec.review.cadence',
    apply: a => {
      a.spec.review = { cadence: 'PT1H' };
    },
  },
  {
    rule: 'decommission criteria',
    field: 'spec.decommission.criteria',
    apply: a => {
      a.spec.decommission = { sunset: '2027-01-01' };
    },
  },
  {
    rule: 'sunset date',
    field: 'spec.decommission.sunset',
    apply: a => {
      a.spec.decommission = { criteria: 'x', sunset: '2027-02-30' };
    },
  },
];

describe('validateAgentEntity', () => {
  it('accepts the example from DESIGN.md', () => {
    expect(validateAgentEntity(refundAssistant)).toEqual([]);
  });

  it('accepts every generated valid agent, and so does the JSON schema', () => {
    fc.assert(
      fc.property(validAgent, agent => {
        expect(validateAgentEntity(agent)).toEqual([]);
        expect(schemaAccepts(agent)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(mutations)(
    'rejects a single broken rule ($rule) naming $field',
    mutation => {
      fc.assert(
        fc.property(validAgent, agent => {
          const broken = structuredClone(agent);
          mutation.apply(broken);
          const fields = validateAgentEntity(broken).map(issue => issue.field);
          expect(fields).toContain(mutation.field);
        }),
        { numRuns: 25 },
      );
    },
  );

  it('says how to fix the problem, not only where it is', () => {
    const broken = structuredClone(refundAssistant) as any;
    broken.spec.tools[1].access = 'admin';
    broken.spec.owner = 'component:billing';
    expect(validateAgentEntity(broken)).toEqual([
      {
        field: 'spec.owner',
        message:
          'must reference a group or user, not a component; write it as group:<name>',
      },
      {
        field: 'spec.tools[1].access',
        message: '"admin" is not allowed; use one of read, write, destructive',
      },
    ]);
  });

  it('treats an empty manifest as deny-all, not as an error', () => {
    const denyAll = structuredClone(refundAssistant);
    denyAll.spec.tools = [];
    expect(validateAgentEntity(denyAll)).toEqual([]);
  });

  it('throws one error that lists every issue with the agent name', () => {
    const broken = structuredClone(refundAssistant) as any;
    delete broken.spec.purpose;
    broken.spec.model.tier = 'huge';
    expect(() => assertValidAgentEntity(broken)).toThrow(AgentValidationError);
    expect(() => assertValidAgentEntity(broken)).toThrow(
      'Agent "refund-assistant" is not a valid Agent: spec.purpose: is required; say in one sentence what the agent is for; spec.model.tier: "huge" is not allowed; use one of frontier, standard, small',
    );
  });
});
