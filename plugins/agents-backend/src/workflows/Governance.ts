import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Finding,
  GovernanceRequest,
  ScopeReview,
} from '@mandate/plugin-agents-common';
import { randomUUID } from 'node:crypto';
import { Stores } from '../database/AgentsDatabase';
import { AuditEntry } from '../database/AuditLog';
import { AgentRecord } from '../domain/agentRecord';
import { transitionProblem } from '../domain/lifecycleRules';
import { notifications } from './notifications';
import { REQUEST_KINDS, finishDecommission } from './requests';
import { openReview, openReviews, submitReview } from './reviews';
import { Actor, Decision, NewRequest, Outbox, ReviewSubmission } from './types';
import { WorkflowKit, WorkflowOptions } from './WorkflowKit';

export type { Actor, Decision, NewRequest, ReviewSubmission };
export { SYSTEM_ACTORS } from './types';
export type GovernanceOptions = WorkflowOptions;

/**
 * The joiner–mover–leaver workflows: every state change of an agent goes through here, in
 * one transaction with its audit record; notifications follow the commit. What each request
 * type checks and changes lives in requests/, one file per type.
 */
export class Governance {
  private readonly kit: WorkflowKit;

  constructor(options: GovernanceOptions) {
    this.kit = new WorkflowKit(options);
  }

  /** When a review falls due, counted in the configured review time zone. */
  reviewDue(since: string, cadence: string): string {
    return this.kit.reviewDue(since, cadence);
  }

  /** Files a request; applies it at once where no decision is needed. */
  async fileRequest(
    input: NewRequest,
    actor: Actor,
  ): Promise<{ request: GovernanceRequest; created: boolean }> {
    const { db } = this.kit;
    const key = input.idempotencyKey
      ? `${actor.ref}|${input.idempotencyKey}`
      : undefined;
    if (key) {
      const existing = await db.stores.requests.byIdempotencyKey(key);
      if (existing) return { request: existing, created: false };
    }
    const outbox: Outbox = [];
    let request: GovernanceRequest;
    try {
      request = await db.transaction(async s => {
        const filed = await this.file(s, input, actor, outbox);
        await this.apply(s, filed, actor, outbox);
        await s.requests.insert(filed, key);
        return filed;
      });
    } catch (error) {
      // Two identical requests raced; the other one won and is the answer.
      const raced = key && (await db.stores.requests.byIdempotencyKey(key));
      if (raced) return { request: raced, created: false };
      throw error;
    }
    await this.kit.deliver(outbox);
    return { request: await this.settleDecommission(request), created: true };
  }

  private async file(
    s: Stores,
    input: NewRequest,
    actor: Actor,
    outbox: Outbox,
  ): Promise<GovernanceRequest> {
    const kind = REQUEST_KINDS[input.type];
    const now = this.kit.now();
    let agent = await s.agents.getForUpdate(input.agentRef);
    if (kind.prepare) agent = await kind.prepare(s, this.kit, input, agent);
    if (!agent) {
      throw new NotFoundError(
        `No agent ${input.agentRef} is known to Mandate; register it in the catalog, or file a commission with payload.entity`,
      );
    }
    const problem = transitionProblem(input.type, agent.state);
    if (problem)
      throw new ConflictError(`Cannot file for ${agent.entityRef}: ${problem}`);
    const open = (await s.requests.openFor(agent.entityRef)).find(
      r => r.type === input.type,
    );
    if (open) {
      throw new ConflictError(
        `A ${input.type} request for ${agent.entityRef} is already open (${open.id}); decide it first`,
      );
    }

    const request: GovernanceRequest = {
      id: randomUUID(),
      agentRef: agent.entityRef,
      type: input.type,
      status: 'pending',
      requesterRef: actor.ref,
      reason: input.reason,
      payload: {},
      createdAt: now,
    };
    await kind.file({ s, kit: this.kit, input, agent, actor, request, outbox });
    if (request.status === 'applied') {
      request.decision = 'approve';
      request.deciderRef = actor.ref;
      request.decisionReason = 'applies without a decision';
      request.decidedAt = now;
    }
    await this.kit.audit(s, {
      agentRef: agent.entityRef,
      actorRef: actor.ref,
      action: 'request.filed',
      data: {
        requestId: request.id,
        type: request.type,
        reason: request.reason,
        payload: request.payload,
      },
    });
    return request;
  }

  /** Decides a pending request. Who may decide is checked by the caller. */
  async decide(
    id: string,
    decision: Decision,
    actor: Actor,
  ): Promise<GovernanceRequest> {
    const outbox: Outbox = [];
    const decided = await this.kit.db.transaction(async s => {
      const request = await s.requests.getForUpdate(id);
      if (!request) throw new NotFoundError(`No request ${id}`);
      if (request.status !== 'pending') {
        throw new ConflictError(
          `Request ${id} was already decided (${request.status})`,
        );
      }
      request.decision = decision.decision;
      request.deciderRef = actor.ref;
      request.decisionReason = decision.reason;
      request.decidedAt = this.kit.now();
      const rejected = decision.decision === 'reject';
      if (rejected) {
        request.status = 'rejected';
      } else {
        request.status = 'applied';
        REQUEST_KINDS[request.type].approve?.(request, decision);
      }
      await this.kit.audit(s, {
        agentRef: request.agentRef,
        actorRef: actor.ref,
        action: `request.${rejected ? 'rejected' : 'approved'}`,
        data: { requestId: id, type: request.type, reason: decision.reason },
      });
      await this.apply(s, request, actor, outbox);
      await s.requests.update(request);
      outbox.push({
        to: [request.requesterRef],
        notification: notifications.requestDecided(
          request.agentRef,
          request.type,
          rejected,
          decision.reason,
        ),
      });
      return request;
    });
    await this.kit.deliver(outbox);
    return this.settleDecommission(decided);
  }

