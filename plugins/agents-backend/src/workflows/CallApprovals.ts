import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CallApproval, NewCallApproval } from '@mandate/plugin-agents-common';
import { Duration } from 'luxon';
import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { Stores } from '../database/AgentsDatabase';
import { notifications } from './notifications';
import { Actor, SYSTEM_ACTORS } from './types';
import { WorkflowKit, WorkflowOptions } from './WorkflowKit';

export interface CallApprovalDecision {
  decision: 'approve' | 'deny';
  reason: string;
}

/**
 * Per-call human approvals: an enforcement point holds a tool call that needs a person
 * (`approval: human`, a destructive tool, a constraint that asks above a limit), files it
 * here and waits; the agent's owner, its sponsor or security approve or deny it with a
 * reason before it expires. Who may decide is the route's check (permissions); that nobody
 * approves a call they asked for or that acts for them is this workflow's rule.
 */
export class CallApprovals {
  /** Wakes answers waiting in this replica as soon as a decision is recorded here. */
  private readonly decided = new EventEmitter().setMaxListeners(0);

  private readonly kit: WorkflowKit;
  private readonly expiresAfter: Duration;
  private readonly lookEveryMs: number;

  constructor(
    options: WorkflowOptions & {
      /** How long a call may wait unless its filer says otherwise. */
      expiresAfter: Duration;
      /**
       * How often a waiting answer looks at the database, for decisions recorded by
       * another replica (one second by default).
       */
      lookEvery?: Duration;
    },
  ) {
    this.kit = new WorkflowKit(options);
    this.expiresAfter = options.expiresAfter;
    this.lookEveryMs = options.lookEvery?.toMillis() ?? 1000;
  }

  /** Holds a call of an active agent for a person's decision, and tells who decides. */
  async file(input: NewCallApproval, requestedBy: string) {
    const { db } = this.kit;
    const now = this.kit.now();
    const lifetime = input.expiresInSeconds
      ? Duration.fromObject({ seconds: input.expiresInSeconds })
      : this.expiresAfter;
    const { agent, approval } = await db.transaction(async s => {
      const held = await s.agents.get(input.agentRef);
      if (!held) {
        throw new NotFoundError(
          `No agent ${input.agentRef} is known to Mandate`,
        );
      }
      if (held.identityId !== input.identity) {
        throw new InputError(
          `identity: ${input.identity} is not the identity of ${held.entityRef}; file the approval with the identity its certificate names`,
        );
      }
      if (held.state !== 'active') {
        throw new ConflictError(
          `${held.entityRef} is ${held.state}: its calls are refused, not held for approval`,
        );
      }
      const scope = await s.agents.approvedScope(
        held.entityRef,
        held.approvedVersion,
      );
      if (!scope?.tools.some(tool => tool.name === input.tool)) {
        throw new ConflictError(
          `tool: ${input.tool} is not in the approved scope of ${held.entityRef}: a call outside the scope is refused, not held for approval`,
        );
      }
      const filed: CallApproval = {
        id: randomUUID(),
        agentRef: held.entityRef,
        identity: held.identityId,
        tool: input.tool,
        argumentsSummary: input.argumentsSummary,
        why: input.why,
        ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
        ...(input.grant ? { grant: input.grant } : {}),
        requestedBy,
        requestedAt: now,
        expiresAt: new Date(
          Date.parse(now) + lifetime.toMillis(),
        ).toISOString(),
        status: 'pending',
      };
      await s.approvals.insert(filed);
      await this.kit.audit(s, {
        agentRef: held.entityRef,
        actorRef: requestedBy,
        action: 'call-approval.requested',
        data: {
          approvalId: filed.id,
          tool: filed.tool,
          why: filed.why,
          argumentsSummary: filed.argumentsSummary,
          onBehalfOf: filed.onBehalfOf ?? null,
          grant: filed.grant ?? null,
          expiresAt: filed.expiresAt,
        },
      });
      return { agent: held, approval: filed };
    });
    await this.kit.deliver([
      {
        to: [agent.ownerRef, agent.sponsorRef ?? '', this.kit.securityGroupRef],
        notification: notifications.callApprovalRequested(agent, approval),
      },
    ]);
    return approval;
  }

