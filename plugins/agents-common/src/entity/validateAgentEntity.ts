import { DateTime } from 'luxon';
import type { AgentScope } from '../api/scope';
import { reviewCadenceProblem } from '../review/cadence';
import {
  AGENT_API_VERSION,
  AGENT_BUDGET_KEYS,
  AGENT_KIND,
  AGENT_LIFECYCLES,
  AgentEntityV1alpha1,
  MODEL_TIERS,
  TOOL_ACCESS_LEVELS,
  TOOL_APPROVALS,
} from './AgentEntityV1alpha1';
import {
  Checker,
  NO_WHITESPACE,
  TOOL_NAME,
  isObject,
  names,
  quote,
} from './Checker';
import { AgentValidationError, AgentValidationIssue } from './validationIssues';

export { AgentValidationError };
export type { AgentValidationIssue };

const SPEC_KEYS = [
  'type',
  'lifecycle',
  'owner',
  'sponsor',
  'system',
  'identity',
  'model',
  'purpose',
  'dataClasses',
  'tools',
  'budgets',
  'review',
  'decommission',
];
const TOOL_KEYS = [
  'name',
  'api',
  'access',
  'dataClasses',
  'approval',
  'constraints',
];
function checkTools(
  check: Checker,
  value: unknown,
  agentDataClasses: string[],
) {
  if (value === undefined) {
    check.fail(
      'spec.tools',
      'is required; list the allowed tools, or write [] to deny every tool',
    );
    return;
  }
  if (!Array.isArray(value)) {
    check.fail(
      'spec.tools',
      'must be a list of tools (- name: ..., access: ...)',
    );
    return;
  }
  const seen = new Set<string>();
  value.forEach((raw, index) => {
    const field = `spec.tools[${index}]`;
    const tool = check.object(field, raw, true);
    if (!tool) return;
    check.onlyKeys(field, tool, TOOL_KEYS);
    const name = check.text(
      `${field}.name`,
      tool.name,
      true,
      'use the tool name the gateway reports, such as orders.lookup',
    );
    if (name !== undefined) {
      if (!TOOL_NAME.test(name) || name.length > 128) {
        check.fail(
          `${field}.name`,
          `${quote(
            name,
          )} is not a tool name; use letters, digits and . _ : / - (at most 128)`,
        );
      } else if (seen.has(name)) {
        check.fail(
          `${field}.name`,
          `"${name}" is already in the manifest; list each tool once`,
        );
      }
      seen.add(name);
    }
    check.ref(`${field}.api`, tool.api, 'api', false);
    check.choice(`${field}.access`, tool.access, TOOL_ACCESS_LEVELS, true);
    check.choice(`${field}.approval`, tool.approval, TOOL_APPROVALS, false);
    check
      .dataClasses(`${field}.dataClasses`, tool.dataClasses)
      .forEach(dataClass => {
        if (!agentDataClasses.includes(dataClass)) {
          check.fail(
            `${field}.dataClasses`,
            `"${dataClass}" is not declared in spec.dataClasses; add it there or remove it from the tool`,
          );
        }
      });
    if (tool.constraints !== undefined && !isObject(tool.constraints)) {
      check.fail(
        `${field}.constraints`,
        'must be a mapping, for example { maxAmountUsd: 200 }',
      );
    }
  });
}

function checkBudgets(check: Checker, value: unknown) {
  const budgets = check.object('spec.budgets', value, false);
  if (!budgets) return;
  check.onlyKeys('spec.budgets', budgets, AGENT_BUDGET_KEYS);
  for (const key of AGENT_BUDGET_KEYS) {
    const amount = budgets[key];
    if (
      amount !== undefined &&
      (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0)
    ) {
      check.fail(
        `spec.budgets.${key}`,
        `must be a positive number, got ${quote(amount)}`,
      );
    }
  }
}

function checkReview(check: Checker, value: unknown) {
  const review = check.object('spec.review', value, false);
  if (!review) return;
  check.onlyKeys('spec.review', review, ['cadence']);
  if (review.cadence === undefined) return;
  if (typeof review.cadence !== 'string') {
    check.fail(
      'spec.review.cadence',
      'must be an ISO-8601 duration such as P3M',
    );
    return;
  }
  const problem = reviewCadenceProblem(review.cadence);
  if (problem) check.fail('spec.review.cadence', problem);
}

function checkDecommission(check: Checker, value: unknown) {
  const decommission = check.object('spec.decommission', value, false);
  if (!decommission) return;
  check.onlyKeys('spec.decommission', decommission, ['criteria', 'sunset']);
  check.text(
    'spec.decommission.criteria',
    decommission.criteria,
    true,
    'say when this agent should be retired',
  );
  const sunset = decommission.sunset;
  if (sunset === undefined) return;
  const valid =
    typeof sunset === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(sunset) &&
    DateTime.fromISO(sunset).isValid;
  if (!valid) {
    check.fail(
      'spec.decommission.sunset',
      `${quote(
        sunset,
      )} is not a date; write it as YYYY-MM-DD, for example 2027-06-30`,
    );
  }
}

