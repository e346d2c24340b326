import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AgentEntityV1alpha1,
  AgentScope,
  ApprovedScope,
  GovernanceRequest,
  RequestType,
  ScopeReview,
  ScopeChange,
  assertValidAgentEntity,
  diffScopes,
  getAgentRef,
  isExpansion,
  nextReviewDue,
  withoutTools,
  AgentValidationError,
  highestAccess,
  agentPagePath,
} from '@mandate/plugin-agents-common';
import { AgentGrant } from '@mandate/plugin-agents-node';
import { randomUUID } from 'node:crypto';
import { AgentRecord } from '../domain/agentRecord';
import { AuditEntry } from '../database/AuditLog';
import { AgentsDatabase, Stores } from '../database/AgentsDatabase';
import { Enforcement, NO_PROVIDER_NOTE } from '../enforcement/Enforcement';
import { GovernanceNotification, Notifier } from './Notifier';
import {
  declaredFields,
  newAgentRecord,
  scopeIssues,
} from '../domain/agentRecord';
import { transitionProblem } from '../domain/lifecycleRules';
import { reviewToolUsage } from './reviewUsage';

/** Who acts: a user (with the groups they belong to) or Mandate itself. */
export interface Actor {
  ref: string;
  /** The actor's ownership refs: their user ref and groups. */
  claims: readonly string[];
}

/** Mandate's own jobs appear in the audit trail under these actors. */
export const SYSTEM_ACTORS = {
  catalogSync: 'mandate:catalog-sync',
  reviewScheduler: 'mandate:review-scheduler',
  decommissionChecker: 'mandate:decommission-checker',
} as const;

export interface NewRequest {
  agentRef: string;
  type: RequestType;
  reason: string;
  idempotencyKey?: string;
  payload: {
    entity?: unknown;
    scope?: AgentScope;
    newOwner?: string;
    attestation?: string;
  };
}

export interface Decision {
  decision: 'approve' | 'reject';
  reason: string;
  newOwner?: string;
}

export interface ReviewSubmission {
  decisions: Array<{ tool: string; decision: 'keep' | 'revoke' }>;
  attestation: string;
}

export interface GovernanceOptions {
  db: AgentsDatabase;
  enforcement: Enforcement;
  notifier: Notifier;
  logger: LoggerService;
  clock: () => Date;
  securityGroupRef: string;
  reviewZone: string;
}

/** Notifications are sent after the transaction that caused them commits. */
type Outbox = Array<{ to: string[]; notification: GovernanceNotification }>;

function invalid(field: string, message: string): InputError {
  return new InputError(`${field}: ${message}`);
}

function resolveOwnerRef(ref: string, field: string): string {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (!['group', 'user'].includes(parsed.kind.toLocaleLowerCase('en-US'))) {
      throw new Error('kind');
    }
    return stringifyEntityRef(parsed);
  } catch {
    throw invalid(
      field,
      `"${ref}" is not a group or user ref; write it as group:<name> or user:<name>`,
    );
  }
}

/**
 * The joiner–mover–leaver workflows: every state change of an agent goes through here,
 * in one transaction with its audit record.
 */
export class Governance {
  constructor(private readonly options: GovernanceOptions) {}

  private now(): string {
    return this.options.clock().toISOString();
  }

  /** When a review falls due, counted in the configured review time zone. */
  reviewDue(since: string, cadence: string): string {
    return nextReviewDue(since, cadence, { zone: this.options.reviewZone });
  }

  private async deliver(outbox: Outbox) {
    for (const { to, notification } of outbox) {
      await this.options.notifier.send(to, notification);
    }
  }

