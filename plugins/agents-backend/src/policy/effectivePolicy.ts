import { createHash } from 'node:crypto';
import {
  AgentProfile,
  AgentState,
  ApprovedScope,
  ModelTier,
  canonicalJson,
  components,
} from '@mandate/plugin-agents-common';

/** The format of every document this module builds. */
export const POLICY_API_VERSION = 'mandate.dev/policy/v1';

// The documents of the policy routes, as src/schema/openapi.yaml defines them.
/** One tool the agent may call, as the gateway enforces it. */
export type PolicyTool = components['schemas']['PolicyTool'];

/** An agent's effective policy: its approved scope as the enforcement layer loads it. */
export type EffectivePolicy = components['schemas']['EffectivePolicy'];

/** The policies of many agents, with a hash over their hashes. */
export type PolicyBundle = components['schemas']['PolicyBundle'];

/** What a policy is built from: the agent record's governance fields. */
export type PolicySubject = {
  entityRef: string;
  identityId: string;
  state: AgentState;
  modelTier?: ModelTier;
  profile?: Pick<AgentProfile, 'model' | 'budgets'>;
};

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The hash of a document: its RFC 8785 canonical JSON without its hash. */
export function policyHash(
  document: Omit<EffectivePolicy, 'hash'> | EffectivePolicy,
): string {
  const { hash: _ignored, ...content } = document as EffectivePolicy;
  return sha256(canonicalJson(content));
}

function denyReason(
  agent: PolicySubject,
  approved: ApprovedScope | undefined,
): string | undefined {
  if (agent.state !== 'active') {
    return `${agent.entityRef} is ${agent.state}; only active agents may call tools`;
  }
  if (!approved) {
    return `${agent.entityRef} has no approved scope; approve its commission or a scope change`;
  }
  return undefined;
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : Number(a.name > b.name);

function policyTools(approved: ApprovedScope): PolicyTool[] {
  return approved.tools
    .map(tool => {
      const approval = tool.approval ?? 'none';
      return {
        name: tool.name,
        ...(tool.api ? { api: tool.api } : {}),
        access: tool.access,
        approval,
        requiresApproval: tool.access === 'destructive' || approval === 'human',
        dataClasses: [...(tool.dataClasses ?? [])].sort(),
        constraints: tool.constraints ?? {},
      };
    })
    .sort(byName);
}

/**
 * The effective policy of one agent. Only an active agent with an approved scope gets its
 * allow-list; every other agent is denied everything. Tools and data classes are sorted, so
 * the same approved scope always yields the same document and hash.
 */
export function effectivePolicy(
  agent: PolicySubject,
  approved: ApprovedScope | undefined,
): EffectivePolicy {
  const reason = denyReason(agent, approved);
  const declared = agent.profile?.model;
  const tier = declared?.tier ?? agent.modelTier;
  const content: Omit<EffectivePolicy, 'hash'> = {
    apiVersion: POLICY_API_VERSION,
    kind: 'AgentPolicy',
    agent: {
      ref: agent.entityRef,
      identity: agent.identityId,
      state: agent.state,
    },
    effect: reason ? 'deny-all' : 'allow-listed',
    ...(reason ? { reason } : {}),
    model: {
      ...(declared?.provider ? { provider: declared.provider } : {}),
      ...(declared?.name ? { name: declared.name } : {}),
      ...(tier ? { tier } : {}),
    },
    budgets: { ...agent.profile?.budgets },
    tools: reason || !approved ? [] : policyTools(approved),
    approvedScopeVersion: reason || !approved ? null : approved.version,
  };
  return { ...content, hash: policyHash(content) };
}

/** Every policy in one document, ordered by agent ref, hashed over the member hashes. */
export function policyBundle(policies: EffectivePolicy[]): PolicyBundle {
  const sorted = [...policies].sort((a, b) =>
    a.agent.ref < b.agent.ref ? -1 : Number(a.agent.ref > b.agent.ref),
  );
  const hash = sha256(
    canonicalJson({
      apiVersion: POLICY_API_VERSION,
      kind: 'PolicyBundle',
      members: sorted.map(p => p.hash),
    }),
  );
  return {
    apiVersion: POLICY_API_VERSION,
    kind: 'PolicyBundle',
    policies: sorted,
    hash,
  };
}
