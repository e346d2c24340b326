import { notifications } from '../notifications';
import { invalid, resolveOwnerRef } from '../types';
import { RequestKind } from './RequestKind';

/** Moving owner: the new owner accepts; a transfer raised for an orphan names it on approval. */
export const ownerTransfer: RequestKind = {
  async file({ input, agent, actor, request, outbox }) {
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
      notification: notifications.ownershipOffered(
        agent,
        actor.ref,
        newOwner,
        input.reason,
      ),
    });
  },

  approve(request, decision) {
    if (request.payload.newOwner) return;
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
  },

  async apply({ s, kit, request, agent, actor, now, save }) {
    const newOwner = request.payload.newOwner as string;
    await save({ ownerRef: newOwner });
    await s.findings.resolve('orphaned', agent.entityRef, now);
    await kit.audit(s, {
      agentRef: agent.entityRef,
      actorRef: actor.ref,
      action: 'owner.transferred',
      data: { requestId: request.id, from: agent.ownerRef, to: newOwner },
    });
  },
};
