import { ConflictError, NotFoundError } from '@backstage/errors';
import { ScopeReview, withoutTools } from '@mandate/plugin-agents-common';
import { randomUUID } from 'node:crypto';
import { AgentRecord } from '../domain/agentRecord';
import { notifications } from './notifications';
import { reviewToolUsage } from './reviewUsage';
import {
  Actor,
  Outbox,
  ReviewSubmission,
  SYSTEM_ACTORS,
  invalid,
} from './types';
import { WorkflowKit } from './WorkflowKit';

/** Every tool of the approved scope decided once, and nothing else. */
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

/**
 * Completes an open review: decisions for every tool of the approved scope and an
 * attestation. Revocations apply at once as a scope reduction. Only one submission wins.
 */
export async function submitReview(
  kit: WorkflowKit,
  id: string,
  submission: ReviewSubmission,
  actor: Actor,
): Promise<ScopeReview> {
  const { db } = kit;
  const outbox: Outbox = [];
  const before = await db.stores.reviews.get(id);
  if (!before) throw new NotFoundError(`No review ${id}`);
  if (before.status !== 'open') {
    throw new ConflictError(
      `Review ${id} is ${before.status}; it was already submitted or closed`,
    );
  }
  const agentBefore = (await db.stores.agents.get(before.agentRef))!;
  const approvedBefore = await db.stores.agents.approvedScope(
    agentBefore.entityRef,
    agentBefore.approvedVersion,
  );
  const tools = approvedBefore?.tools ?? [];
  checkDecisions(
    submission,
    tools.map(t => t.name),
  );
  const usage = await reviewToolUsage(
    kit.enforcement,
    agentBefore,
    tools,
    before.periodStart,
    kit.options.clock(),
  );

  const completed = await db.transaction(async s => {
    const now = kit.now();
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
      approvedVersion = await kit.approveScope(
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
      nextReviewDueAt: kit.reviewDue(now, agent.reviewCadence),
      updatedAt: now,
    });
    await s.findings.resolve('review-overdue', agent.entityRef, now);
    await kit.audit(s, {
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
        to: [kit.securityGroupRef],
        notification: notifications.revokedInReview(agent, revoked),
      });
    }
    return review;
  });
  await kit.deliver(outbox);
  return completed;
}

/** Opens the agent's next scope review, due at `dueAt`, covering the time since the last one. */
export async function openReview(
  kit: WorkflowKit,
  agent: AgentRecord,
  dueAt: string,
): Promise<ScopeReview> {
  const [review] = await openReviews(kit, [{ agent, dueAt }]);
  return review;
}

/** How many reviews one transaction opens. */
const OPEN_BATCH = 500;

/**
 * Opens the next scope review of each agent, due at its `dueAt`: a few hundred per
 * transaction, each batch in multi-row inserts with its audit records appended together.
 */
export async function openReviews(
  kit: WorkflowKit,
  openings: Array<{ agent: AgentRecord; dueAt: string }>,
): Promise<ScopeReview[]> {
  const opened: ScopeReview[] = [];
  for (let i = 0; i < openings.length; i += OPEN_BATCH) {
    const now = kit.now();
    const reviews = openings.slice(i, i + OPEN_BATCH).map(
      ({ agent, dueAt }): ScopeReview => ({
        id: randomUUID(),
        agentRef: agent.entityRef,
        status: 'open',
        dueAt,
        openedAt: now,
        periodStart:
          agent.lastReviewCompletedAt ??
          agent.commissionedAt ??
          agent.createdAt,
        periodEnd: dueAt,
        escalationLevel: 1,
      }),
    );
    await kit.db.transaction(async s => {
      await s.reviews.insertMany(reviews);
      await s.audit.appendMany(
        reviews.map(review => ({
          agentRef: review.agentRef,
          actorRef: SYSTEM_ACTORS.reviewScheduler,
          action: 'review.opened',
          data: { reviewId: review.id, dueAt: review.dueAt },
        })),
        now,
      );
    });
    opened.push(...reviews);
  }
  return opened;
}
