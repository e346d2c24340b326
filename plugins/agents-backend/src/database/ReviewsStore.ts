import { Knex } from 'knex';
import { ScopeReview } from '@mandate/plugin-agents-common';
import { compact, fromJson, toJson } from './json';
import { chunks } from './telemetryRows';

function reviewFromRow(row: any): ScopeReview {
  return compact({
    id: row.id,
    agentRef: row.agent_ref,
    status: row.status,
    dueAt: row.due_at,
    openedAt: row.opened_at,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    escalationLevel: Number(row.escalation_level),
    completedAt: row.completed_at ?? undefined,
    completedBy: row.completed_by ?? undefined,
    attestation: row.attestation ?? undefined,
    decisions: row.decisions ? fromJson(row.decisions, []) : undefined,
    tools: row.tools ? fromJson(row.tools, []) : undefined,
  });
}

function reviewToRow(review: ScopeReview) {
  return {
    id: review.id,
    agent_ref: review.agentRef,
    status: review.status,
    due_at: review.dueAt,
    opened_at: review.openedAt,
    period_start: review.periodStart,
    period_end: review.periodEnd,
    escalation_level: review.escalationLevel,
    completed_at: review.completedAt ?? null,
    completed_by: review.completedBy ?? null,
    attestation: review.attestation ?? null,
    decisions: review.decisions ? toJson(review.decisions) : null,
    tools: review.tools ? toJson(review.tools) : null,
  };
}

/** Scope reviews. Completed reviews are never updated again. */
export class ReviewsStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insert(review: ScopeReview): Promise<void> {
    await this.insertMany([review]);
  }

  /** Inserts reviews in multi-row statements (a few hundred rows each). */
  async insertMany(reviews: ScopeReview[]): Promise<void> {
    for (const batch of chunks(reviews.map(reviewToRow), 500)) {
      await this.db('reviews').insert(batch);
    }
  }

  async get(id: string): Promise<ScopeReview | undefined> {
    const row = await this.db('reviews').where({ id }).first();
    return row ? reviewFromRow(row) : undefined;
  }

  async openFor(agentRef: string): Promise<ScopeReview | undefined> {
    const row = await this.db('reviews')
      .where({ agent_ref: agentRef, status: 'open' })
      .first();
    return row ? reviewFromRow(row) : undefined;
  }

  async openForAgents(agentRefs: string[]): Promise<ScopeReview[]> {
    const rows = await this.db('reviews')
      .whereIn('agent_ref', agentRefs)
      .where({ status: 'open' })
      .orderBy('due_at', 'asc');
    return rows.map(reviewFromRow);
  }

  /**
   * Open reviews of the active agents owned by one of `ownerRefs`, soonest due first: read
   * through the agents' owner index, not the whole estate.
   */
  async openForOwners(ownerRefs: readonly string[]): Promise<ScopeReview[]> {
    if (ownerRefs.length === 0) return [];
    const rows = await this.db('reviews as r')
      .join('agents as a', 'a.entity_ref', 'r.agent_ref')
      .whereIn('a.owner_ref', ownerRefs)
      .where({ 'a.state': 'active', 'r.status': 'open' })
      .orderBy('r.due_at', 'asc')
      .orderBy('r.id', 'asc')
      .select('r.*');
    return rows.map(reviewFromRow);
  }

  async allOpen(): Promise<ScopeReview[]> {
    const rows = await this.db('reviews')
      .where({ status: 'open' })
      .orderBy('due_at', 'asc');
    return rows.map(reviewFromRow);
  }

  async forAgent(agentRef: string): Promise<ScopeReview[]> {
    const rows = await this.db('reviews')
      .where({ agent_ref: agentRef })
      .orderBy('opened_at', 'desc');
    return rows.map(reviewFromRow);
  }

  /**
   * Completes an open review. Returns false when the review was no longer open: another
   * submission won, and this one must not overwrite it.
   */
  async complete(review: ScopeReview): Promise<boolean> {
    const updated = await this.db('reviews')
      .where({ id: review.id, status: 'open' })
      .update({
        status: 'completed',
        completed_at: review.completedAt,
        completed_by: review.completedBy,
        attestation: review.attestation,
        decisions: toJson(review.decisions),
        tools: toJson(review.tools),
      });
    return updated === 1;
  }

  async escalate(id: string, level: number, at: string): Promise<void> {
    await this.escalateMany([id], level, at);
  }

  /** Raises the escalation level of open reviews, a few hundred per statement. */
  async escalateMany(ids: string[], level: number, at: string): Promise<void> {
    for (const batch of chunks(ids, 500)) {
      await this.db('reviews')
        .whereIn('id', batch)
        .where({ status: 'open' })
        .update({ escalation_level: level, escalated_at: at });
    }
  }

  /** Closes an open review without decisions when the agent is suspended or retired. */
  async cancelOpen(agentRef: string): Promise<void> {
    await this.db('reviews')
      .where({ agent_ref: agentRef, status: 'open' })
      .update({ status: 'cancelled' });
  }
}
