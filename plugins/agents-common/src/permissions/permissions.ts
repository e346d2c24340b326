import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of one governed agent; the resource ref is the agent's entity ref. @public */
export const AGENT_RESOURCE_TYPE = 'agents-agent';

/** Read an agent's governance record: state, scope, drift, reviews, findings. @public */
export const agentReadPermission = createPermission({
  name: 'agents.agent.read',
  attributes: { action: 'read' },
  resourceType: AGENT_RESOURCE_TYPE,
});

/** File a commission, scope-change, owner-transfer or decommission request. @public */
export const agentRequestCreatePermission = createPermission({
  name: 'agents.request.create',
  attributes: { action: 'create' },
  resourceType: AGENT_RESOURCE_TYPE,
});

/** Approve or reject requests (commission, scope expansion, transfers raised for orphans). @public */
export const agentRequestDecidePermission = createPermission({
  name: 'agents.request.decide',
  attributes: { action: 'update' },
  resourceType: AGENT_RESOURCE_TYPE,
});

/** Submit the agent's scope review. @public */
export const agentReviewSubmitPermission = createPermission({
  name: 'agents.review.submit',
  attributes: { action: 'update' },
  resourceType: AGENT_RESOURCE_TYPE,
});

/** Suspend and resume an agent (containment). @public */
export const agentContainPermission = createPermission({
  name: 'agents.agent.contain',
  attributes: { action: 'update' },
  resourceType: AGENT_RESOURCE_TYPE,
});

/**
 * Hold a tool call of an agent for a person's approval: for enforcement points (a gateway's
 * service token). @public
 */
export const agentCallRequestPermission = createPermission({
  name: 'agents.call.request',
  attributes: { action: 'create' },
  resourceType: AGENT_RESOURCE_TYPE,
});

/** Approve or deny a tool call an enforcement point holds. @public */
export const agentCallDecidePermission = createPermission({
  name: 'agents.call.decide',
  attributes: { action: 'update' },
  resourceType: AGENT_RESOURCE_TYPE,
});

/** Read and export the whole audit trail and verify its chain. @public */
export const agentsAuditReadAllPermission = createPermission({
  name: 'agents.audit.read-all',
  attributes: { action: 'read' },
});

/** Every permission Mandate defines. @public */
export const agentsPermissions = [
  agentReadPermission,
  agentRequestCreatePermission,
  agentRequestDecidePermission,
  agentReviewSubmitPermission,
  agentContainPermission,
  agentCallRequestPermission,
  agentCallDecidePermission,
  agentsAuditReadAllPermission,
];
