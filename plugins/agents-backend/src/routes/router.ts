import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { AgentsContext } from '../context';
import { spec } from '../schema/openapi.generated';
import { agentRoutes } from './agentRoutes';
import { approvalRoutes } from './approvalRoutes';
import { auditRoutes } from './auditRoutes';
import { policyRoutes } from './policyRoutes';
import { portalRoutes } from './portalRoutes';
import { RequestContext } from './requestContext';
import { requestRoutes } from './requestRoutes';
import { telemetryRoutes } from './telemetryRoutes';
import { createValidatedRouter } from './validatedRouter';

/**
 * The plugin's HTTP surface: the OTLP receiver at /otlp, and the governance API validated
 * against src/schema/openapi.yaml.
 */
export async function createRouter(
  ctx: AgentsContext,
  deps: { httpAuth: HttpAuthService },
) {
  const root = Router();
  if (ctx.telemetry.otlpRouter) root.use('/otlp', ctx.telemetry.otlpRouter);

  const api = createValidatedRouter(spec);
  const http = new RequestContext({ access: ctx.access, ...deps });
  for (const routes of [
    agentRoutes,
    telemetryRoutes,
    requestRoutes,
    auditRoutes,
    portalRoutes,
    policyRoutes,
    approvalRoutes,
  ]) {
    routes(api, ctx, http);
  }
  root.use(api);
  return root;
}
