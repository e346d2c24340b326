import { ApprovedScope, scopeOfEntity } from '@mandate/plugin-agents-common';
import { TEST_NOW } from '@mandate/plugin-agents-node/testUtils';
import { AgentRecord } from '../domain/agentRecord';
import { newAgentRecord } from '../domain/agentRecord';
import { agentEntity } from './entities';

const NOW = TEST_NOW.toISO()!;

/**
 * An agent record of {@link agentEntity} (read, write with approval, destructive tools),
 * active with its declared scope approved as version 2, and that approved scope.
 */
export function activeAgent(
  name: string,
  overrides: Partial<AgentRecord> = {},
): { agent: AgentRecord; approved: ApprovedScope } {
  const entity = agentEntity(name, { budgets: { monthlyUsd: 400 } });
  const agent: AgentRecord = {
    ...newAgentRecord(entity, NOW, true),
    state: 'active',
    approvedVersion: 2,
    ...overrides,
  };
  const approved: ApprovedScope = {
    ...scopeOfEntity(entity),
    version: 2,
    approvedAt: NOW,
    approvedBy: 'user:default/nina.kowalski',
  };
  return { agent, approved };
}
