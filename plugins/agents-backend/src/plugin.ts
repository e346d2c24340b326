import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { agentsClockServiceRef } from '@mandate/plugin-agents-node';
import { registerAgentsActions } from './actions';
import { readAgentsConfig } from './config';
import { createAgentsContext } from './context';
import { registerAgentsExtensionPoints } from './extensions';
import { allowPublicPaths } from './routes/publicPaths';
import { createRouter } from './routes/router';
import { scheduleAgentsTasks } from './tasks';

/**
 * Mandate's governance backend: lifecycle state and approved scope of every agent,
 * joiner–mover–leaver requests, scope reviews, the audit trail, telemetry and findings.
 * @public
 */
export const agentsPlugin = createBackendPlugin({
  pluginId: 'agents',
  register(env) {
    const { providers, sources, importers } =
      registerAgentsExtensionPoints(env);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        notifications: notificationService,
        agentsClock: agentsClockServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        config,
        scheduler,
        lifecycle,
        httpRouter,
        agentsClock,
        actionsRegistry,
        ...deps
      }) {
        const settings = readAgentsConfig(config);
        const clock = () => agentsClock.now();
        const ctx = await createAgentsContext({ ...deps, clock }, settings, {
          providers,
          sources,
        });
        lifecycle.addShutdownHook(() => ctx.telemetry.close());
        await scheduleAgentsTasks(scheduler, ctx, importers);
        httpRouter.use(await createRouter(ctx, deps));
        registerAgentsActions(actionsRegistry, ctx);
        allowPublicPaths(httpRouter, settings);
      },
    });
  },
});
