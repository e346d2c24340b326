import { ScopeChange, agentPagePath } from '@mandate/plugin-agents-common';
import { AgentRecord } from '../domain/agentRecord';
import { GovernanceNotification } from './Notifier';

// Every notification Mandate sends, worded in one place.

type Agent = Pick<AgentRecord, 'entityRef' | 'name' | 'title' | 'ownerRef'>;

const nameOf = (agent: Agent) => agent.title ?? agent.name;

function describeChanges(changes: ScopeChange[]): string {
  return changes
    .map(c => {
      switch (c.kind) {
        case 'tool-added':
          return `add ${c.tool} (${c.access})`;
        case 'access-raised':
          return `raise ${c.tool} from ${c.from} to ${c.to}`;
        case 'data-class-added':
          return `add data class ${c.dataClass}${
            c.tool ? ` to ${c.tool}` : ''
          }`;
        default:
          return `${c.kind}${'tool' in c && c.tool ? ` ${c.tool}` : ''}`;
      }
    })
    .join(', ');
}

export const notifications = {
  commissionRequested: (
    agent: Agent,
    requesterRef: string,
    reason: string,
  ): GovernanceNotification => ({
    title: `Commission request: ${agent.entityRef}`,
    description: `${requesterRef} asks to commission ${nameOf(
      agent,
    )}: ${reason}`,
    link: agentPagePath(agent.entityRef),
    topic: 'mandate-requests',
  }),

  scopeExpansionRequested: (
    agent: Agent,
    requesterRef: string,
    changes: ScopeChange[],
  ): GovernanceNotification => ({
    title: `Scope expansion request: ${agent.entityRef}`,
    description: `${requesterRef}: ${describeChanges(changes)}`,
    link: agentPagePath(agent.entityRef),
    topic: 'mandate-requests',
  }),

  ownershipOffered: (
    agent: Agent,
    requesterRef: string,
    newOwner: string,
    reason: string,
  ): GovernanceNotification => ({
    title: `Accept ownership of ${nameOf(agent)}?`,
    description: `${requesterRef} wants to transfer ${agent.entityRef} to ${newOwner}: ${reason}`,
    link: agentPagePath(agent.entityRef),
    topic: 'mandate-requests',
  }),

  requestDecided: (
    agentRef: string,
    type: string,
    rejected: boolean,
    reason: string,
  ): GovernanceNotification => ({
    title: `Your ${type} request was ${rejected ? 'rejected' : 'approved'}`,
    description: `${agentRef}: ${reason}`,
    link: agentPagePath(agentRef),
    topic: 'mandate-requests',
  }),

  commissioned: (
    agent: Agent,
    firstReviewDue: string,
  ): GovernanceNotification => ({
    title: `${nameOf(agent)} is commissioned`,
    description: `Its first scope review is due ${firstReviewDue.slice(
      0,
      10,
    )}.`,
    link: agentPagePath(agent.entityRef),
    topic: 'mandate-lifecycle',
  }),

  suspended: (agent: Agent, reason: string): GovernanceNotification => ({
    title: `${nameOf(agent)} was suspended`,
    description: reason,
    link: agentPagePath(agent.entityRef),
    severity: 'high',
    topic: 'mandate-lifecycle',
  }),

  revokedInReview: (
    agent: Agent,
    revoked: string[],
  ): GovernanceNotification => ({
    title: `${nameOf(agent)}: ${revoked.length} tool(s) revoked in review`,
    description: `Revoked ${revoked.join(
      ', ',
    )}; the effective policy changed at once.`,
    link: agentPagePath(agent.entityRef),
    topic: 'mandate-reviews',
  }),

  reviewDue: (agent: Agent, dueAt: string): GovernanceNotification => ({
    title: `Scope review due: ${nameOf(agent)}`,
    description: `Keep or revoke each tool and attest by ${dueAt.slice(
      0,
      10,
    )}.`,
    link: agentPagePath(agent.entityRef, 'review'),
    topic: 'mandate-reviews',
  }),

  reviewOverdue: (
    agent: Agent,
    overdueDays: number,
  ): GovernanceNotification => ({
    title: `Overdue scope review: ${nameOf(agent)}`,
    description: `${agent.ownerRef} has not reviewed ${agent.entityRef}; ${overdueDays} day(s) overdue.`,
    link: agentPagePath(agent.entityRef, 'review'),
    severity: 'high',
    topic: 'mandate-reviews',
  }),

  callApprovalRequested: (
    agent: Agent,
    approval: { tool: string; why: string; argumentsSummary: string },
  ): GovernanceNotification => ({
    title: `${nameOf(agent)} waits for your approval: ${approval.tool}`,
    description: `${approval.why}. The call: ${approval.argumentsSummary}`,
    link: agentPagePath(agent.entityRef, 'lifecycle'),
    severity: 'high',
    topic: 'mandate-call-approvals',
  }),
};
