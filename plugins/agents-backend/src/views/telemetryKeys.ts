import { AgentsDatabase } from '../database/AgentsDatabase';
import { AgentRecord } from '../domain/agentRecord';
import { telemetryKeysHeld } from '../domain/identityClaims';

/**
 * The telemetry keys an agent may be shown: those of its claims it holds. An agent that
 * claims another's identity (or name) sees none of that traffic.
 */
export async function telemetryKeysOf(
  db: AgentsDatabase,
  agent: AgentRecord,
): Promise<string[]> {
  return telemetryKeysHeld(agent, await db.stores.agents.claimantsOf(agent));
}