  async get(id: string): Promise<CallApproval> {
    const approval = await this.kit.db.stores.approvals.get(id);
    if (!approval) throw new NotFoundError(`No call approval ${id}`);
    return approval;
  }

  /** Approves or denies a pending call, with its audit record. */
  async decide(
    id: string,
    decision: CallApprovalDecision,
    actor: Actor,
  ): Promise<CallApproval> {
    const now = this.kit.now();
    const outcome = await this.kit.db.transaction(async s => {
      const approval = await s.approvals.getForUpdate(id);
      if (!approval) throw new NotFoundError(`No call approval ${id}`);
      if (approval.status === 'pending' && approval.expiresAt <= now) {
        await this.close(
          s,
          approval,
          'expired',
          SYSTEM_ACTORS.approvalExpiry,
          now,
        );
        return { closed: { ...approval, status: 'expired' as const } };
      }
      if (approval.status !== 'pending') return { closed: approval };
      if (actor.ref === approval.onBehalfOf) {
        throw new NotAllowedError(
          `${actor.ref} cannot decide a call that ${approval.agentRef} makes on their behalf; the agent's owner, sponsor or security decide it`,
        );
      }
      if (actor.ref === approval.requestedBy) {
        throw new NotAllowedError(
          `${actor.ref} filed this approval and cannot decide it`,
        );
      }
      const status = decision.decision === 'approve' ? 'approved' : 'denied';
      await this.close(s, approval, status, actor.ref, now, decision.reason);
      const decided: CallApproval = {
        ...approval,
        status,
        decidedBy: actor.ref,
        decidedAt: now,
        decisionReason: decision.reason,
      };
      return { decided };
    });
    this.decided.emit(id);
    if (outcome.closed) {
      const { status, expiresAt } = outcome.closed;
      throw new ConflictError(
        `This call approval is ${status}${
          status === 'expired' ? ` since ${expiresAt}` : ''
        }; it can no longer be decided`,
      );
    }
    return outcome.decided!;
  }

  /**
   * The approval once it is decided, or as it stands after `timeoutMs`: a gateway waits here
   * instead of polling. A pending approval past its expiry is closed as expired.
   */
  async wait(id: string, timeoutMs: number): Promise<CallApproval> {
    const clock = this.kit.options.clock;
    const until = Date.now() + timeoutMs;
    for (;;) {
      let approval = await this.get(id);
      if (
        approval.status === 'pending' &&
        approval.expiresAt <= clock().toISOString()
      ) {
        await this.expire([approval]);
        approval = await this.get(id);
      }
      const left = until - Date.now();
      if (approval.status !== 'pending' || left <= 0) return approval;
      const abort = new AbortController();
      const timer = setTimeout(
        () => abort.abort(),
        Math.min(left, this.lookEveryMs),
      );
      await once(this.decided, id, { signal: abort.signal }).catch(() => {});
      clearTimeout(timer);
      abort.abort();
    }
  }

  /** Closes pending approvals whose time ran out (a scheduled task); returns how many. */
  async expireDue(limit = 500): Promise<number> {
    const due = await this.kit.db.stores.approvals.expiredPending(
      this.kit.now(),
      limit,
    );
    return this.expire(due);
  }

  private async expire(approvals: CallApproval[]): Promise<number> {
    let expired = 0;
    for (const approval of approvals) {
      const closed = await this.kit.db.transaction(s =>
        this.close(
          s,
          approval,
          'expired',
          SYSTEM_ACTORS.approvalExpiry,
          this.kit.now(),
        ),
      );
      if (closed) {
        expired += 1;
        this.decided.emit(approval.id);
      }
    }
    return expired;
  }

  private async close(
    s: Stores,
    approval: CallApproval,
    status: 'approved' | 'denied' | 'expired',
    actorRef: string,
    now: string,
    reason?: string,
  ): Promise<boolean> {
    const changed = await s.approvals.decide(approval.id, {
      status,
      decidedBy: actorRef,
      decidedAt: now,
      reason,
    });
    if (!changed) return false;
    await this.kit.audit(s, {
      agentRef: approval.agentRef,
      actorRef,
      action: `call-approval.${status}`,
      data: {
        approvalId: approval.id,
        tool: approval.tool,
        ...(reason ? { reason } : {}),
      },
    });
    return true;
  }
}
