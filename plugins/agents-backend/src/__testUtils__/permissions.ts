import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { decideAgentsPermission } from '../permissions/policy';
import { PEOPLE, SECURITY_GROUP } from './entities';

/** Group memberships of {@link PEOPLE}, as the catalog would resolve them at sign-in. */
export const testUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef;
      const person = Object.values(PEOPLE).find(p => p.ref === ref);
      return {
        userEntityRef: ref,
        ownershipEntityRefs: person ? [...person.claims] : [ref],
      };
    },
  }),
});

/**
 * Permission decisions made in process with Mandate's real policy function for users, and
 * for service principals as Backstage's permissions service makes them: allowed unless the
 * token's access restrictions leave the permission out.
 */
export const testPolicyPermissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: { userInfo: coreServices.userInfo },
  factory({ userInfo }) {
    const decide = async (
      permission: any,
      credentials: any,
    ): Promise<PolicyDecision> => {
      const principal = credentials.principal;
      if (principal.type === 'service') {
        const names = principal.accessRestrictions?.permissionNames;
        return {
          result:
            !names || names.includes(permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }
      const user =
        principal.type === 'user'
          ? { credentials, info: await userInfo.getUserInfo(credentials) }
          : undefined;
      return (
        decideAgentsPermission({ permission }, user as any, {
          adminGroupRefs: [SECURITY_GROUP],
        }) ?? { result: AuthorizeResult.DENY }
      );
    };
    return {
      async authorizeConditional(requests: any[], { credentials }: any) {
        return Promise.all(
          requests.map(r => decide(r.permission, credentials)),
        ) as any;
      },
      async authorize(requests: any[], { credentials }: any) {
        return Promise.all(
          requests.map(async r => {
            const decision = await decide(r.permission, credentials);
            return {
              result:
                decision.result === AuthorizeResult.ALLOW
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            };
          }),
        ) as any;
      },
    };
  },
});
