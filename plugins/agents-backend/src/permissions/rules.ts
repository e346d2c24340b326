import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { AGENT_RESOURCE_TYPE } from '@mandate/plugin-agents-common';
import { z } from 'zod';

/** What permission rules see of an agent. */
export interface AgentResource {
  entityRef: string;
  ownerRef: string;
}

/** How rules narrow an agent query: owners whose agents are visible. */
export interface AgentQueryFilter {
  ownerRefs: string[];
}

/** The `agents-agent` resource type, owned by the `agents` plugin. @public */
export const agentPermissionResourceRef = createPermissionResourceRef<
  AgentResource,
  AgentQueryFilter
>().with({ pluginId: 'agents', resourceType: AGENT_RESOURCE_TYPE });

/** Allows agents whose governance owner is one of the claims (user and group refs). @public */
export const isAgentOwner = createPermissionRule({
  name: 'IS_AGENT_OWNER',
  description: 'Allow agents owned by one of the given users or groups',
  resourceRef: agentPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the caller and the groups they belong to'),
  }),
  apply: (agent, { claims }) => claims.includes(agent.ownerRef),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

/** @public */
export const agentPermissionRules = { isAgentOwner };

const exported = createConditionExports({
  resourceRef: agentPermissionResourceRef,
  rules: agentPermissionRules,
});

/** Conditions for policies: `agentConditions.isAgentOwner({ claims })`. @public */
export const agentConditions = exported.conditions;
/** Wraps conditions into a decision for an `agents-agent` permission. @public */
export const createAgentConditionalDecision =
  exported.createConditionalDecision;
