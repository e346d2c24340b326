import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { EnforcementLayerProvider } from './types';

/** What backend modules use to plug an enforcement layer into Mandate. @public */
export interface AgentsEnforcementExtensionPoint {
  addProvider(provider: EnforcementLayerProvider): void;
}

/**
 * Extension point of the `agents` backend plugin for enforcement-layer providers.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'agents',
 *   moduleId: 'my-gateway',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { enforcement: agentsEnforcementExtensionPoint },
 *       async init({ enforcement }) {
 *         enforcement.addProvider(new MyGatewayProvider());
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const agentsEnforcementExtensionPoint =
  createExtensionPoint<AgentsEnforcementExtensionPoint>({
    id: 'agents.enforcement',
  });
