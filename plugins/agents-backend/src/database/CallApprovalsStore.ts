import { Knex } from 'knex';
import {
  CallApproval,
  CallApprovalStatus,
} from '@mandate/plugin-agents-common';
import { compact, fromJson, toJson } from './json';
import { ownedAgents } from './RequestsStore';

function approvalFromRow(row: any): CallApproval {
  return compact({
    id: row.id,
    agentRef: row.agent_ref,
    identity: row.identity_id,
    tool: row.tool,
    argumentsSummary: row.arguments_summary,
    why: row.why,
    onBehalfOf: row.on_behalf_of,
    grant: row.grant ? fromJson(row.grant, undefined) : undefined,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
  });
}

export interface CallApprovalQuery {
  status?: CallApprovalStatus;
  agentRef?: string;
  /**
   * Only approvals of agents owned by these refs, or sponsored by `sponsorRef`; undefined
   * means all.
   */
  visibleOwners?: string[];
  sponsorRef?: string;
  limit: number;
  offset: number;
}

/** Tool calls held for a person's decision. A decided or expired call never changes again. */
export class CallApprovalsStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insert(approval: CallApproval): Promise<void> {
    await this.db('call_approvals').insert({
      id: approval.id,
      agent_ref: approval.agentRef,
      identity_id: approval.identity,
      tool: approval.tool,
      arguments_summary: approval.argumentsSummary,
      why: approval.why,
      on_behalf_of: approval.onBehalfOf ?? null,
      grant: approval.grant ? toJson(approval.grant) : null,
      requested_by: approval.requestedBy,
      requested_at: approval.requestedAt,
      expires_at: approval.expiresAt,
      status: approval.status,
    });
  }

  async get(id: string): Promise<CallApproval | undefined> {
    const row = await this.db('call_approvals').where({ id }).first();
    return row ? approvalFromRow(row) : undefined;
  }

  /** The approval, locked until the transaction ends (a decision and an expiry race). */
  async getForUpdate(id: string): Promise<CallApproval | undefined> {
    const row = await this.db('call_approvals')
      .where({ id })
      .forUpdate()
      .first();
    return row ? approvalFromRow(row) : undefined;
  }

  /** Records the decision of a pending approval; false when it was no longer pending. */
  async decide(
    id: string,
    decision: {
      status: Exclude<CallApprovalStatus, 'pending'>;
      decidedBy: string;
      decidedAt: string;
      reason?: string;
    },
  ): Promise<boolean> {
    const changed = await this.db('call_approvals')
      .where({ id, status: 'pending' })
      .update({
        status: decision.status,
        decided_by: decision.decidedBy,
        decided_at: decision.decidedAt,
        decision_reason: decision.reason ?? null,
      });
    return changed === 1;
  }

  /** Pending approvals whose time ran out before `now`, oldest first. */
  async expiredPending(now: string, limit: number): Promise<CallApproval[]> {
    const rows = await this.db('call_approvals')
      .where({ status: 'pending' })
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(approvalFromRow);
  }

  async list(
    query: CallApprovalQuery,
  ): Promise<{ items: CallApproval[]; totalCount: number }> {
    const base = this.db('call_approvals').where(builder => {
      if (query.status) builder.where('status', query.status);
      if (query.agentRef) builder.where('agent_ref', query.agentRef);
      if (query.visibleOwners) {
        const owners = query.visibleOwners;
        builder.where(visible => {
          visible.whereIn('agent_ref', ownedAgents(this.db, owners));
          if (query.sponsorRef) {
            visible.orWhereIn(
              'agent_ref',
              this.db('agents')
                .select('entity_ref')
                .where('sponsor_ref', query.sponsorRef),
            );
          }
        });
      }
    });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy('requested_at', 'desc')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset);
    return { items: rows.map(approvalFromRow), totalCount: Number(count) };
  }
}
