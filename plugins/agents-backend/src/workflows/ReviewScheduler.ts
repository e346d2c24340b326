import { LoggerService } from '@backstage/backend-plugin-api';
import { ScopeReview } from '@mandate/plugin-agents-common';
import { DateTime, Duration } from 'luxon';
import { AgentRecord } from '../domain/agentRecord';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { notifications } from './notifications';
import { Notifier } from './Notifier';
import { Governance, SYSTEM_ACTORS } from './Governance';

export interface ReviewPolicy {
  /** How long before the due date a review opens (default P14D). */
  openBefore: Duration;
  /** Overdue by this long: escalate to the sponsor; twice as long: to security (default P7D). */
  escalateAfter: Duration;
  /** Overdue by this long: suspend the agent. Off unless configured. */
  autoSuspendAfter?: Duration;
}

/** Escalation levels recorded on a review. */
export const ESCALATION = { owner: 1, sponsor: 2, security: 3 } as const;

const actorRef = SYSTEM_ACTORS.reviewScheduler;

/**
 * Opens reviews as they come due and chases overdue ones: owner, then sponsor, then
 * security, and (when configured) suspension. Runs as a scheduled task, so once across
 * replicas.
 */
export class ReviewScheduler {
  constructor(
    private readonly options: {
      db: AgentsDatabase;
      governance: Governance;
      notifier: Notifier;
      logger: LoggerService;
      clock: () => Date;
      policy: ReviewPolicy;
      securityGroupRef: string;
    },
  ) {}

  async run(): Promise<{
    opened: number;
    escalated: number;
    suspended: number;
  }> {
    const counts = { opened: 0, escalated: 0, suspended: 0 };
    const agents = (await this.options.db.stores.agents.all()).filter(
      a => a.state === 'active' && a.nextReviewDueAt,
    );
    for (const agent of agents) {
      const result = await this.step(agent);
      counts.opened += result.opened ? 1 : 0;
      counts.escalated += result.escalated ? 1 : 0;
      counts.suspended += result.suspended ? 1 : 0;
    }
    await this.options.governance.checkDecommissions();
    return counts;
  }

  private async step(agent: AgentRecord) {
    const { policy, db, governance } = this.options;
    const now = DateTime.fromJSDate(this.options.clock(), { zone: 'utc' });
    const due = DateTime.fromISO(agent.nextReviewDueAt!, { zone: 'utc' });
    const result = { opened: false, escalated: false, suspended: false };
    if (now < due.minus(policy.openBefore)) return result;

    let review = await db.stores.reviews.openFor(agent.entityRef);
    if (!review) {
      review = await this.open(agent, due.toISO()!);
      result.opened = true;
    }
    if (now <= due) return result;

    const overdueDays = Math.floor(now.diff(due, 'days').days);
    let level: number = ESCALATION.owner;
    if (now > due.plus(policy.escalateAfter)) level = ESCALATION.sponsor;
    if (now > due.plus(policy.escalateAfter).plus(policy.escalateAfter)) {
      level = ESCALATION.security;
    }
    await db.stores.findings.report(
      {
        agentRef: agent.entityRef,
        subject: agent.entityRef,
        type: 'review-overdue',
        severity: level === ESCALATION.security ? 'high' : 'medium',
        message: `The scope review of ${agent.entityRef} is ${overdueDays} day(s) overdue`,
        evidence: {
          reviewId: review.id,
          dueAt: review.dueAt,
          overdueDays,
          escalationLevel: level,
        },
      },
      now.toISO()!,
    );
    if (level > review.escalationLevel) {
      await this.escalate(agent, review, level, overdueDays, now.toISO()!);
      result.escalated = true;
    }
    if (policy.autoSuspendAfter && now > due.plus(policy.autoSuspendAfter)) {
      await governance.fileRequest(
        {
          agentRef: agent.entityRef,
          type: 'suspend',
          reason: `Scope review overdue by ${overdueDays} days (auto-suspend after ${policy.autoSuspendAfter.toISO()})`,
          payload: {},
        },
        { ref: actorRef, claims: [] },
      );
      result.suspended = true;
    }
    return result;
  }

  private async open(agent: AgentRecord, dueAt: string): Promise<ScopeReview> {
    const review = await this.options.governance.openReview(agent, dueAt);
    await this.options.notifier.send(
      [agent.ownerRef],
      notifications.reviewDue(agent, dueAt),
    );
    return review;
  }

  private async escalate(
    agent: AgentRecord,
    review: ScopeReview,
    level: number,
    overdueDays: number,
    now: string,
  ) {
    const to =
      level === ESCALATION.security
        ? [this.options.securityGroupRef]
        : [agent.sponsorRef ?? this.options.securityGroupRef];
    await this.options.db.transaction(async s => {
      await s.reviews.escalate(review.id, level, now);
      await this.options.governance.audit(s, {
        agentRef: agent.entityRef,
        actorRef,
        action: 'review.escalated',
        data: { reviewId: review.id, level, to, overdueDays },
      });
    });
    await this.options.notifier.send(
      to,
      notifications.reviewOverdue(agent, overdueDays),
    );
  }
}
