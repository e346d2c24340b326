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

  /**
   * One pass: reads only the active agents whose review opens by now (and their open
   * reviews), opens the reviews that came due in batches, reports the overdue ones as
   * findings in bulk, and escalates in one statement per level. A pass where nothing new
   * came due writes little more than the findings' last-seen times.
   */
  async run(): Promise<{
    opened: number;
    escalated: number;
    suspended: number;
  }> {
    const { policy, db, governance } = this.options;
    const now = DateTime.fromJSDate(this.options.clock(), { zone: 'utc' });
    const nowIso = now.toISO()!;
    // A day's margin over openBefore: the exact test below counts back from each due date.
    const dueBy = now.plus(policy.openBefore).plus({ days: 1 }).toISO()!;
    const agents = (await db.stores.agents.activeWithReviewDueBy(dueBy))
      .map(agent => ({
        agent,
        due: DateTime.fromISO(agent.nextReviewDueAt!, { zone: 'utc' }),
      }))
      .filter(({ due }) => now >= due.minus(policy.openBefore));
    const open = new Map(
      (await db.stores.reviews.allOpen()).map(r => [r.agentRef, r]),
    );

    const toOpen = agents.filter(({ agent }) => !open.has(agent.entityRef));
    const opened = await governance.openReviews(
      toOpen.map(({ agent, due }) => ({ agent, dueAt: due.toISO()! })),
    );
    for (const review of opened) open.set(review.agentRef, review);
    for (const { agent, due } of toOpen) {
      await this.options.notifier.send(
        [agent.ownerRef],
        notifications.reviewDue(agent, due.toISO()!),
      );
    }

    const overdue = agents
      .filter(({ due }) => now > due)
      .map(({ agent, due }) => {
        const review = open.get(agent.entityRef)!;
        const overdueDays = Math.floor(now.diff(due, 'days').days);
        let level: number = ESCALATION.owner;
        if (now > due.plus(policy.escalateAfter)) level = ESCALATION.sponsor;
        if (now > due.plus(policy.escalateAfter).plus(policy.escalateAfter)) {
          level = ESCALATION.security;
        }
        return { agent, due, review, overdueDays, level };
      });
    await db.transaction(s =>
      s.findings.reportMany(
        overdue.map(({ agent, review, overdueDays, level }) => ({
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
        })),
        nowIso,
      ),
    );

    const escalations = overdue.filter(o => o.level > o.review.escalationLevel);
    await this.escalate(escalations, nowIso);

    let suspended = 0;
    if (policy.autoSuspendAfter) {
      for (const { agent, due, overdueDays } of overdue) {
        if (now <= due.plus(policy.autoSuspendAfter)) continue;
        await governance.fileRequest(
          {
            agentRef: agent.entityRef,
            type: 'suspend',
            reason: `Scope review overdue by ${overdueDays} days (auto-suspend after ${policy.autoSuspendAfter.toISO()})`,
            payload: {},
          },
          { ref: actorRef, claims: [] },
        );
        suspended += 1;
      }
    }
    await governance.checkDecommissions();
    return {
      opened: opened.length,
      escalated: escalations.length,
      suspended,
    };
  }

  /** Raises each review's escalation level (one statement per level), then tells whom. */
  private async escalate(
    escalations: Array<{
      agent: AgentRecord;
      review: ScopeReview;
      level: number;
      overdueDays: number;
    }>,
    now: string,
  ) {
    const recipients = (level: number, agent: AgentRecord) =>
      level === ESCALATION.security
        ? [this.options.securityGroupRef]
        : [agent.sponsorRef ?? this.options.securityGroupRef];
    for (let i = 0; i < escalations.length; i += 500) {
      const batch = escalations.slice(i, i + 500);
      await this.options.db.transaction(async s => {
        for (const level of new Set(batch.map(e => e.level))) {
          await s.reviews.escalateMany(
            batch.filter(e => e.level === level).map(e => e.review.id),
            level,
            now,
          );
        }
        await this.options.governance.auditMany(
          s,
          batch.map(({ agent, review, level, overdueDays }) => ({
            agentRef: agent.entityRef,
            actorRef,
            action: 'review.escalated',
            data: {
              reviewId: review.id,
              level,
              to: recipients(level, agent),
              overdueDays,
            },
          })),
        );
      });
    }
    for (const { agent, level, overdueDays } of escalations) {
      await this.options.notifier.send(
        recipients(level, agent),
        notifications.reviewOverdue(agent, overdueDays),
      );
    }
  }
}
