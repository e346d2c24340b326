import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { agentsApiFactory } from './actions/agentsApi';
import { createAgentManifestAction } from './actions/manifest';
import {
  createCommissionAction,
  createDecommissionAction,
  createPublishAction,
  createScopeChangeAction,
} from './actions/requests';

/**
 * Scaffolder actions for Mandate: mandate:agent:manifest, :publish, :commission,
 * :scope-change and :decommission.
 * @public
 */
export const scaffolderModuleAgents = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'agents',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        const agents = agentsApiFactory(discovery, auth);
        scaffolder.addActions(
          createAgentManifestAction({
            identityPrefix:
              config.getOptionalString('agents.scaffolder.identityPrefix') ??
              'spiffe://example.org/agent/',
          }),
          createPublishAction(agents),
          createCommissionAction(agents),
          createScopeChangeAction(agents),
          createDecommissionAction(agents),
        );
      },
    });
  },
});
