import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { activeAgent } from '../__testUtils__/policies';
import { policyToCedar } from './cedar';
import { effectivePolicy } from './effectivePolicy';
import { decideToolCall } from './toolCallDecision';

/** Cedar's decision for one call under the policy text, with or without a human approval. */
function cedarDecision(
  policies: string,
  identity: string,
  tool: string,
  approved: boolean,
): 'allow' | 'deny' {
  const answer = cedar.isAuthorized({
    principal: { type: 'Mandate::Agent', id: identity },
    action: { type: 'Mandate::Action', id: 'callTool' },
    resource: { type: 'Mandate::Tool', id: tool },
    context: approved ? { approved: true } : {},
    policies: { staticPolicies: policies },
    entities: [],
  });
  if (answer.type !== 'success') {
    throw new Error(answer.errors.map(e => e.message).join('; '));
  }
  return answer.response.decision;
}

/** What the exported Cedar policies decide: allowed outright, only when approved, or never. */
function fromCedar(policies: string, identity: string, tool: string) {
  if (cedarDecision(policies, identity, tool, false) === 'allow') {
    return 'allow';
  }
  return cedarDecision(policies, identity, tool, true) === 'allow'
    ? 'require-approval'
    : 'deny';
}

describe('decideToolCall', () => {
  const { agent, approved } = activeAgent('refund-assistant');
  const cases = [
    ['an active agent', effectivePolicy(agent, approved)],
    [
      'a suspended agent',
      effectivePolicy({ ...agent, state: 'suspended' }, approved),
    ],
    ['an agent with no approved scope', effectivePolicy(agent, undefined)],
  ] as const;
  const tools = [
    'orders.lookup',
    'refunds.issue',
    'tickets.delete',
    'payments.refund-all',
  ];

  it.each(cases)(
    'decides as the Cedar policies exported for %s',
    (_what, policy) => {
      const text = policyToCedar(policy);
      const identities = [
        policy.agent.identity,
        'spiffe://acme.example/agent/someone-else',
      ];
      for (const identity of identities) {
        for (const tool of tools) {
          expect({
            identity,
            tool,
            decision: decideToolCall(policy, tool, identity).decision,
          }).toEqual({
            identity,
            tool,
            decision: fromCedar(text, identity, tool),
          });
        }
      }
    },
  );

  it('says why, and what would change the answer', () => {
    const policy = effectivePolicy(agent, {
      ...approved,
      tools: [
        ...approved.tools,
        {
          name: 'refunds.small',
          access: 'write',
          constraints: { maxAmountUsd: 200 },
        },
      ],
    });
    expect(decideToolCall(policy, 'orders.lookup')).toEqual({
      decision: 'allow',
      reason: 'orders.lookup is in the approved scope with read access',
      tool: expect.objectContaining({ name: 'orders.lookup' }),
    });
    expect(decideToolCall(policy, 'refunds.small').reason).toBe(
      'refunds.small is in the approved scope with write access; the gateway also enforces its constraints {"maxAmountUsd":200}',
    );
    expect(decideToolCall(policy, 'refunds.issue').reason).toBe(
      "refunds.issue is allowed only with a person's approval of each call (its approved scope sets approval: human): the gateway holds the call until it is approved",
    );
    expect(decideToolCall(policy, 'payments.refund-all')).toEqual({
      decision: 'deny',
      reason:
        'payments.refund-all is not in the approved scope of agent:default/refund-assistant (version 2), and what it leaves out is denied; its owner may file a scope change (request-agent-scope-change) to add it, which security must approve',
    });
    expect(
      decideToolCall(
        effectivePolicy({ ...agent, state: 'retired' }, approved),
        'orders.lookup',
      ),
    ).toEqual({
      decision: 'deny',
      reason:
        'every call is denied: agent:default/refund-assistant is retired; only active agents may call tools',
    });
  });
});
