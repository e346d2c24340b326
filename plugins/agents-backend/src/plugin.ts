import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  EnforcementLayerProvider,
  GovernanceHistoryImporter,
  TelemetrySource,
  agentsClockServiceRef,
  agentsEnforcementExtensionPoint,
  agentsHistoryExtensionPoint,
} from '@mandate/plugin-agents-node';
import { registerAgentsActions } from './actions';
import { readAgentsConfig } from './config';
import { createAgentsContext } from './context';
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
    const providers: EnforcementLayerProvider[] = [];
    const sources: TelemetrySource[] = [];
    const importers: GovernanceHistoryImporter[] = [];
    env.registerExtensionPoint(agentsEnforcementExtensionPoint, {
      addProvider: provider => providers.push(provider),
      addTelemetrySource: source => sources.push(source),
    });
    env.registerExtensionPoint(agentsHistoryExtensionPoint, {
      addImporter: importer => importers.push(importer),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
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
        await scheduleAgentsTasks(scheduler, ctx, importers);
        httpRouter.use(await createRouter(ctx, deps));
        registerAgentsActions(actionsRegistry, ctx);
        // Brokers verify certificates, and the catalog reads published YAML, tokenless.
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
      },
    });
  },
});
