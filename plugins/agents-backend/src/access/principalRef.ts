import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who the audit trail names for credentials: the user's entity ref, or the service by its
 * subject (a gateway's external-access token is `service:external:agent-gateway`).
 */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!
    : `service:${principal.subject}`;
}
