import Chip from '@mui/material/Chip';
import {
  AgentState,
  AgentSummary,
  ToolAccess,
} from '@mandate/plugin-agents-common';

/** Chip colours of tool access levels: the more an agent may do, the louder. */
export const ACCESS_COLOR: Record<ToolAccess, 'default' | 'warning' | 'error'> =
  {
    read: 'default',
    write: 'warning',
    destructive: 'error',
  };

const STATE_COLOR: Record<
  AgentState,
  'default' | 'success' | 'warning' | 'error' | 'info'
> = {
  proposed: 'info',
  active: 'success',
  suspended: 'error',
  decommissioning: 'warning',
  retired: 'default',
};

export function StateChip({ state }: { state: AgentState }) {
  return <Chip size="small" label={state} color={STATE_COLOR[state]} />;
}

/** "due 2025-06-30", "12 days overdue", or a dash when the agent is not reviewed. */
export function reviewLabel(
  agent: Pick<
    AgentSummary,
    'reviewStatus' | 'reviewDueAt' | 'reviewOverdueDays'
  >,
): string {
  switch (agent.reviewStatus) {
    case 'overdue':
      return `${agent.reviewOverdueDays} day${
        agent.reviewOverdueDays === 1 ? '' : 's'
      } overdue`;
    case 'due':
      return `open, due ${agent.reviewDueAt?.slice(0, 10)}`;
    case 'not-due':
      return `due ${agent.reviewDueAt?.slice(0, 10)}`;
    default:
      return '—';
  }
}
