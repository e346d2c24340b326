import { Knex } from 'knex';
import {
  GovernanceRequest,
  RequestStatus,
} from '@mandate/plugin-agents-common';
import { compact, fromJson, toJson } from './json';

function requestFromRow(row: any): GovernanceRequest {
  return compact({
    id: row.id,
    agentRef: row.agent_ref,
    type: row.type,
    status: row.status,
    requesterRef: row.requester_ref,
    assigneeRef: row.assignee_ref ?? undefined,
    reason: row.reason,
    payload: fromJson(row.payload, {}),
    changes: row.changes ? fromJson(row.changes, []) : undefined,
    decision: row.decision ?? undefined,
    deciderRef: row.decider_ref ?? undefined,
    decisionReason: row.decision_reason ?? undefined,
    evidence: row.evidence ? fromJson(row.evidence, {}) : undefined,
    createdAt: row.created_at,
    decidedAt: row.decided_at ?? undefined,
    appliedAt: row.applied_at ?? undefined,
  });
}

function requestToRow(request: GovernanceRequest, idempotencyKey?: string) {
  return {
    id: request.id,
    agent_ref: request.agentRef,
    type: request.type,
    status: request.status,
    requester_ref: request.requesterRef,
    assignee_ref: request.assigneeRef ?? null,
    reason: request.reason,
    payload: toJson(request.payload),
    changes: request.changes ? toJson(request.changes) : null,
    decision: request.decision ?? null,
    decider_ref: request.deciderRef ?? null,
    decision_reason: request.decisionReason ?? null,
    evidence: request.evidence ? toJson(request.evidence) : null,
    idempotency_key: idempotencyKey ?? null,
    created_at: request.createdAt,
    decided_at: request.decidedAt ?? null,
    applied_at: request.appliedAt ?? null,
  };
}

/** Subquery: refs of the agents these owners own. */
export function ownedAgents(db: Knex | Knex.Transaction, owners: string[]) {
  return db('agents').select('entity_ref').whereIn('owner_ref', owners);
}

export const OPEN_REQUEST_STATUSES: RequestStatus[] = [
  'pending',
  'awaiting-evidence',
];

export interface RequestQuery {
  agentRef?: string;
  /** Only requests for agents owned by these refs; undefined means all. */
  visibleOwners?: string[];
  status?: RequestStatus;
  assigneeRefs?: readonly string[];
  limit: number;
  offset: number;
}

/** Joiner–mover–leaver requests. */
export class RequestsStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insert(
    request: GovernanceRequest,
    idempotencyKey?: string,
  ): Promise<void> {
    await this.db('requests').insert(requestToRow(request, idempotencyKey));
  }

  async update(request: GovernanceRequest): Promise<void> {
    const { id, idempotency_key, ...rest } = requestToRow(request);
    await this.db('requests').where({ id }).update(rest);
  }

  async get(id: string): Promise<GovernanceRequest | undefined> {
    const row = await this.db('requests').where({ id }).first();
    return row ? requestFromRow(row) : undefined;
  }

  async getForUpdate(id: string): Promise<GovernanceRequest | undefined> {
    const row = await this.db('requests').where({ id }).forUpdate().first();
    return row ? requestFromRow(row) : undefined;
  }

  async byIdempotencyKey(key: string): Promise<GovernanceRequest | undefined> {
    const row = await this.db('requests')
      .where({ idempotency_key: key })
      .first();
    return row ? requestFromRow(row) : undefined;
  }

  /** Whether any request of this type was ever filed. */
  async anyOfType(type: string): Promise<boolean> {
    return Boolean(await this.db('requests').where({ type }).first('id'));
  }

  /** The agent's request of this type applied last, if any. */
  async lastApplied(
    agentRef: string,
    type: GovernanceRequest['type'],
  ): Promise<GovernanceRequest | undefined> {
    const row = await this.db('requests')
      .where({ agent_ref: agentRef, type, status: 'applied' })
      .orderBy('applied_at', 'desc')
      .first();
    return row ? requestFromRow(row) : undefined;
  }

  async openFor(agentRef: string): Promise<GovernanceRequest[]> {
    const rows = await this.db('requests')
      .where({ agent_ref: agentRef })
      .whereIn('status', OPEN_REQUEST_STATUSES)
      .orderBy('created_at', 'asc');
    return rows.map(requestFromRow);
  }

  async list(
    query: RequestQuery,
  ): Promise<{ items: GovernanceRequest[]; totalCount: number }> {
    const base = this.db('requests').where(builder => {
      if (query.agentRef) builder.where('agent_ref', query.agentRef);
      if (query.visibleOwners) {
        builder.whereIn('agent_ref', ownedAgents(this.db, query.visibleOwners));
      }
      if (query.status) builder.where('status', query.status);
      if (query.assigneeRefs)
        builder.whereIn('assignee_ref', query.assigneeRefs);
    });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return { items: rows.map(requestFromRow), totalCount: Number(count) };
  }
}