  getRequest(id: string) {
    return this.kit.db.stores.requests.get(id);
  }

  /** Carries out an approved (or self-applying) request. */
  private async apply(
    s: Stores,
    request: GovernanceRequest,
    actor: Actor,
    outbox: Outbox,
  ): Promise<void> {
    if (request.status !== 'applied') return;
    const agent = (await s.agents.getForUpdate(request.agentRef))!;
    const now = this.kit.now();
    await REQUEST_KINDS[request.type].apply({
      s,
      kit: this.kit,
      request,
      agent,
      actor,
      now,
      outbox,
      save: changes =>
        s.agents.update({ ...agent, ...changes, updatedAt: now }),
    });
    if (request.status === 'applied' && !request.appliedAt) {
      request.appliedAt = now;
    }
  }

  /** Re-checks decommissions that wait for the enforcement layer; returns how many retired. */
  async checkDecommissions(): Promise<number> {
    const { items } = await this.kit.db.stores.requests.list({
      status: 'awaiting-evidence',
      limit: 1000,
      offset: 0,
    });
    let retired = 0;
    for (const pending of items) {
      if (await this.retryDecommission(pending.id)) retired += 1;
    }
    return retired;
  }

  /** A decommission's request as it stands once the enforcement layer was asked. */
  private async settleDecommission(
    request: GovernanceRequest,
  ): Promise<GovernanceRequest> {
    if (request.type !== 'decommission') return request;
    if (request.status !== 'awaiting-evidence') return request;
    await this.retryDecommission(request.id);
    return (await this.kit.db.stores.requests.get(request.id)) ?? request;
  }

  /**
   * Asks the enforcement layer for active grants (outside any transaction: providers may
   * call out, or read the database on another connection), then retires or keeps waiting.
   */
  private async retryDecommission(requestId: string): Promise<boolean> {
    const { db, enforcement } = this.kit;
    const pending = await db.stores.requests.get(requestId);
    if (pending?.status !== 'awaiting-evidence') return false;
    const agent = (await db.stores.agents.get(pending.agentRef))!;
    const active = enforcement.installed
      ? await enforcement.activeGrants(
          { entityRef: agent.entityRef, identityId: agent.identityId },
          new Date(this.kit.now()),
        )
      : undefined;
    return db.transaction(async s => {
      const request = (await s.requests.getForUpdate(requestId))!;
      if (request.status !== 'awaiting-evidence') return false;
      const retired = await finishDecommission(s, this.kit, request, active);
      await s.requests.update(request);
      return retired;
    });
  }

  /** Completes an open review; revocations apply at once. */
  submitReview(
    id: string,
    submission: ReviewSubmission,
    actor: Actor,
  ): Promise<ScopeReview> {
    return submitReview(this.kit, id, submission, actor);
  }

  /** Opens the agent's next scope review, due at `dueAt`. */
  openReview(agent: AgentRecord, dueAt: string): Promise<ScopeReview> {
    return openReview(this.kit, agent, dueAt);
  }

  /** Opens the next scope review of each agent, in batches. */
  openReviews(
    openings: Array<{ agent: AgentRecord; dueAt: string }>,
  ): Promise<ScopeReview[]> {
    return openReviews(this.kit, openings);
  }

  /** Appends records to the audit trail in one go, inside the caller's transaction. */
  auditMany(s: Stores, entries: AuditEntry[]): Promise<void> {
    return this.kit.auditMany(s, entries);
  }

  /** Appends to the audit trail inside the caller's transaction: every record goes this way. */
  audit(s: Stores, entry: AuditEntry): Promise<void> {
    return this.kit.audit(s, entry);
  }

  /** Records an event that changes no agent, such as a certificate issued. */
  /**
   * Security closes a finding after looking into it, with a reason on the record. A finding
   * whose condition still holds opens again at the next detection.
   */
  async resolveFinding(
    id: string,
    reason: string,
    actor: Actor,
  ): Promise<Finding> {
    const now = this.kit.now();
    return this.kit.db.transaction(async s => {
      const finding = await s.findings.get(id);
      if (!finding) throw new NotFoundError(`No finding ${id}`);
      if (!(await s.findings.resolveById(id, now))) {
        throw new ConflictError(`Finding ${id} is already resolved`);
      }
      await this.kit.audit(s, {
        agentRef: finding.agentRef,
        actorRef: actor.ref,
        action: 'finding.resolved',
        data: {
          findingId: id,
          type: finding.type,
          subject: finding.subject,
          reason,
        },
      });
      return { ...finding, status: 'resolved' as const };
    });
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.kit.db.transaction(s => this.kit.audit(s, entry));
  }
}
