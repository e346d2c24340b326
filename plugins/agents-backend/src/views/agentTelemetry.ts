import { AgentGrant, isGrantActive } from '@mandate/plugin-agents-node';
import { AgentRecord } from '../database/AgentsStore';
import { GovernanceDatabase } from '../database/Stores';
import { identityKeysOfAgent } from '../domain/identity';
import { AgentActivity, SourceStatus } from '@mandate/plugin-agents-common';
import { TelemetryStore } from '../telemetry/TelemetryStore';

/** Tools in the agent's current approved scope. */
async function approvedTools(
  db: GovernanceDatabase,
  agent: AgentRecord,
): Promise<Set<string>> {
  const approved = await db.stores.agents.approvedScope(
    agent.entityRef,
    agent.approvedVersion,
  );
  return new Set((approved?.tools ?? []).map(t => t.name));
}

/** A grant is standing when it never expires or lives longer than `standingAfterMs`. */
export function isStandingGrant(grant: AgentGrant, standingAfterMs: number) {
  if (!grant.expiresAt) return true;
  return (
    Date.parse(grant.expiresAt) - Date.parse(grant.issuedAt) > standingAfterMs
  );
}

export async function agentActivity(
  db: GovernanceDatabase,
  store: TelemetryStore,
  sources: SourceStatus[],
  agent: AgentRecord,
  window: { from: Date; to: Date },
): Promise<AgentActivity> {
  const keys = identityKeysOfAgent(agent);
  const { from, to } = window;
  const [daily, tools, models, approved, lastActivity] = await Promise.all([
    store.daily(keys, from, to),
    store.toolActivity(keys, from, to),
    store.models(keys, from, to),
    approvedTools(db, agent),
    db
      .knex('agents')
      .where({ entity_ref: agent.entityRef })
      .first('last_activity_at'),
  ]);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    daily,
    tools: tools.map(t => ({ ...t, inApprovedScope: approved.has(t.tool) })),
    models,
    sources,
    ...(lastActivity?.last_activity_at
      ? { lastActivityAt: lastActivity.last_activity_at }
      : {}),
  };
}

export async function agentGrants(
  db: GovernanceDatabase,
  store: TelemetryStore,
  agent: AgentRecord,
  options: { now: Date; standingAfterMs: number },
) {
  const [grants, approved] = await Promise.all([
    store.grants(identityKeysOfAgent(agent)),
    approvedTools(db, agent),
  ]);
  return grants.map(({ agentIdentityId, ...grant }) => ({
    ...grant,
    active: isGrantActive(grant as AgentGrant, options.now),
    standing: isStandingGrant(grant as AgentGrant, options.standingAfterMs),
    inApprovedScope: approved.has(grant.tool),
  }));
}