function checkSpec(check: Checker, value: unknown) {
  const spec = check.object('spec', value, true);
  if (!spec) return;
  check.onlyKeys('spec', spec, SPEC_KEYS);
  check.text(
    'spec.type',
    spec.type,
    true,
    'for example service-agent, coding-agent or assistant',
  );
  check.choice('spec.lifecycle', spec.lifecycle, AGENT_LIFECYCLES, true);
  check.ref('spec.owner', spec.owner, 'owner', true);
  check.ref('spec.sponsor', spec.sponsor, 'sponsor', false);
  check.ref('spec.system', spec.system, 'system', false);
  check.text(
    'spec.purpose',
    spec.purpose,
    true,
    'say in one sentence what the agent is for',
  );

  const identity = check.object('spec.identity', spec.identity, true);
  if (identity) {
    check.onlyKeys('spec.identity', identity, ['id']);
    const id = check.text(
      'spec.identity.id',
      identity.id,
      true,
      'use the identity the enforcement layer knows, such as spiffe://acme.example/agent/<name>',
    );
    if (id !== undefined && !NO_WHITESPACE.test(id)) {
      check.fail(
        'spec.identity.id',
        `${quote(
          id,
        )} contains whitespace; use a URI such as spiffe://acme.example/agent/<name>`,
      );
    }
  }

  const model = check.object('spec.model', spec.model, true);
  if (model) {
    check.onlyKeys('spec.model', model, ['provider', 'name', 'tier']);
    check.text(
      'spec.model.provider',
      model.provider,
      true,
      'for example anthropic or openai',
    );
    check.text(
      'spec.model.name',
      model.name,
      true,
      'use the model name the provider reports',
    );
    check.choice('spec.model.tier', model.tier, MODEL_TIERS, true);
  }

  const dataClasses = check.dataClasses('spec.dataClasses', spec.dataClasses);
  checkTools(check, spec.tools, dataClasses);
  checkBudgets(check, spec.budgets);
  checkReview(check, spec.review);
  checkDecommission(check, spec.decommission);
}

/**
 * Checks every rule of the Agent kind and returns the broken ones (empty when valid).
 * Each issue names the field and says how to fix it.
 * @public
 */
export function validateAgentEntity(entity: unknown): AgentValidationIssue[] {
  const check = new Checker();
  if (!isObject(entity)) {
    check.fail(
      '(entity)',
      'must be a mapping with apiVersion, kind, metadata and spec',
    );
    return check.issues;
  }
  if (entity.apiVersion !== AGENT_API_VERSION) {
    check.fail(
      'apiVersion',
      `must be ${AGENT_API_VERSION}, got ${quote(entity.apiVersion)}`,
    );
  }
  if (entity.kind !== AGENT_KIND) {
    check.fail('kind', `must be ${AGENT_KIND}, got ${quote(entity.kind)}`);
  }
  const metadata = check.object('metadata', entity.metadata, true);
  if (metadata) {
    const name = check.text(
      'metadata.name',
      metadata.name,
      true,
      'use a short lower-case name such as refund-assistant',
    );
    if (name !== undefined && !names.isValidEntityName(name)) {
      check.fail(
        'metadata.name',
        `${quote(
          name,
        )} is not a valid entity name; use letters, digits and - _ . (at most 63, starting and ending with a letter or digit)`,
      );
    }
    if (metadata.namespace !== undefined) {
      const namespace = check.text(
        'metadata.namespace',
        metadata.namespace,
        false,
        'use a namespace such as default',
      );
      if (namespace !== undefined && !names.isValidNamespace(namespace)) {
        check.fail(
          'metadata.namespace',
          `${quote(
            namespace,
          )} is not a valid namespace; use lower-case letters, digits and - (at most 63, starting and ending with a letter or digit), or leave it out for default`,
        );
      }
    }
  }
  checkSpec(check, entity.spec);
  return check.issues;
}

/**
 * Checks a scope (tools and data classes) with the Agent kind's rules, as the spec of an
 * otherwise valid Agent would be checked. Fields are named relative to the spec
 * (`tools[1].access`, `dataClasses`); messages keep the kind's wording.
 * @public
 */
export function validateAgentScope(scope: AgentScope): AgentValidationIssue[] {
  const probe = {
    apiVersion: AGENT_API_VERSION,
    kind: AGENT_KIND,
    metadata: { name: 'scope-check' },
    spec: {
      type: 'scope-check',
      lifecycle: 'production',
      owner: 'group:scope-check',
      identity: { id: 'scope-check' },
      model: { provider: 'scope-check', name: 'scope-check', tier: 'small' },
      purpose: 'scope check',
      dataClasses: scope.dataClasses,
      tools: scope.tools,
    },
  };
  return validateAgentEntity(probe).map(issue => ({
    ...issue,
    field: issue.field.replace(/^spec\./, ''),
  }));
}

/** Throws an {@link AgentValidationError} naming every broken rule. @public */
export function assertValidAgentEntity(
  entity: unknown,
): asserts entity is AgentEntityV1alpha1 {
  const issues = validateAgentEntity(entity);
  if (issues.length > 0) {
    const name =
      isObject(entity) &&
      isObject(entity.metadata) &&
      typeof entity.metadata.name === 'string'
        ? `Agent "${entity.metadata.name}"`
        : 'Agent';
    throw new AgentValidationError(issues, name);
  }
}
