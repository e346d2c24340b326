import { AgentDetail, ScopeReview } from '@mandate/plugin-agents-common';
import { toSummary } from '../domain/agentSummary';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { AgentRecord, driftOf } from '../domain/agentRecord';
import { reviewToolUsage } from '../workflows/reviewUsage';
import { Enforcement, NO_PROVIDER_NOTE } from '../enforcement/Enforcement';

const RECENT_REQUESTS = 20;

/** An open review carries live per-tool usage; closed ones keep their snapshot. */
export async function withLiveUsage(
  db: AgentsDatabase,
  enforcement: Enforcement,
  agent: AgentRecord,
  review: ScopeReview,
  now: Date,
): Promise<ScopeReview> {
  if (review.status !== 'open') return review;
  const approved = await db.stores.agents.approvedScope(
    agent.entityRef,
    agent.approvedVersion,
  );
  const tools = await reviewToolUsage(
    enforcement,
    agent,
    approved?.tools ?? [],
    review.periodStart,
    now,
  );
  return { ...review, tools };
}

/** One agent's governance record: summary, approved scope, drift, open review, requests, findings. */
export async function agentDetail(
  db: AgentsDatabase,
  enforcement: Enforcement,
  agent: AgentRecord,
  now: Date,
): Promise<AgentDetail> {
  const s = db.stores;
  const [approved, openRequests, recent, findings, openReview] =
    await Promise.all([
      s.agents.approvedScope(agent.entityRef, agent.approvedVersion),
      s.requests.openFor(agent.entityRef),
      s.requests.list({
        agentRef: agent.entityRef,
        limit: RECENT_REQUESTS,
        offset: 0,
      }),
      s.findings.list({
        agentRef: agent.entityRef,
        status: 'open',
        limit: 100,
        offset: 0,
      }),
      s.reviews.openFor(agent.entityRef),
    ]);
  return {
    ...toSummary(
      agent,
      {
        openRequests: openRequests.length,
        openFindingsBySeverity: await s.findings.openBySeverity(
          agent.entityRef,
        ),
        reviewOpen: !!openReview,
        maturityScore: agent.maturityScore,
        lastActivityAt: agent.lastActivityAt,
      },
      now,
    ),
    identityId: agent.identityId,
    declaredScope: agent.declaredScope,
    ...(approved ? { approvedScope: approved } : {}),
    approvedVersions: agent.approvedVersion,
    drift: driftOf(agent, approved),
    ...(openReview
      ? {
          openReview: await withLiveUsage(
            db,
            enforcement,
            agent,
            openReview,
            now,
          ),
        }
      : {}),
    ...(agent.lastReviewCompletedAt
      ? { lastReviewCompletedAt: agent.lastReviewCompletedAt }
      : {}),
    requests: recent.items,
    findings: findings.items,
    ...(agent.maturity ? { maturity: agent.maturity } : {}),
    enforcement: {
      providers: enforcement.providerIds,
      ...(enforcement.installed ? {} : { note: NO_PROVIDER_NOTE }),
    },
  };
}
