import { ConflictError, InputError } from '@backstage/errors';
import {
  AgentEntityV1alpha1,
  AgentScope,
  AgentValidationError,
  assertValidAgentEntity,
  getAgentRef,
} from '@mandate/plugin-agents-common';
import { identityConflictReport } from '../../analysis/detectors';
import { Stores } from '../../database/AgentsDatabase';
import {
  AgentRecord,
  declaredFields,
  newAgentRecord,
} from '../../domain/agentRecord';
import { identityHeldByAnother } from '../../domain/identityClaims';
import { notifications } from '../notifications';
import { SYSTEM_ACTORS, invalid } from '../types';
import { RequestKind } from './RequestKind';

/** The agent that holds this agent's identity by an approved commission, if another. */
async function identityHolder(s: Stores, agent: AgentRecord) {
  return identityHeldByAnother(agent, await s.agents.claimantsOf(agent));
}

/**
 * Joining: security approves the declared scope, and the agent becomes active. An identity
 * belongs to one agent: a commission whose identity another agent holds is filed, with an
 * identity-conflict finding for security, but cannot be approved while it is held.
 */
export const commission: RequestKind = {
  // The scaffolder files a commission with the entity before the catalog has read it.
  async prepare(s, kit, input, agent) {
    const entity = input.payload.entity;
    if (!entity) return agent;
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
    const now = kit.now();
    if (!agent) {
      const created = newAgentRecord(typed, now, false);
      await s.agents.insert(created);
      await kit.audit(s, {
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
  },

  async file({ s, kit, input, agent, actor, request, outbox }) {
    request.payload = { scope: agent.declaredScope };
    request.assigneeRef = kit.securityGroupRef;
    await s.findings.resolve('uncommissioned', agent.entityRef, kit.now());
    const holder = await identityHolder(s, agent);
    if (holder) {
      await s.findings.report(
        identityConflictReport(agent, holder.entityRef),
        kit.now(),
      );
    }
    outbox.push({
      to: [kit.securityGroupRef],
      notification: notifications.commissionRequested(
        agent,
        actor.ref,
        input.reason,
      ),
    });
  },

  async apply({ s, kit, request, agent, actor, now, outbox, save }) {
    const holder = await identityHolder(s, agent);
    if (holder) {
      throw new ConflictError(
        `Cannot commission ${agent.entityRef}: its identity ${agent.identityId} is held by ${holder.entityRef} (${holder.state}). An identity belongs to one agent; give this agent its own spec.identity.id, or retire ${holder.entityRef} first if this agent replaces it`,
      );
    }
    const version = await kit.approveScope(
      s,
      agent,
      request.payload.scope as AgentScope,
      actor,
      request,
      'commissioned',
    );
    const firstReviewDue = kit.reviewDue(now, agent.reviewCadence);
    await save({
      state: 'active',
      stateChangedAt: now,
      commissionedAt: now,
      approvedVersion: version,
      nextReviewDueAt: firstReviewDue,
    });
    await s.findings.resolve('uncommissioned', agent.entityRef, now);
    await kit.audit(s, {
      agentRef: agent.entityRef,
      actorRef: actor.ref,
      action: 'agent.commissioned',
      data: { requestId: request.id },
    });
    outbox.push({
      to: [agent.ownerRef],
      notification: notifications.commissioned(agent, firstReviewDue),
    });
  },
};
