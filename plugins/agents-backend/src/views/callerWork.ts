import {
  AgentSummary,
  GovernanceRequest,
  ScopeReview,
} from '@mandate/plugin-agents-common';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { Actor } from '../workflows/Governance';
import { listVisibleAgents } from './estate';

/** Requests that wait for a decision by the caller (or a group they belong to). */
export async function awaitingDecision(
  db: AgentsDatabase,
  actor: Actor,
): Promise<GovernanceRequest[]> {
  const { items } = await db.stores.requests.list({
    status: 'pending',
    assigneeRefs: actor.claims,
    limit: 200,
    offset: 0,
  });
  return items;
}

/**
 * What waits for the caller (`GET /v1/reviews/mine`): the open reviews of the active agents
 * they own, and the requests that wait for their decision.
 */
export async function callerWork(
  db: AgentsDatabase,
  actor: Actor,
): Promise<{ reviews: ScopeReview[]; requests: GovernanceRequest[] }> {
  // Through the agents' owner index: the caller's own agents, not the whole estate.
  const reviews = await db.stores.reviews.openForOwners(actor.claims);
  return { reviews, requests: await awaitingDecision(db, actor) };
}

/** At most this many of the caller's own agents are looked at. */
const OWN_AGENTS_LIMIT = 500;

/** Why an agent of the caller's needs their attention, in words; empty when it does not. */
function attentionReasons(agent: AgentSummary): string[] {
  const reasons: string[] = [];
  if (agent.reviewStatus === 'overdue') {
    reasons.push(
      `scope review overdue by ${agent.reviewOverdueDays} days (due ${agent.reviewDueAt})`,
    );
  } else if (agent.reviewStatus === 'due') {
    reasons.push(`scope review open, due ${agent.reviewDueAt}`);
  }
  if (agent.openFindings > 0) {
    const bySeverity = Object.entries(agent.openFindingsBySeverity)
      .filter(([, count]) => count > 0)
      .map(([severity, count]) => `${count} ${severity}`)
      .join(', ');
    reasons.push(`${agent.openFindings} open findings (${bySeverity})`);
  }
  if (agent.openRequests > 0) {
    reasons.push(`${agent.openRequests} open requests`);
  }
  if (agent.state === 'suspended') {
    reasons.push(`suspended since ${agent.stateChangedAt}`);
  }
  return reasons;
}

/**
 * The caller's own agents (owned by them or a group of theirs, and readable by them, as the
 * estate list shows them) that need attention, most urgent review first, with the reasons;
 * and the requests that wait for the caller's decision.
 */
export async function agentsNeedingAttention(
  db: AgentsDatabase,
  actor: Actor,
  visibleOwners: string[] | undefined,
  now: Date,
) {
  const own = visibleOwners
    ? actor.claims.filter(claim => visibleOwners.includes(claim))
    : [...actor.claims];
  const { items, totalCount } = await listVisibleAgents(
    db,
    own,
    { orderBy: 'reviewDueAt', order: 'asc' },
    { limit: OWN_AGENTS_LIMIT, offset: 0 },
    now,
  );
  return {
    agents: items
      .map(agent => ({ agent, reasons: attentionReasons(agent) }))
      .filter(({ reasons }) => reasons.length > 0),
    ownAgents: totalCount,
    awaitingDecision: await awaitingDecision(db, actor),
  };
}
