import { AgentDetail, ScopeReview } from '@mandate/plugin-agents-common';
import { toSummary } from '../database/AgentList';
import { AgentRecord } from '../database/AgentsStore';
import { GovernanceDatabase } from '../database/Stores';
import { driftOf } from '../domain/agentRecord';
import { reviewToolUsage } from '../workflows/reviewUsage';
import { Enforcement, NO_PROVIDER_NOTE } from '../enforcement/Enforcement';

const RECENT_REQUESTS = 20;

/** Columns kept up to date by telemetry analysis rather than by the workflows. */
function telemetryColumns(db: GovernanceDatabase, entityRef: string) {
  return db
    .knex('agents')
    .where({ entity_ref: entityRef })
    .first('maturity_score', 'maturity', 'last_activity_at');
}

/** An open review carries live per-tool usage; closed ones keep their snapshot. */
export async function withLiveUsage(
  db: GovernanceDatabase,
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
  db: GovernanceDatabase,
  enforcement: Enforcement,
  agent: AgentRecord,
  now: Date,
): Promise<AgentDetail> {
  const s = db.stores;
  const [approved, openRequests, recent, findings, openReview, extras] =
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
      telemetryColumns(db, agent.entityRef),
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
        maturityScore: extras?.maturity_score,
        lastActivityAt: extras?.last_activity_at,
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
    ...(extras?.maturity ? { maturity: JSON.parse(extras.maturity) } : {}),
    enforcement: {
      providers: enforcement.providerIds,
      ...(enforcement.installed ? {} : { note: NO_PROVIDER_NOTE }),
    },
  };
}