  /** Files a request; applies it at once where no decision is needed. */
  async fileRequest(
    input: NewRequest,
    actor: Actor,
  ): Promise<{ request: GovernanceRequest; created: boolean }> {
    const key = input.idempotencyKey
      ? `${actor.ref}|${input.idempotencyKey}`
      : undefined;
    if (key) {
      const existing = await this.options.db.stores.requests.byIdempotencyKey(
        key,
      );
      if (existing) return { request: existing, created: false };
    }
    const outbox: Outbox = [];
    let request: GovernanceRequest;
    try {
      request = await this.options.db.transaction(async s => {
        const filed = await this.file(s, input, actor, outbox);
        await this.applyIfDecided(s, filed, actor, outbox);
        await s.requests.insert(filed, key);
        return filed;
      });
    } catch (error) {
      // Two identical requests raced; the other one won and is the answer.
      const raced =
        key && (await this.options.db.stores.requests.byIdempotencyKey(key));
      if (raced) return { request: raced, created: false };
      throw error;
    }
    await this.deliver(outbox);
    return { request: await this.settleDecommission(request), created: true };
  }

  private async file(
    s: Stores,
    input: NewRequest,
    actor: Actor,
    outbox: Outbox,
  ): Promise<GovernanceRequest> {
    const now = this.now();
    let agent = await s.agents.getForUpdate(input.agentRef);
    if (input.type === 'commission' && input.payload.entity) {
      agent = await this.takeCommissionEntity(s, input, agent, now);
    }
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

    switch (input.type) {
      case 'commission':
        request.payload = { scope: agent.declaredScope };
        request.assigneeRef = this.options.securityGroupRef;
        await s.findings.resolve('uncommissioned', agent.entityRef, now);
        outbox.push({
          to: [this.options.securityGroupRef],
          notification: {
            title: `Commission request: ${agent.entityRef}`,
            description: `${actor.ref} asks to commission ${
              agent.title ?? agent.name
            }: ${input.reason}`,
            link: agentPagePath(agent.entityRef),
            topic: 'mandate-requests',
          },
        });
        break;
      case 'scope-change': {
        const scope = input.payload.scope;
        if (!scope) {
          throw invalid(
            'payload.scope',
            'is required for a scope change; send the whole new scope (dataClasses and tools)',
          );
        }
        const issues = scopeIssues(scope, 'payload.scope');
        if (issues.length > 0) {
          throw new InputError(
            issues.map(i => `${i.field}: ${i.message}`).join('; '),
          );
        }
        const approved = await s.agents.approvedScope(
          agent.entityRef,
          agent.approvedVersion,
        );
        const changes = diffScopes(
          approved ?? { dataClasses: [], tools: [] },
          scope,
        );
        if (changes.length === 0) {
          throw invalid(
            'payload.scope',
            'is the same as the approved scope; nothing to change',
          );
        }
        request.payload = { scope };
        request.changes = changes;
        if (isExpansion(changes)) {
          if (agent.state !== 'active') {
            throw new ConflictError(
              `Cannot widen the scope of ${agent.entityRef} while it is ${agent.state}; resume it first`,
            );
          }
          request.assigneeRef = this.options.securityGroupRef;
          outbox.push({
            to: [this.options.securityGroupRef],
            notification: {
              title: `Scope expansion request: ${agent.entityRef}`,
              description: `${actor.ref}: ${describeChanges(changes)}`,
              link: agentPagePath(agent.entityRef),
              topic: 'mandate-requests',
            },
          });
        } else {
          request.status = 'applied';
        }
        break;
      }
      case 'owner-transfer': {
        if (!input.payload.newOwner) {
          throw invalid(
            'payload.newOwner',
            'is required; name the group or user that takes over, such as group:platform',
          );
        }
        const newOwner = resolveOwnerRef(
          input.payload.newOwner,
          'payload.newOwner',
        );
        if (newOwner === agent.ownerRef) {
          throw invalid(
            'payload.newOwner',
            `${newOwner} already owns ${agent.entityRef}`,
          );
        }
        request.payload = { newOwner, previousOwner: agent.ownerRef };
        request.assigneeRef = newOwner;
        outbox.push({
          to: [newOwner],
          notification: {
            title: `Accept ownership of ${agent.title ?? agent.name}?`,
            description: `${actor.ref} wants to transfer ${agent.entityRef} to ${newOwner}: ${input.reason}`,
            link: agentPagePath(agent.entityRef),
            topic: 'mandate-requests',
          },
        });
        break;
      }
      case 'decommission':
        if (!this.options.enforcement.installed && !input.payload.attestation) {
          throw invalid(
            'payload.attestation',
            `is required: ${NO_PROVIDER_NOTE} Attest that every credential of ${agent.entityRef} was revoked`,
          );
        }
        request.payload = input.payload.attestation
          ? { attestation: input.payload.attestation }
          : {};
        request.status = 'applied';
        break;
      case 'suspend':
      case 'resume':
        request.status = 'applied';
        break;
      default:
    }
    if (request.status === 'applied') {
      request.decision = 'approve';
      request.deciderRef = actor.ref;
      request.decisionReason = 'applies without a decision';
      request.decidedAt = now;
    }
    await this.audit(s, {
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

  /** A commission may carry the Agent entity (the scaffolder files before the catalog sees it). */
  private async takeCommissionEntity(
    s: Stores,
    input: NewRequest,
    agent: AgentRecord | undefined,
    now: string,
  ): Promise<AgentRecord> {
    const entity = input.payload.entity;
    try {
      assertValidAgentEntity(entity);
    } catch (error) {
      if (error instanceof AgentValidationError) {
        throw new InputError(
          error.issues
            .map(i => `payload.entity.${i.field}: ${i.message}`)
            .join('; '),
        );
      }
      throw error;
    }
    const typed = entity as AgentEntityV1alpha1;
    if (getAgentRef(typed) !== input.agentRef) {
      throw invalid(
        'payload.entity.metadata.name',
        `names ${getAgentRef(typed)}, but agentRef is ${input.agentRef}`,
      );
    }
    if (!agent) {
      const created = newAgentRecord(typed, now, false);
      await s.agents.insert(created);
      await this.audit(s, {
        agentRef: created.entityRef,
        actorRef: SYSTEM_ACTORS.catalogSync,
        action: 'agent.registered',
        data: { source: 'commission request', ownerRef: created.ownerRef },
      });
      return created;
    }
    if (agent.state !== 'proposed') return agent;
    const updated = {
      ...agent,
      ...declaredFields(typed),
      ownerRef: agent.ownerRef,
      updatedAt: now,
    };
    await s.agents.update(updated);
    return updated;
  }

  /** Decides a pending request. Who may decide is checked by the caller. */
  async decide(
    id: string,
    decision: Decision,
    actor: Actor,
  ): Promise<GovernanceRequest> {
    const outbox: Outbox = [];
    const decided = await this.options.db.transaction(async s => {
      const request = await s.requests.getForUpdate(id);
      if (!request) throw new NotFoundError(`No request ${id}`);
      if (request.status !== 'pending') {
        throw new ConflictError(
          `Request ${id} was already decided (${request.status})`,
        );
      }
      const now = this.now();
      request.decision = decision.decision;
      request.deciderRef = actor.ref;
      request.decisionReason = decision.reason;
      request.decidedAt = now;
      if (decision.decision === 'reject') {
        request.status = 'rejected';
      } else {
        request.status = 'applied';
        if (request.type === 'owner-transfer' && !request.payload.newOwner) {
          if (!decision.newOwner) {
            throw invalid(
              'newOwner',
              'is required to approve a transfer raised for an orphaned agent; name the group that takes over',
            );
          }
          request.payload = {
            ...request.payload,
            newOwner: resolveOwnerRef(decision.newOwner, 'newOwner'),
          };
        }
      }
      await this.audit(s, {
        agentRef: request.agentRef,
        actorRef: actor.ref,
        action: `request.${
          decision.decision === 'approve' ? 'approved' : 'rejected'
        }`,
        data: { requestId: id, type: request.type, reason: decision.reason },
      });
      if (request.status === 'applied') {
        await this.applyIfDecided(s, request, actor, outbox);
      }
      await s.requests.update(request);
      outbox.push({
        to: [request.requesterRef],
        notification: {
          title: `Your ${request.type} request was ${
            request.status === 'rejected' ? 'rejected' : 'approved'
          }`,
          description: `${request.agentRef}: ${decision.reason}`,
          link: agentPagePath(request.agentRef),
          topic: 'mandate-requests',
        },
      });
      return request;
    });
    await this.deliver(outbox);
    return this.settleDecommission(decided);
  }

  getRequest(id: string) {
    return this.options.db.stores.requests.get(id);
  }

  /** Carries out an approved (or self-applying) request. */
  private async applyIfDecided(
    s: Stores,
    request: GovernanceRequest,
    actor: Actor,
    outbox: Outbox,
  ): Promise<void> {
    if (request.status !== 'applied') return;
    const agent = (await s.agents.getForUpdate(request.agentRef))!;
    const now = this.now();
    const at = (changes: Partial<AgentRecord>): AgentRecord => ({
      ...agent,
      ...changes,
      updatedAt: now,
    });

    switch (request.type) {
      case 'commission': {
        const version = await this.approveScope(
          s,
          agent,
          request.payload.scope as AgentScope,
          actor,
          request,
          'commissioned',
        );
        await s.agents.update(
          at({
            state: 'active',
            stateChangedAt: now,
            commissionedAt: now,
            approvedVersion: version,
            nextReviewDueAt: this.reviewDue(now, agent.reviewCadence),
          }),
        );
        await s.findings.resolve('uncommissioned', agent.entityRef, now);
        await this.audit(s, {
          agentRef: agent.entityRef,
          actorRef: actor.ref,
          action: 'agent.commissioned',
          data: { requestId: request.id },
        });
        outbox.push({
          to: [agent.ownerRef],
          notification: {
            title: `${agent.title ?? agent.name} is commissioned`,
            description: `Its first scope review is due ${this.reviewDue(
              now,
              agent.reviewCadence,
            ).slice(0, 10)}.`,
            link: agentPagePath(agent.entityRef),
            topic: 'mandate-lifecycle',
          },
        });
        break;
      }
      case 'scope-change': {
        const version = await this.approveScope(
          s,
          agent,
          request.payload.scope as AgentScope,
          actor,
          request,
          request.decision === 'approve' && request.assigneeRef
            ? 'expanded'
            : 'reduced',
        );
        await s.agents.update(at({ approvedVersion: version }));
        break;
      }
      case 'owner-transfer': {
        const newOwner = request.payload.newOwner as string;
        await s.agents.update(at({ ownerRef: newOwner }));
        await s.findings.resolve('orphaned', agent.entityRef, now);
        await this.audit(s, {
          agentRef: agent.entityRef,
          actorRef: actor.ref,
          action: 'owner.transferred',
          data: { requestId: request.id, from: agent.ownerRef, to: newOwner },
        });
        break;
      }
      case 'suspend': {
        const outcomes = await this.options.enforcement.suspend(
          { entityRef: agent.entityRef, identityId: agent.identityId },
          request.reason,
        );
        await s.reviews.cancelOpen(agent.entityRef);
        await s.agents.update(at({ state: 'suspended', stateChangedAt: now }));
        await this.audit(s, {
          agentRef: agent.entityRef,
          actorRef: actor.ref,
          action: 'agent.suspended',
          data: {
            requestId: request.id,
            reason: request.reason,
            enforcement: this.containmentRecord(outcomes),
          },
        });
        outbox.push({
          to: [agent.ownerRef, agent.sponsorRef ?? ''],
          notification: {
            title: `${agent.title ?? agent.name} was suspended`,
            description: request.reason,
            link: agentPagePath(agent.entityRef),
            severity: 'high',
            topic: 'mandate-lifecycle',
          },
        });
        break;
      }
      case 'resume': {
        const outcomes = await this.options.enforcement.resume(
          { entityRef: agent.entityRef, identityId: agent.identityId },
          request.reason,
        );
        // An overdue review becomes due now rather than suspending the agent again at once.
        const due =
          agent.nextReviewDueAt && agent.nextReviewDueAt > now
            ? agent.nextReviewDueAt
            : now;
        await s.agents.update(
          at({ state: 'active', stateChangedAt: now, nextReviewDueAt: due }),
        );
        await this.audit(s, {
          agentRef: agent.entityRef,
          actorRef: actor.ref,
          action: 'agent.resumed',
          data: {
            requestId: request.id,
            reason: request.reason,
            enforcement: this.containmentRecord(outcomes),
          },
        });
        break;
      }
      case 'decommission': {
        const outcomes = await this.options.enforcement.suspend(
          { entityRef: agent.entityRef, identityId: agent.identityId },
          `decommission: ${request.reason}`,
        );
        await s.reviews.cancelOpen(agent.entityRef);
        await s.agents.update(
          at({ state: 'decommissioning', stateChangedAt: now }),
        );
        await this.audit(s, {
          agentRef: agent.entityRef,
          actorRef: actor.ref,
          action: 'agent.decommissioning',
          data: {
            requestId: request.id,
            enforcement: this.containmentRecord(outcomes),
          },
        });
        // Retired once the enforcement layer confirms, right after this transaction.
        request.status = 'awaiting-evidence';
        break;
      }
      default:
    }
    if (request.status === 'applied' && !request.appliedAt) {
      request.appliedAt = now;
    }
  }

  private containmentRecord(
    outcomes: Awaited<ReturnType<Enforcement['suspend']>>,
  ) {
    return outcomes.length > 0 ? { outcomes } : { note: NO_PROVIDER_NOTE };
  }

  /**
   * Retires a decommissioning agent once no grant is active, recording the evidence:
   * the enforcement layer's answer, or the requester's attestation when none is installed.
   * Otherwise the request waits for evidence and is checked again on schedule.
   */
  private async finishDecommission(
    s: Stores,
    request: GovernanceRequest,
    agentRef: string,
    active: AgentGrant[] | undefined,
  ): Promise<boolean> {
    const agent = (await s.agents.getForUpdate(agentRef))!;
    const now = this.now();
    let evidence: Record<string, unknown>;
    if (active) {
      evidence = {
        providers: this.options.enforcement.providerIds,
        checkedAt: now,
        activeGrants: active.map(g => g.id),
      };
      if (active.length > 0) {
        request.status = 'awaiting-evidence';
        request.evidence = evidence;
        return false;
      }
    } else {
      evidence = {
        attestation: request.payload.attestation,
        attestedBy: request.requesterRef,
        note: NO_PROVIDER_NOTE,
      };
    }
    request.status = 'applied';
    request.evidence = evidence;
    request.appliedAt = now;
    await s.agents.update({
      ...agent,
      state: 'retired',
      stateChangedAt: now,
      nextReviewDueAt: undefined,
      updatedAt: now,
    });
    await this.audit(s, {
      agentRef,
      actorRef: request.deciderRef ?? request.requesterRef,
      action: 'agent.retired',
      data: { requestId: request.id, evidence },
    });
    return true;
  }

  /** Re-checks decommissions that wait for the enforcement layer; returns how many retired. */
  async checkDecommissions(): Promise<number> {
    const { items } = await this.options.db.stores.requests.list({
      status: 'awaiting-evidence',
      limit: 1000,
      offset: 0,
    });
    const outcomes = [];
    for (const pending of items) {
      outcomes.push(await this.retryDecommission(pending.id));
    }
    return outcomes.filter(Boolean).length;
  }

  /** A decommission's request as it stands once the enforcement layer was asked. */
  private async settleDecommission(
    request: GovernanceRequest,
  ): Promise<GovernanceRequest> {
    if (request.type !== 'decommission') return request;
    if (request.status !== 'awaiting-evidence') return request;
    await this.retryDecommission(request.id);
    return (await this.options.db.stores.requests.get(request.id)) ?? request;
  }

  /**
   * Asks the enforcement layer for active grants (outside any transaction: providers may
   * call out, or read the database on another connection), then retires or keeps waiting.
   */
  private async retryDecommission(requestId: string): Promise<boolean> {
    const { db, enforcement } = this.options;
    const pending = await db.stores.requests.get(requestId);
    if (pending?.status !== 'awaiting-evidence') return false;
    const agent = (await db.stores.agents.get(pending.agentRef))!;
    const active = enforcement.installed
      ? await enforcement.activeGrants(
          { entityRef: agent.entityRef, identityId: agent.identityId },
          new Date(this.now()),
        )
      : undefined;
    return db.transaction(async s => {
      const request = (await s.requests.getForUpdate(requestId))!;
      if (request.status !== 'awaiting-evidence') return false;
      const retired = await this.finishDecommission(
        s,
        request,
        request.agentRef,
        active,
      );
      await s.requests.update(request);
      return retired;
    });
  }

  private async approveScope(
    s: Stores,
    agent: AgentRecord,
    scope: AgentScope,
    actor: Actor,
    request: GovernanceRequest | undefined,
    how: string,
  ): Promise<number> {
    const version = agent.approvedVersion + 1;
    const approved: ApprovedScope = {
      ...scope,
      version,
      approvedAt: this.now(),
      approvedBy: actor.ref,
      ...(request ? { requestId: request.id, reason: request.reason } : {}),
    };
    await s.agents.addApprovedScope(agent.entityRef, approved);
    const previous = await s.agents.approvedScope(
      agent.entityRef,
      agent.approvedVersion,
    );
    await this.audit(s, {
      agentRef: agent.entityRef,
      actorRef: actor.ref,
      action: `scope.${how}`,
      data: {
        version,
        changes: diffScopes(previous ?? { dataClasses: [], tools: [] }, scope),
        highestAccess: highestAccess(scope.tools) ?? null,
        ...(request ? { requestId: request.id } : {}),
      },
    });
    return version;
  }

  /**
   * Completes an open review: decisions for every tool of the approved scope and an
   * attestation. Revocations apply at once as a scope reduction. Only one submission wins.
   */
  async submitReview(
    id: string,
    submission: ReviewSubmission,
    actor: Actor,
  ): Promise<ScopeReview> {
    const outbox: Outbox = [];
    const before = await this.options.db.stores.reviews.get(id);
    if (!before) throw new NotFoundError(`No review ${id}`);
    if (before.status !== 'open') {
      throw new ConflictError(
        `Review ${id} is ${before.status}; it was already submitted or closed`,
      );
    }
    const agentBefore = (await this.options.db.stores.agents.get(
      before.agentRef,
    ))!;
    const approvedBefore = await this.options.db.stores.agents.approvedScope(
      agentBefore.entityRef,
      agentBefore.approvedVersion,
    );
    const tools = approvedBefore?.tools ?? [];
    checkDecisions(
      submission,
      tools.map(t => t.name),
    );
    const usage = await reviewToolUsage(
      this.options.enforcement,
      agentBefore,
      tools,
      before.periodStart,
      this.options.clock(),
    );

    const completed = await this.options.db.transaction(async s => {
      const now = this.now();
      const review: ScopeReview = {
        ...before,
        status: 'completed',
        completedAt: now,
        completedBy: actor.ref,
        attestation: submission.attestation,
        decisions: submission.decisions,
        tools: usage,
      };
      if (!(await s.reviews.complete(review))) {
        throw new ConflictError(
          `Review ${id} was submitted by someone else a moment ago`,
        );
      }
      const agent = (await s.agents.getForUpdate(review.agentRef))!;
      const revoked = submission.decisions
        .filter(d => d.decision === 'revoke')
        .map(d => d.tool);
      let approvedVersion = agent.approvedVersion;
      if (revoked.length > 0) {
        const approved = (await s.agents.approvedScope(
          agent.entityRef,
          agent.approvedVersion,
        ))!;
        approvedVersion = await this.approveScope(
          s,
          agent,
          withoutTools(approved, revoked),
          actor,
          undefined,
          'reduced',
        );
      }
      await s.agents.update({
        ...agent,
        approvedVersion,
        lastReviewCompletedAt: now,
        nextReviewDueAt: this.reviewDue(now, agent.reviewCadence),
        updatedAt: now,
      });
      await s.findings.resolve('review-overdue', agent.entityRef, now);
      await this.audit(s, {
        agentRef: agent.entityRef,
        actorRef: actor.ref,
        action: 'review.completed',
        data: {
          reviewId: id,
          decisions: submission.decisions,
          revoked,
          attestation: submission.attestation,
        },
      });
      if (revoked.length > 0) {
        outbox.push({
          to: [this.options.securityGroupRef],
          notification: {
            title: `${agent.title ?? agent.name}: ${
              revoked.length
            } tool(s) revoked in review`,
            description: `Revoked ${revoked.join(
              ', ',
            )}; the effective policy changed at once.`,
            link: agentPagePath(agent.entityRef),
            topic: 'mandate-reviews',
          },
        });
      }
      return review;
    });
    await this.deliver(outbox);
    return completed;
  }

  /** Opens the agent's next scope review, due at `dueAt`, covering the time since the last one. */
  async openReview(agent: AgentRecord, dueAt: string): Promise<ScopeReview> {
    const review: ScopeReview = {
      id: randomUUID(),
      agentRef: agent.entityRef,
      status: 'open',
      dueAt,
      openedAt: this.now(),
      periodStart:
        agent.lastReviewCompletedAt ?? agent.commissionedAt ?? agent.createdAt,
      periodEnd: dueAt,
      escalationLevel: 1,
    };
    await this.options.db.transaction(async s => {
      await s.reviews.insert(review);
      await this.audit(s, {
        agentRef: agent.entityRef,
        actorRef: SYSTEM_ACTORS.reviewScheduler,
        action: 'review.opened',
        data: { reviewId: review.id, dueAt },
      });
    });
    return review;
  }

  /** Appends to the audit trail inside the caller's transaction: every record goes this way. */
  async audit(s: Stores, entry: AuditEntry): Promise<void> {
    await s.audit.append(entry, this.now());
  }

  /** Records an event that changes no agent, such as a certificate issued. */
  async record(entry: AuditEntry): Promise<void> {
    await this.options.db.transaction(s => this.audit(s, entry));
  }
}

function checkDecisions(submission: ReviewSubmission, toolNames: string[]) {
  const seen = new Set<string>();
  submission.decisions.forEach((d, i) => {
    if (!toolNames.includes(d.tool)) {
      throw invalid(
        `decisions[${i}].tool`,
        `"${d.tool}" is not in the approved scope; decide only on ${
          toolNames.join(', ') || 'no tools'
        }`,
      );
    }
    if (seen.has(d.tool)) {
      throw invalid(
        `decisions[${i}].tool`,
        `"${d.tool}" has two decisions; give one`,
      );
    }
    seen.add(d.tool);
  });
  const missing = toolNames.filter(name => !seen.has(name));
  if (missing.length > 0) {
    throw invalid(
      'decisions',
      `decide keep or revoke for every tool; missing ${missing.join(', ')}`,
    );
  }
}

function describeChanges(changes: ScopeChange[]): string {
  return changes
    .map(c => {
      switch (c.kind) {
        case 'tool-added':
          return `add ${c.tool} (${c.access})`;
        case 'access-raised':
          return `raise ${c.tool} from ${c.from} to ${c.to}`;
        case 'data-class-added':
          return `add data class ${c.dataClass}${
            c.tool ? ` to ${c.tool}` : ''
          }`;
        default:
          return `${c.kind}${'tool' in c && c.tool ? ` ${c.tool}` : ''}`;
      }
    })
    .join(', ');
}
