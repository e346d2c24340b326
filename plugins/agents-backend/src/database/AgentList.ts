import { Knex } from 'knex';
import {
  AgentState,
  AgentSummary,
  ListAgentsQuery,
  ReviewStatus,
  daysOverdue,
} from '@mandate/plugin-agents-common';
import { AgentRecord, agentFromRow } from './AgentsStore';
import { OPEN_REQUEST_STATUSES } from './RequestsStore';

export interface AgentListQuery {
  /** Only agents owned by one of these refs; undefined means every agent. */
  visibleOwners?: string[];
  state?: AgentState;
  owner?: string;
  reviewStatus?: ReviewStatus;
  q?: string;
  modelTier?: string;
  highestAccess?: string;
  dataClass?: string;
  findingSeverity?: string;
  maturityBelow?: number;
  orderBy: NonNullable<ListAgentsQuery['orderBy']>;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const ORDER_COLUMNS = {
  name: 'a.name',
  state: 'a.state',
  reviewDueAt: 'a.next_review_due_at',
  stateChangedAt: 'a.state_changed_at',
  maturityScore: 'a.maturity_score',
  lastActivityAt: 'a.last_activity_at',
  openFindings: 'open_findings',
} as const;

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** What the list reads beside the record: counts and the telemetry-derived columns. */
export type SummaryExtras = {
  openRequests: number;
  openFindingsBySeverity: AgentSummary['openFindingsBySeverity'];
  reviewOpen: boolean;
  maturityScore?: number | null;
  lastActivityAt?: string | null;
};

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

function openReviewExists(db: Knex, negate = false) {
  const sub = db('reviews as v')
    .select(db.raw('1'))
    .whereRaw('v.agent_ref = a.entity_ref')
    .where('v.status', 'open');
  return (builder: Knex.QueryBuilder) =>
    negate ? builder.whereNotExists(sub) : builder.whereExists(sub);
}

/** The estate list: filters, permission scoping and paging happen in SQL. */
export async function listAgents(
  db: Knex,
  query: AgentListQuery,
  now: Date,
): Promise<{ items: AgentSummary[]; totalCount: number }> {
  const nowIso = now.toISOString();
  const base = db('agents as a').where(builder => {
    if (query.visibleOwners)
      builder.whereIn('a.owner_ref', query.visibleOwners);
    if (query.state) builder.where('a.state', query.state);
    if (query.owner) builder.where('a.owner_ref', query.owner);
    if (query.modelTier) builder.where('a.model_tier', query.modelTier);
    if (query.highestAccess)
      builder.where('a.highest_access', query.highestAccess);
    if (query.dataClass) {
      // data_classes holds a JSON array of strings; match the quoted element
      builder.where(
        'a.data_classes',
        'like',
        `%${JSON.stringify(query.dataClass)}%`,
      );
    }
    if (query.findingSeverity) {
      builder.whereExists(
        db('findings as f')
          .select(db.raw('1'))
          .whereRaw('f.agent_ref = a.entity_ref')
          .where({ 'f.status': 'open', 'f.severity': query.findingSeverity }),
      );
    }
    if (query.maturityBelow !== undefined) {
      builder.where(inner =>
        inner
          .whereNull('a.maturity_score')
          .orWhere('a.maturity_score', '<', query.maturityBelow!),
      );
    }
    if (query.q) {
      const like = `%${query.q
        .toLocaleLowerCase('en-US')
        .replace(/[%_\\]/g, c => `\\${c}`)}%`;
      builder.where(inner =>
        inner
          .whereRaw(`lower(a.name) like ? escape '\\'`, [like])
          .orWhereRaw(`lower(coalesce(a.title, '')) like ? escape '\\'`, [like])
          .orWhereRaw(`lower(a.identity_id) like ? escape '\\'`, [like]),
      );
    }
    switch (query.reviewStatus) {
      case 'overdue':
        builder
          .whereIn('a.state', REVIEWED_STATES)
          .where('a.next_review_due_at', '<', nowIso);
        break;
      case 'due':
      case 'not-due':
        builder
          .whereIn('a.state', REVIEWED_STATES)
          .where('a.next_review_due_at', '>=', nowIso)
          .where(openReviewExists(db, query.reviewStatus === 'not-due'));
        break;
      case 'none':
        builder.where(inner =>
          inner
            .whereNotIn('a.state', REVIEWED_STATES)
            .orWhereNull('a.next_review_due_at'),
        );
        break;
      default:
    }
  });

  const [{ count }] = await base.clone().count({ count: '*' });
  const rows = await base
    .clone()
    .select(
      'a.*',
      db('requests as r')
        .count('*')
        .whereRaw('r.agent_ref = a.entity_ref')
        .whereIn('r.status', OPEN_REQUEST_STATUSES)
        .as('open_requests'),
      db('findings as f')
        .count('*')
        .whereRaw('f.agent_ref = a.entity_ref')
        .where('f.status', 'open')
        .as('open_findings'),
      ...SEVERITIES.map(severity =>
        db('findings as f')
          .count('*')
          .whereRaw('f.agent_ref = a.entity_ref')
          .where({ 'f.status': 'open', 'f.severity': severity })
          .as(`findings_${severity}`),
      ),
      db('reviews as v')
        .count('*')
        .whereRaw('v.agent_ref = a.entity_ref')
        .where('v.status', 'open')
        .as('open_reviews'),
    )
    .orderBy(ORDER_COLUMNS[query.orderBy], query.order, 'last')
    .orderBy('a.entity_ref', 'asc')
    .limit(query.limit)
    .offset(query.offset);

  return {
    totalCount: Number(count),
    items: rows.map((row: any) =>
      toSummary(
        agentFromRow(row),
        {
          openRequests: Number(row.open_requests),
          openFindingsBySeverity: {
            critical: Number(row.findings_critical),
            high: Number(row.findings_high),
            medium: Number(row.findings_medium),
            low: Number(row.findings_low),
          },
          reviewOpen: Number(row.open_reviews) > 0,
          maturityScore: row.maturity_score,
          lastActivityAt: row.last_activity_at,
        },
        now,
      ),
    ),
  };
}
