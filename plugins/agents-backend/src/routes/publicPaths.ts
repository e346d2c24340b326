import { HttpRouterService } from '@backstage/backend-plugin-api';
import { AgentsConfig } from '../config';

/**
 * The paths read without a token: brokers verify certificates against the JWKS, and the
 * catalog reads published YAML (only when portal publishing is on).
 */
export function allowPublicPaths(
  httpRouter: HttpRouterService,
  settings: AgentsConfig,
) {
  httpRouter.addAuthPolicy({
    path: '/v1/certificates/jwks.json',
    allow: 'unauthenticated',
  });
  if (settings.portalPublishing.enabled) {
    httpRouter.addAuthPolicy({
      path: '/v1/portal/agents',
      allow: 'unauthenticated',
    });
  }
}
