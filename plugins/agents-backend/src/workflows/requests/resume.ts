import { RequestKind } from './RequestKind';

/** The end of a containment: the enforcement layer unblocks the agent. */
export const resume: RequestKind = {
  async file({ request }) {
    request.status = 'applied';
  },

  async apply({ s, kit, request, agent, actor, now, save }) {
    const outcomes = await kit.enforcement.resume(
      { entityRef: agent.entityRef, identityId: agent.identityId },
      request.reason,
    );
    // An overdue review becomes due now rather than suspending the agent again at once.
    const due =
      agent.nextReviewDueAt && agent.nextReviewDueAt > now
        ? agent.nextReviewDueAt
        : now;
    await save({ state: 'active', stateChangedAt: now, nextReviewDueAt: due });
    await kit.audit(s, {
      agentRef: agent.entityRef,
      actorRef: actor.ref,
      action: 'agent.resumed',
      data: {
        requestId: request.id,
        reason: request.reason,
        enforcement: kit.containmentRecord(outcomes),
      },
    });
  },
};
