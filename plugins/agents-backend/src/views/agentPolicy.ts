import { AgentsDatabase } from '../database/AgentsDatabase';
import { AgentRecord } from '../domain/agentRecord';
import {
  EffectivePolicy,
  PolicyBundle,
  effectivePolicy,
  policyBundle,
} from '../policy/effectivePolicy';

/** One agent's effective policy, from its record and its current approved scope. */
export async function agentPolicy(
  db: AgentsDatabase,
  agent: AgentRecord,
): Promise<EffectivePolicy> {
  const approved =
    agent.state === 'active'
      ? await db.stores.agents.approvedScope(
          agent.entityRef,
          agent.approvedVersion,
        )
      : undefined;
  return effectivePolicy(agent, approved);
}

/**
 * The bundle of every agent past `proposed` (suspended and retired ones as deny-all): what
 * gateways poll.
 */
export async function policyBundleOf(
  db: AgentsDatabase,
  visibleOwners: string[] | undefined,
): Promise<PolicyBundle> {
  const agents = await db.stores.agents.withApprovedScopes(visibleOwners);
  return policyBundle(
    agents.map(({ agent, approved }) => effectivePolicy(agent, approved)),
  );
}
