import { AgentScope, ApprovedScope } from '@mandate/plugin-agents-common';
import { Knex } from 'knex';
import { AgentRecord, agentFromRow } from '../database/AgentsStore';
import { GovernanceDatabase } from '../database/Stores';
import { fromJson } from '../database/json';
import {
  EffectivePolicy,
  PolicyBundle,
  effectivePolicy,
  policyBundle,
} from '../policy/effectivePolicy';

/** One agent's effective policy, from its record and its current approved scope. */
export async function agentPolicy(
  db: GovernanceDatabase,
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
 * The bundle of every agent past `proposed` (suspended and retired ones as deny-all), in two
 * queries however large the estate: gateways poll this.
 */
export async function policyBundleOf(
  knex: Knex,
  visibleOwners: string[] | undefined,
): Promise<PolicyBundle> {
  const owned = (query: Knex.QueryBuilder) =>
    visibleOwners ? query.whereIn('a.owner_ref', visibleOwners) : query;
  const [agentRows, scopeRows] = await Promise.all([
    owned(knex('agents as a').whereNot('a.state', 'proposed')).select('a.*'),
    owned(
      knex('approved_scopes as s')
        .join('agents as a', join =>
          join
            .on('a.entity_ref', 's.agent_ref')
            .andOn('a.approved_version', 's.version'),
        )
        .where('a.state', 'active'),
    ).select('s.agent_ref', 's.version', 's.scope'),
  ]);
  const scopes = new Map<string, ApprovedScope>(
    scopeRows.map((row: any) => [
      row.agent_ref,
      {
        ...fromJson<AgentScope>(row.scope, { dataClasses: [], tools: [] }),
        version: Number(row.version),
        // Not part of the policy; the bundle needs only tools and version.
        approvedAt: '',
        approvedBy: '',
      },
    ]),
  );
  return policyBundle(
    agentRows.map((row: any) => {
      const agent = agentFromRow(row);
      return effectivePolicy(agent, scopes.get(agent.entityRef));
    }),
  );
}
