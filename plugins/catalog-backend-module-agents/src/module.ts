import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AgentEntitiesProcessor } from './AgentEntitiesProcessor';

/**
 * Teaches the catalog the Agent kind (mandate.dev/v1alpha1).
 * @public
 */
export const catalogModuleAgents = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'agents',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new AgentEntitiesProcessor());
      },
    });
  },
});
