import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { AgentTool } from '@mandate/plugin-agents-common';
import { activeAgent } from '../__testUtils__/policies';
import { AgentRecord } from '../domain/agentRecord';
import {
  CEDAR_SCHEMA,
  bundleToCedar,
  cedarString,
  policyToCedar,
} from './cedar';
import {
  EffectivePolicy,
  effectivePolicy,
  policyBundle,
} from './effectivePolicy';

function policyOf(
  name: string,
  overrides: Partial<AgentRecord> = {},
  tools?: AgentTool[],
): EffectivePolicy {
  const { agent, approved } = activeAgent(name, overrides);
  return effectivePolicy(agent, tools ? { ...approved, tools } : approved);
}

/** Cedar's own decision for one tool call under the given policy text. */
function decide(
  policies: string,
  identity: string,
  tool: string,
  context: Record<string, boolean> = {},
): 'allow' | 'deny' {
  const answer = cedar.isAuthorized({
    principal: { type: 'Mandate::Agent', id: identity },
    action: { type: 'Mandate::Action', id: 'callTool' },
    resource: { type: 'Mandate::Tool', id: tool },
    context,
    policies: { staticPolicies: policies },
    entities: [],
  });
  if (answer.type !== 'success') {
    throw new Error(answer.errors.map(e => e.message).join('; '));
  }
  expect(answer.response.diagnostics.errors).toEqual([]);
  return answer.response.decision;
}

function expectValid(policies: string) {
  expect(cedar.checkParsePolicySet({ staticPolicies: policies })).toEqual({
    type: 'success',
  });
  const validation = cedar.validate({
    schema: CEDAR_SCHEMA,
    policies: { staticPolicies: policies },
    validationSettings: { mode: 'strict' },
  });
  expect(validation).toMatchObject({ type: 'success', validationErrors: [] });
}

describe('policyToCedar', () => {
  const policy = policyOf('refund-assistant');
  const text = policyToCedar(policy);
  const identity = policy.agent.identity;

  it('parses and validates against the Mandate schema', () => {
    expectValid(text);
    expect(text).toContain(`// policy hash ${policy.hash}`);
    expect(text).toContain('agent:default/refund-assistant');
    expect(text).toContain(
      '@id("agent:default/refund-assistant/orders.lookup")',
    );
  });

  it('permits an allowed tool', () => {
    expect(decide(text, identity, 'orders.lookup')).toBe('allow');
  });

  it('denies a tool the approved scope does not list', () => {
    expect(decide(text, identity, 'payments.refund-all')).toBe('deny');
  });

  it('denies the allowed tools to another identity', () => {
    expect(
      decide(text, 'spiffe://acme.example/agent/other', 'orders.lookup'),
    ).toBe('deny');
  });

  it('permits destructive and human-approval tools only with an approval', () => {
    for (const tool of ['tickets.delete', 'refunds.issue']) {
      expect(decide(text, identity, tool)).toBe('deny');
      expect(decide(text, identity, tool, { approved: false })).toBe('deny');
      expect(decide(text, identity, tool, { approved: true })).toBe('allow');
    }
  });

  it('needs an approval for a destructive tool even without approval: human', () => {
    const destructive = policyToCedar(
      policyOf('cleaner', {}, [{ name: 'ns.delete', access: 'destructive' }]),
    );
    const id = 'spiffe://acme.example/agent/cleaner';
    expect(decide(destructive, id, 'ns.delete')).toBe('deny');
    expect(decide(destructive, id, 'ns.delete', { approved: true })).toBe(
      'allow',
    );
  });

  it('forbids everything to a suspended agent, approval or not', () => {
    const suspended = policyToCedar(
      policyOf('refund-assistant', { state: 'suspended' }),
    );
    expectValid(suspended);
    expect(suspended).toContain('forbid (');
    expect(suspended).not.toContain('permit (');
    for (const tool of ['orders.lookup', 'tickets.delete', 'anything']) {
      expect(decide(suspended, identity, tool, { approved: true })).toBe(
        'deny',
      );
    }
    // The forbid wins over a permit from elsewhere (for example an older bundle).
    expect(decide(`${text}\n${suspended}`, identity, 'orders.lookup')).toBe(
      'deny',
    );
  });

  it('escapes quotes, backslashes and control characters in names', () => {
    const tricky = 'say "hi"\\ \n then permit (principal, action, resource);';
    // A newline would end the header comment; the rest would be a policy.
    const trickyIdentity =
      'spiffe://acme.example/agent/"q"\\x\npermit (principal, action, resource);';
    const policy2 = policyOf('tricky', { identityId: trickyIdentity }, [
      { name: tricky, access: 'read', constraints: { note: 'a "b"' } },
    ]);
    const cedarText = policyToCedar(policy2);
    expectValid(cedarText);
    expect(decide(cedarText, trickyIdentity, tricky)).toBe('allow');
    // No injected policy: another tool stays denied.
    expect(decide(cedarText, trickyIdentity, 'orders.lookup')).toBe('deny');
    const parts = cedar.policySetTextToParts(cedarText);
    expect(parts).toMatchObject({ type: 'success' });
    expect(parts.type === 'success' && parts.policies).toHaveLength(1);
  });
});

describe('cedarString', () => {
  it('writes Cedar escapes', () => {
    expect(cedarString('a"b\\c\n\t\u0001')).toBe('"a\\"b\\\\c\\n\\t\\u{1}"');
    expect(cedarString('plain.tool-name_1')).toBe('"plain.tool-name_1"');
  });
});

describe('bundleToCedar', () => {
  it('holds every agent: active ones permitted, suspended ones forbidden', () => {
    const active = policyOf('active-one');
    const suspended = policyOf('suspended-one', { state: 'suspended' });
    const bundle = policyBundle([active, suspended]);
    const text = bundleToCedar(bundle);
    expectValid(text);
    expect(text).toContain(`// bundle hash ${bundle.hash}`);
    expect(decide(text, active.agent.identity, 'orders.lookup')).toBe('allow');
    expect(decide(text, suspended.agent.identity, 'orders.lookup')).toBe(
      'deny',
    );
  });
});
