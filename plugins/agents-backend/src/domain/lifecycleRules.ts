import { AgentState, RequestType } from '@mandate/plugin-agents-common';

/** The states each request type may be filed in. */
export const ALLOWED_FROM: Record<RequestType, AgentState[]> = {
  commission: ['proposed'],
  'scope-change': ['active', 'suspended'],
  'owner-transfer': ['proposed', 'active', 'suspended', 'decommissioning'],
  decommission: ['active', 'suspended'],
  suspend: ['active'],
  resume: ['suspended'],
};

/** Why a request type cannot be filed in a state, or undefined when it can. */
export function transitionProblem(
  type: RequestType,
  state: AgentState,
): string | undefined {
  if (ALLOWED_FROM[type].includes(state)) return undefined;
  const allowed = ALLOWED_FROM[type].join(' or ');
  return `a ${type} request needs the agent to be ${allowed}, but it is ${state}`;
}
