import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { CertificateClaims } from '../certificates/CertificateVerifier';
import {
  EffectivePolicy,
  PolicySnapshot,
  PolicyTool,
} from '../policy/PolicySnapshot';
import { ConstraintCheck, checkConstraints } from './constraints';

/** Why a call was refused. @public */
export type DenialCode =
  | 'unknown-agent'
  | 'not-active'
  | 'not-in-scope'
  | 'stale-certificate'
  | 'constraint'
  | 'over-budget'
  | 'approval-denied'
  | 'approval-expired';

/** Mandate's answer for one tool call. @public */
export type ToolCallDecision =
  | {
      decision: 'allow';
      /** The Cedar policy that permitted it: `<agent ref>/<tool>`. */
      ruleId: string;
      policyHash: string;
      tool: PolicyTool;
    }
  | {
      decision: 'approval-required';
      ruleId: string;
      policyHash: string;
      tool: PolicyTool;
      /** Why a person must approve, for the approval request. */
      why: string;
    }
  | {
      decision: 'deny';
      code: DenialCode;
      /** What to tell the agent, and its builder. */
      message: string;
      ruleId?: string;
      policyHash?: string;
    };

/** One tool call, as the enforcement point sees it. @public */
export interface ToolCall {
  /** The agent's certificate, verified. */
  certificate: CertificateClaims;
  tool: string;
  arguments: Record<string, unknown>;
  /** True once a person approved this very call. */
  approved?: boolean;
  /** Calls allowed to this identity today, for `dailyToolCalls`. */
  callsToday: number;
}

function cedarDecision(
  snapshot: PolicySnapshot,
  identity: string,
  tool: string,
  approved: boolean,
) {
  const answer = cedar.isAuthorized({
    principal: { type: 'Mandate::Agent', id: identity },
    action: { type: 'Mandate::Action', id: 'callTool' },
    resource: { type: 'Mandate::Tool', id: tool },
    context: { approved },
    policies: { staticPolicies: snapshot.cedarPolicies },
    entities: [],
  });
  if (answer.type !== 'success') {
    throw new Error(
      `Cedar could not decide: ${answer.errors.map(e => e.message).join('; ')}`,
    );
  }
  return {
    allowed: answer.response.decision === 'allow',
    ruleIds: answer.response.diagnostics.reason,
  };
}

const deny = (
  code: DenialCode,
  message: string,
  policy?: EffectivePolicy,
): ToolCallDecision => ({
  decision: 'deny',
  code,
  message,
  ...(policy ? { policyHash: policy.hash } : {}),
});

/**
 * Decides one tool call against Mandate's policies, in order: the agent must have a policy
 * and be active; its certificate must state the policy in force (a certificate issued
 * before a scope change or a suspension no longer counts); Cedar must permit the tool
 * (without approval, or else with it: then a person must approve); the tool's constraints
 * must hold for the arguments; the daily tool-call budget must not be spent.
 * @public
 */
export function decideToolCall(
  snapshot: PolicySnapshot,
  call: ToolCall,
  constraintChecks: Record<string, ConstraintCheck>,
): ToolCallDecision {
  const identity = call.certificate.sub;
  const policies = snapshot.policiesOf(identity);
  const policy = policies.find(p => p.agent.ref === call.certificate.agentRef);
  if (!policy) {
    return deny(
      'unknown-agent',
      `${call.certificate.agentRef} (${identity}) has no policy in Mandate; commission it first`,
    );
  }
  const blocked = policies.find(p => p.effect === 'deny-all');
  if (blocked) {
    return deny(
      'not-active',
      blocked.reason ?? `${blocked.agent.ref} may not call tools`,
      blocked,
    );
  }
  if (call.certificate.policyHash !== policy.hash) {
    return deny(
      'stale-certificate',
      `the certificate states policy ${call.certificate.policyHash}, but ${policy.agent.ref}'s policy is now ${policy.hash} (its scope changed); ask Mandate for a new certificate`,
      policy,
    );
  }
  let verdict = cedarDecision(snapshot, identity, call.tool, !!call.approved);
  let needsApproval = false;
  if (!verdict.allowed && !call.approved) {
    const ifApproved = cedarDecision(snapshot, identity, call.tool, true);
    needsApproval = ifApproved.allowed;
    if (needsApproval) verdict = ifApproved;
  }
  const ruleId = verdict.ruleIds.find(id =>
    id.startsWith(`${policy.agent.ref}/`),
  );
  const tool = policy.tools.find(t => t.name === call.tool);
  if (!verdict.allowed || !ruleId || !tool) {
    return deny(
      'not-in-scope',
      `${call.tool} is not in the approved scope of ${policy.agent.ref}`,
      policy,
    );
  }
  const constraints = checkConstraints(
    tool.constraints ?? {},
    call.arguments,
    constraintChecks,
  );
  if (constraints.result === 'breach') {
    return {
      ...deny('constraint', `${call.tool}: ${constraints.message}`, policy),
      ruleId,
    };
  }
  const budget = policy.budgets?.dailyToolCalls;
  if (budget !== undefined && call.callsToday >= budget) {
    return {
      ...deny(
        'over-budget',
        `${policy.agent.ref} has made its ${budget} tool calls for today (budgets.dailyToolCalls)`,
        policy,
      ),
      ruleId,
    };
  }
  const base = { ruleId, policyHash: policy.hash, tool };
  if (needsApproval) {
    return {
      decision: 'approval-required',
      ...base,
      why:
        tool.access === 'destructive'
          ? `${call.tool} is destructive: each call needs a person's approval`
          : `${call.tool} needs a person's approval (approval: human)`,
    };
  }
  if (constraints.result === 'ask' && !call.approved) {
    return {
      decision: 'approval-required',
      ...base,
      why: `${call.tool}: ${constraints.message}, so a person must approve`,
    };
  }
  return { decision: 'allow', ...base };
}
