import { AgentSummary, daysOverdue } from '@mandate/plugin-agents-common';
import { AgentRecord } from './agentRecord';
import { reviewStatusOf } from './reviewStatus';

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** What the list reads beside the record: counts and the telemetry-derived columns. */
export type SummaryExtras = {
  openRequests: number;
  openFindingsBySeverity: AgentSummary['openFindingsBySeverity'];
  reviewOpen: boolean;
  maturityScore?: number | null;
  lastActivityAt?: string | null;
};

export function toSummary(
  agent: AgentRecord,
  counts: SummaryExtras,
  now: Date,
): AgentSummary {
  const bySeverity = counts.openFindingsBySeverity;
  const reviewStatus = reviewStatusOf(agent, counts.reviewOpen, now);
  return {
    entityRef: agent.entityRef,
    name: agent.name,
    namespace: agent.namespace,
    ...(agent.title ? { title: agent.title } : {}),
    ownerRef: agent.ownerRef,
    ...(agent.sponsorRef ? { sponsorRef: agent.sponsorRef } : {}),
    state: agent.state,
    inCatalog: agent.inCatalog,
    ...(agent.modelTier ? { modelTier: agent.modelTier } : {}),
    ...(agent.highestAccess ? { highestAccess: agent.highestAccess } : {}),
    dataClasses: agent.dataClasses,
    reviewStatus,
    ...(reviewStatus !== 'none' ? { reviewDueAt: agent.nextReviewDueAt } : {}),
    reviewOverdueDays:
      reviewStatus === 'overdue' ? daysOverdue(agent.nextReviewDueAt!, now) : 0,
    openRequests: counts.openRequests,
    openFindings: SEVERITIES.reduce((sum, s) => sum + bySeverity[s], 0),
    openFindingsBySeverity: bySeverity,
    ...(typeof counts.maturityScore === 'number'
      ? { maturityScore: counts.maturityScore }
      : {}),
    ...(counts.lastActivityAt ? { lastActivityAt: counts.lastActivityAt } : {}),
    ...(agent.commissionedAt ? { commissionedAt: agent.commissionedAt } : {}),
    stateChangedAt: agent.stateChangedAt,
  };
}
