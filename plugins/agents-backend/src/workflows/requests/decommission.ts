import { GovernanceRequest } from '@mandate/plugin-agents-common';
import { AgentGrant } from '@mandate/plugin-agents-node';
import { Stores } from '../../database/AgentsDatabase';
import { NO_PROVIDER_NOTE } from '../../enforcement/Enforcement';
import { WorkflowKit } from '../WorkflowKit';
import { invalid } from '../types';
import { RequestKind } from './RequestKind';

/**
 * Leaving: the agent is contained at once and retired only once the enforcement layer
 * reports no active grant (or, without one, on the requester's attestation).
 */
export const decommission: RequestKind = {
  async file({ kit, input, agent, request }) {
    if (!kit.enforcement.installed && !input.payload.attestation) {
      throw invalid(
        'payload.attestation',
        `is required: ${NO_PROVIDER_NOTE} Attest that every credential of ${agent.entityRef} was revoked`,
      );
    }
    request.payload = input.payload.attestation
      ? { attestation: input.payload.attestation }
      : {};
    request.status = 'applied';
  },

  async apply({ s, kit, request, agent, actor, now, save }) {
    const outcomes = await kit.enforcement.suspend(
      { entityRef: agent.entityRef, identityId: agent.identityId },
      `decommission: ${request.reason}`,
    );
    await s.reviews.cancelOpen(agent.entityRef);
    await save({ state: 'decommissioning', stateChangedAt: now });
    await kit.audit(s, {
      agentRef: agent.entityRef,
      actorRef: actor.ref,
      action: 'agent.decommissioning',
      data: {
        requestId: request.id,
        enforcement: kit.containmentRecord(outcomes),
      },
    });
    // Retired once the enforcement layer confirms, right after this transaction.
    request.status = 'awaiting-evidence';
  },
};

/**
 * Retires a decommissioning agent once no grant is active, recording the evidence: the
 * enforcement layer's answer (`active`), or the requester's attestation when none is
 * installed (`active` undefined). Otherwise the request keeps waiting. Returns whether the
 * agent retired.
 */
export async function finishDecommission(
  s: Stores,
  kit: WorkflowKit,
  request: GovernanceRequest,
  active: AgentGrant[] | undefined,
): Promise<boolean> {
  const agent = (await s.agents.getForUpdate(request.agentRef))!;
  const now = kit.now();
  let evidence: Record<string, unknown>;
  if (active) {
    evidence = {
      providers: kit.enforcement.providerIds,
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
  await kit.audit(s, {
    agentRef: agent.entityRef,
    actorRef: request.deciderRef ?? request.requesterRef,
    action: 'agent.retired',
    data: { requestId: request.id, evidence },
  });
  return true;
}
