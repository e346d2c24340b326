import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  agentCallDecidePermission,
  agentReadPermission,
  agentRequestCreatePermission,
  agentReviewSubmitPermission,
  agentsPermissions,
} from '@mandate/plugin-agents-common';
import { agentConditions, createAgentConditionalDecision } from './rules';

/** Permissions an agent's owners hold for their own agents. */
const OWNER_PERMISSIONS = [
  agentReadPermission,
  agentRequestCreatePermission,
  agentReviewSubmitPermission,
  agentCallDecidePermission,
];

/**
 * Mandate's part of a permission policy: members of the admin groups (security) may do
 * everything; owners read, request, review and decide held calls for the agents they own
 * (directly or through a group); everything else is denied. Returns undefined for permissions that are not
 * Mandate's, so a policy can fall through to its other rules.
 *
 * @example
 * ```ts
 * async handle(request, user) {
 *   return decideAgentsPermission(request, user, { adminGroupRefs: ['group:default/security'] })
 *     ?? myOtherRules(request, user);
 * }
 * ```
 * @public
 */
export function decideAgentsPermission(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
  options: { adminGroupRefs: string[] },
): PolicyDecision | undefined {
  const { permission } = request;
  if (!agentsPermissions.some(p => p.name === permission.name)) {
    return undefined;
  }
  if (!user) {
    return { result: AuthorizeResult.DENY };
  }
  const claims = user.info.ownershipEntityRefs;
  if (options.adminGroupRefs.some(ref => claims.includes(ref))) {
    return { result: AuthorizeResult.ALLOW };
  }
  const ownerPermission = OWNER_PERMISSIONS.find(p =>
    isPermission(permission, p),
  );
  if (ownerPermission) {
    return createAgentConditionalDecision(
      ownerPermission,
      agentConditions.isAgentOwner({ claims }),
    );
  }
  return { result: AuthorizeResult.DENY };
}
