import { AgentState } from '@mandate/plugin-agents-common';

/** What deciding who holds an identity needs to know of an agent that claims it. */
export interface IdentityClaimant {
  entityRef: string;
  identityId: string;
  name: string;
  state: AgentState;
  commissionedAt?: string;
}

/**
 * Who holds a claim (an identity, or a bare agent name) among the agents that make it: an
 * agent commissioned by an approved request and not retired, the first commissioned; when
 * every such agent is retired, the last retired one (its history stays readable). An agent
 * that was never commissioned holds nothing: writing someone's identity into a YAML file
 * claims it, it does not take it.
 */
export function holderOf<T extends IdentityClaimant>(
  claimants: T[],
): T | undefined {
  const commissioned = claimants.filter(
    c => c.state !== 'proposed' && c.commissionedAt,
  );
  const byCommission = (a: T, b: T) =>
    a.commissionedAt!.localeCompare(b.commissionedAt!) ||
    a.entityRef.localeCompare(b.entityRef);
  const live = commissioned.filter(c => c.state !== 'retired');
  if (live.length > 0) return [...live].sort(byCommission)[0];
  return [...commissioned].sort(byCommission).pop();
}

/**
 * The telemetry keys an agent may read: its identity, and its bare name (spans that name
 * no identity), each only while it holds that claim among `claimants` (every agent with
 * the same identity or the same name).
 */
export function telemetryKeysHeld(
  agent: IdentityClaimant,
  claimants: IdentityClaimant[],
): string[] {
  const keys: string[] = [];
  const holds = (others: IdentityClaimant[]) =>
    holderOf(others)?.entityRef === agent.entityRef;
  if (holds(claimants.filter(c => c.identityId === agent.identityId))) {
    keys.push(agent.identityId);
  }
  if (holds(claimants.filter(c => c.name === agent.name))) {
    keys.push(`name:${agent.name}`);
  }
  return keys;
}

/**
 * The live agent (commissioned, not retired) that holds this agent's identity, when it is
 * another one: what stops this agent's commission. A retired holder stops nothing, so an
 * identity moves to the agent that replaces a retired one.
 */
export function identityHeldByAnother(
  agent: IdentityClaimant,
  claimants: IdentityClaimant[],
): IdentityClaimant | undefined {
  const holder = holderOf(
    claimants.filter(c => c.identityId === agent.identityId),
  );
  return holder &&
    holder.entityRef !== agent.entityRef &&
    holder.state !== 'retired'
    ? holder
    : undefined;
}
