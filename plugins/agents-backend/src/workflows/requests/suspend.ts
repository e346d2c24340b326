import { notifications } from '../notifications';
import { RequestKind } from './RequestKind';

/** Containment: the enforcement layer revokes and blocks; open reviews are cancelled. */
export const suspend: RequestKind = {
  async file({ request }) {
    request.status = 'applied';
  },

  async apply({ s, kit, request, agent, actor, now, outbox, save }) {
    const outcomes = await kit.enforcement.suspend(
      { entityRef: agent.entityRef, identityId: agent.identityId },
      request.reason,
    );
    await s.reviews.cancelOpen(agent.entityRef);
    await save({ state: 'suspended', stateChangedAt: now });
    await kit.audit(s, {
      agentRef: agent.entityRef,
      actorRef: actor.ref,
      action: 'agent.suspended',
      data: {
        requestId: request.id,
        reason: request.reason,
        enforcement: kit.containmentRecord(outcomes),
      },
    });
    outbox.push({
      to: [agent.ownerRef, agent.sponsorRef ?? ''],
      notification: notifications.suspended(agent, request.reason),
    });
  },
};
