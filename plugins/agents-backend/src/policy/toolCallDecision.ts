import { EffectivePolicy, PolicyTool } from './effectivePolicy';

/** What a gateway enforcing the policy does with one call. */
export type ToolCallVerdict = 'allow' | 'deny' | 'require-approval';

export interface ToolCallDecision {
  decision: ToolCallVerdict;
  /** Why, in words a person (or an assistant) can act on. */
  reason: string;
  /** The tool's entry in the policy, when the policy lists it. */
  tool?: PolicyTool;
}

function constraintsNote(tool: PolicyTool): string {
  return Object.keys(tool.constraints).length > 0
    ? `; the gateway also enforces its constraints ${JSON.stringify(
        tool.constraints,
      )}`
    : '';
}

/**
 * Decides one call of `toolName` by `identity` under an agent's effective policy, as the
 * Cedar policies exported from it decide it (`policy/cedar.ts`): everything is denied to an
 * agent whose policy is deny-all and every tool its allow-list leaves out; a listed tool
 * that needs approval (destructive access, or `approval: human`) waits for a person; the
 * rest is allowed. An identity other than the agent's is denied: an identity belongs to
 * exactly one agent. Budgets are counted by the gateway, not here.
 */
export function decideToolCall(
  policy: EffectivePolicy,
  toolName: string,
  identity: string = policy.agent.identity,
): ToolCallDecision {
  const agent = policy.agent.ref;
  if (identity !== policy.agent.identity) {
    return {
      decision: 'deny',
      reason: `${identity} is not the identity of ${agent} (${policy.agent.identity}); a gateway allows the agent's tools only to the identity it holds`,
    };
  }
  if (policy.effect === 'deny-all') {
    return {
      decision: 'deny',
      reason: `every call is denied: ${policy.reason}`,
    };
  }
  const tool = policy.tools.find(t => t.name === toolName);
  if (!tool) {
    return {
      decision: 'deny',
      reason: `${toolName} is not in the approved scope of ${agent} (version ${policy.approvedScopeVersion}), and what it leaves out is denied; its owner may file a scope change (request-agent-scope-change) to add it, which security must approve`,
    };
  }
  if (tool.requiresApproval) {
    const why = [
      ...(tool.access === 'destructive' ? ['its access is destructive'] : []),
      ...(tool.approval === 'human'
        ? ['its approved scope sets approval: human']
        : []),
    ].join(' and ');
    return {
      decision: 'require-approval',
      reason: `${toolName} is allowed only with a person's approval of each call (${why}): the gateway holds the call until it is approved${constraintsNote(
        tool,
      )}`,
      tool,
    };
  }
  return {
    decision: 'allow',
    reason: `${toolName} is in the approved scope with ${
      tool.access
    } access${constraintsNote(tool)}`,
    tool,
  };
}
