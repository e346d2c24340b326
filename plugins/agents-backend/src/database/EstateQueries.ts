import { Knex } from 'knex';
import {
  AgentState,
  AgentSummary,
  EstateSummary,
  ListAgentsQuery,
  ReviewStatus,
} from '@mandate/plugin-agents-common';
import { toSummary } from '../domain/agentSummary';
import { REVIEWED_STATES } from '../domain/reviewStatus';
import { agentFromRow } from './AgentsStore';
import { OPEN_REQUEST_STATUSES, ownedAgents } from './RequestsStore';

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

/** Columns that are never null, which sort without a nulls-last term (and so by an index). */
const NOT_NULL: ReadonlySet<string> = new Set([
  'name',
  'state',
  'stateChangedAt',
  'openFindings',
]);

/**
 * The list's order, nulls last. Knex's nulls-last option drops the column itself on SQLite
 * (it writes only `x is null`), so the term is written here.
 */
function orderBy(key: AgentListQuery['orderBy'], order: 'asc' | 'desc') {
  const column = ORDER_COLUMNS[key];
  const direction = order === 'desc' ? 'desc' : 'asc';
  return (builder: Knex.QueryBuilder) =>
    NOT_NULL.has(key)
      ? builder.orderBy(column, direction)
      : builder
          .orderByRaw(`(${column} is null) asc`)
          .orderBy(column, direction);
}

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

function openReviewExists(db: Knex, negate = false) {
  const sub = db('reviews as v')
    .select(db.raw('1'))
    .whereRaw('v.agent_ref = a.entity_ref')
    .where('v.status', 'open');
  return (builder: Knex.QueryBuilder) =>
    negate ? builder.whereNotExists(sub) : builder.whereExists(sub);
}

/** The estate as security browses it: the list and the tiles' counts. */
export class EstateQueries {
  constructor(private readonly db: Knex) {}

  /** The estate list: filters, permission scoping and paging happen in SQL. */
  async list(
    query: AgentListQuery,
    now: Date,
  ): Promise<{ items: AgentSummary[]; totalCount: number }> {
    const db = this.db;
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
        builder.whereIn(
          'a.entity_ref',
          db('agent_data_classes')
            .select('agent_ref')
            .where('data_class', query.dataClass),
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
        // A narrow table of the searched text, not every agent's row (see searchText).
        builder.whereIn(
          'a.entity_ref',
          db('agent_search')
            .select('agent_ref')
            .whereRaw(`text like ? escape '\\'`, [like]),
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
      .modify(orderBy(query.orderBy, query.order))
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

  /** Counts for the estate view's tiles, over the agents the caller may see. */
  async summary(
    visibleOwners: string[] | undefined,
    now: Date,
  ): Promise<EstateSummary> {
    const db = this.db;
    const agents = db('agents').where(builder => {
      if (visibleOwners) builder.whereIn('owner_ref', visibleOwners);
    });
    const byStateRows = await agents
      .clone()
      .select('state')
      .count({ count: '*' })
      .groupBy('state');
    const byState = Object.fromEntries(
      byStateRows.map((r: any) => [r.state, Number(r.count)]),
    ) as Partial<Record<AgentState, number>>;
    const [{ count: overdue }] = await agents
      .clone()
      .whereIn('state', REVIEWED_STATES)
      .where('next_review_due_at', '<', now.toISOString())
      .count({ count: '*' });

    const findings = db('findings').where('status', 'open');
    if (visibleOwners)
      findings.whereIn('agent_ref', ownedAgents(db, visibleOwners));
    const findingRows = await findings
      .select('type')
      .count({ count: '*' })
      .groupBy('type');

    const dataClassRows = await db('agent_data_classes')
      .whereNot('state', 'retired')
      .where(builder => {
        if (visibleOwners) builder.whereIn('owner_ref', visibleOwners);
      })
      .select('data_class')
      .count({ count: '*' })
      .groupBy('data_class');
    const agentsByDataClass = Object.fromEntries(
      dataClassRows.map((r: any) => [r.data_class, Number(r.count)]),
    );
    return {
      total: Object.values(byState).reduce((sum, n) => sum + (n ?? 0), 0),
      byState,
      overdueReviews: Number(overdue),
      findingsByType: Object.fromEntries(
        findingRows.map((r: any) => [r.type, Number(r.count)]),
      ),
      agentsByDataClass,
    };
  }
}
