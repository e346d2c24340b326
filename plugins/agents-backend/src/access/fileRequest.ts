import { InputError, NotFoundError } from '@backstage/errors';
import {
  AgentEntityV1alpha1,
  GovernanceRequest,
  agentContainPermission,
  agentRequestCreatePermission,
  getAgentOwnerRef,
  parseInputRef,
  validateAgentEntity,
} from '@mandate/plugin-agents-common';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { AgentAuthorizer } from '../permissions/AgentAuthorizer';
import { Governance, NewRequest } from '../workflows/Governance';
import { Caller } from './CallerAccess';

/** For a commission of an agent Mandate has not seen yet, ownership comes from the entity. */
function commissionResource(agentRef: string, entity: unknown) {
  if (entity === undefined) {
    throw new NotFoundError(
      `No agent ${agentRef} is known to Mandate; register it in the catalog, or file a commission with payload.entity`,
    );
  }
  const issues = validateAgentEntity(entity);
  if (issues.length > 0) {
    throw new InputError(
      issues.map(i => `payload.entity.${i.field}: ${i.message}`).join('; '),
    );
  }
  return {
    entityRef: agentRef,
    ownerRef: getAgentOwnerRef(entity as AgentEntityV1alpha1),
  };
}

/**
 * Files a request as the caller, once the permission its type needs allows it: suspending
 * and resuming are containment, every other type a request of the agent's owners. The REST
 * API's `POST /v1/requests` and the request actions both file this way.
 */
export async function fileRequestAs(
  ctx: {
    db: AgentsDatabase;
    authorizer: AgentAuthorizer;
    governance: Governance;
  },
  caller: Caller,
  filed: NewRequest,
): Promise<{ request: GovernanceRequest; created: boolean }> {
  const input: NewRequest = {
    ...filed,
    agentRef: parseInputRef(filed.agentRef, {
      field: 'agentRef',
      kinds: ['agent'],
    }),
  };
  const existing = await ctx.db.stores.agents.get(input.agentRef);
  const resource =
    existing ?? commissionResource(input.agentRef, input.payload.entity);
  const containment = input.type === 'suspend' || input.type === 'resume';
  await ctx.authorizer.assert(
    containment ? agentContainPermission : agentRequestCreatePermission,
    resource,
    caller.credentials,
    `file a ${input.type} request for`,
  );
  return ctx.governance.fileRequest(input, caller.actor);
}
