import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { agentsEnforcementExtensionPoint } from '@mandate/plugin-agents-node';
import { readGatewayConfigs } from './config';
import { GatewayClient } from './GatewayClient';
import { GatewayEnforcementProvider } from './GatewayEnforcementProvider';
import { GatewayTelemetrySource } from './GatewayTelemetrySource';

/**
 * Connects Mandate to every gateway in `agents.gateways.http`: a telemetry source and an
 * enforcement-layer provider per gateway, both with the id `gateway-http:<id>`.
 * @public
 */
export const agentsModuleGatewayHttp = createBackendModule({
  pluginId: 'agents',
  moduleId: 'gateway-http',
  register(reg) {
    reg.registerInit({
      deps: {
        enforcement: agentsEnforcementExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ enforcement, config, logger }) {
        for (const gateway of readGatewayConfigs(config)) {
          const client = new GatewayClient(gateway);
          enforcement.addTelemetrySource(
            new GatewayTelemetrySource(gateway, client),
          );
          enforcement.addProvider(
            new GatewayEnforcementProvider(gateway.id, client),
          );
          logger.info(
            `Mandate pulls telemetry and grants from gateway ${gateway.id} at ${gateway.baseUrl}`,
          );
        }
      },
    });
  },
});
