/** One rule broken on purpose: the field it names and how the entity is changed. */
export type Mutation = { rule: string; field: string; apply: (a: any) => void };
export const mutations: Mutation[] = [
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
    rule: 'namespace format',
    field: 'metadata.namespace',
    apply: a => {
      a.metadata.namespace = '../x';
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
      a.spec.decommission = { sunset: '2031-01-01' };
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
