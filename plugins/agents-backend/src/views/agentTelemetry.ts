import { AgentGrant, isGrantActive } from '@mandate/plugin-agents-node';
import { AgentRecord } from '../domain/agentRecord';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { AgentActivity, SourceStatus } from '@mandate/plugin-agents-common';
import { isStandingGrant } from '../domain/grants';
import { telemetryKeysOf } from './telemetryKeys';

/** Tools in the agent's current approved scope. */
async function approvedTools(
  db: AgentsDatabase,
  agent: AgentRecord,
): Promise<Set<string>> {
  const approved = await db.stores.agents.approvedScope(
    agent.entityRef,
    agent.approvedVersion,
  );
  return new Set((approved?.tools ?? []).map(t => t.name));
}

/** What the enforcement layer saw one agent do in a window, held against its approved scope. */
export async function agentActivity(
  db: AgentsDatabase,
  sources: SourceStatus[],
  agent: AgentRecord,
  window: { from: Date; to: Date },
): Promise<AgentActivity> {
  const keys = await telemetryKeysOf(db, agent);
  const { from, to } = window;
  const store = db.telemetry.reader;
  const [daily, tools, models, approved] = await Promise.all([
    store.daily(keys, from, to),
    store.toolActivity(keys, from, to),
    store.models(keys, from, to),
    approvedTools(db, agent),
  ]);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    daily,
    tools: tools.map(t => ({ ...t, inApprovedScope: approved.has(t.tool) })),
    models,
    sources,
    ...(agent.lastActivityAt ? { lastActivityAt: agent.lastActivityAt } : {}),
  };
}

/** The grants the enforcement layer reported for one agent, with what each means now. */
export async function agentGrants(
  db: AgentsDatabase,
  agent: AgentRecord,
  options: { now: Date; standingAfterMs: number },
) {
  const [grants, approved] = await Promise.all([
    db.telemetry.reader.grants(await telemetryKeysOf(db, agent)),
    approvedTools(db, agent),
  ]);
  return grants.map(({ agentIdentityId, ...grant }) => ({
    ...grant,
    active: isGrantActive(grant as AgentGrant, options.now),
    standing: isStandingGrant(grant as AgentGrant, options.standingAfterMs),
    inApprovedScope: approved.has(grant.tool),
  }));
}
