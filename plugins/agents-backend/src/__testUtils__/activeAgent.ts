import { AgentEntityV1alpha1 } from '@mandate/plugin-agents-common';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { newAgentRecord } from '../domain/agentRecord';

/** Stores an agent as commissioned: active, with its YAML scope approved as version 1. */
export async function insertActiveAgent(
  db: AgentsDatabase,
  entity: AgentEntityV1alpha1,
  at = '2026-01-05T09:00:00.000Z',
) {
  const record = newAgentRecord(entity, at, true);
  await db.stores.agents.insert({
    ...record,
    state: 'active',
    commissionedAt: at,
    approvedVersion: 1,
  });
  await db.stores.agents.addApprovedScope(record.entityRef, {
    ...record.declaredScope,
    version: 1,
    approvedAt: at,
    approvedBy: 'user:default/nina.kowalski',
  });
  return record;
}
