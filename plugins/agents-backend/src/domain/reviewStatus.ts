import { AgentState, ReviewStatus } from '@mandate/plugin-agents-common';
import { AgentRecord } from './agentRecord';

/** Reviews are only tracked for agents in service. */
export const REVIEWED_STATES: AgentState[] = ['active'];

export function reviewStatusOf(
  agent: Pick<AgentRecord, 'state' | 'nextReviewDueAt'>,
  reviewOpen: boolean,
  now: Date,
): ReviewStatus {
  if (!REVIEWED_STATES.includes(agent.state) || !agent.nextReviewDueAt)
    return 'none';
  if (agent.nextReviewDueAt < now.toISOString()) return 'overdue';
  return reviewOpen ? 'due' : 'not-due';
}
