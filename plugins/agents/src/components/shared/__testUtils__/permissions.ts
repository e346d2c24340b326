import type { PermissionApi } from '@backstage/plugin-permission-react';

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;
// AuthorizeResult's values; the enum lives in @backstage/plugin-permission-common, which
// this package does not otherwise need.
const ALLOW = { result: 'ALLOW' } as Decision;
const DENY = { result: 'DENY' } as Decision;

/** A permission API that allows exactly the checks `allows` accepts. */
export function permissionApiAllowing(
  allows: (permissionName: string, resourceRef?: string) => boolean,
): PermissionApi {
  return {
    authorize: async request =>
      allows(request.permission.name, request.resourceRef) ? ALLOW : DENY,
  };
}
