import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { decideAgentsPermission } from '@mandate/plugin-agents-backend/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';

/** Members of this group administer the portal: they may do anything. */
export const SECURITY_GROUP_REF = 'group:default/security';

/**
 * The demo policy. Mandate's permissions follow `decideAgentsPermission`: owners read,
 * request and review for their own agents, security does everything. For the rest of
 * Backstage: signed-in users read; members of `security` administer; everyone else may
 * change catalog entities only when they own them. Anything not granted is denied.
 */
export class MandateDemoPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const mandate = decideAgentsPermission(request, user, {
      adminGroupRefs: [SECURITY_GROUP_REF],
    });
    if (mandate) {
      return mandate;
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (user.info.ownershipEntityRefs.includes(SECURITY_GROUP_REF)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { permission } = request;
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    // Running templates is how engineers commission agents: every step and action is open
    // to signed-in users; what the actions file is checked by Mandate's own permissions.
    if (permission.name.startsWith('scaffolder.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, 'catalog-entity')) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    // Creating and using things that are not resources (scaffolder tasks, notifications
    // of one's own) is open to every signed-in user; resource changes were handled above.
    if (!('resourceType' in permission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: AuthorizeResult.DENY };
  }
}

export const permissionModuleMandateDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'mandate-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new MandateDemoPolicy());
      },
    });
  },
});
