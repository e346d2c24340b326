import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { TelemetrySource } from './telemetry';
import type { EnforcementLayerProvider } from './types';

/** What backend modules use to plug an enforcement layer into Mandate. @public */
export interface AgentsEnforcementExtensionPoint {
  /** A layer Mandate asks for grants and usage and pushes containment to. */
  addProvider(provider: EnforcementLayerProvider): void;
  /** A layer Mandate polls for telemetry and grants, stored alongside OTLP data. */
  addTelemetrySource(source: TelemetrySource): void;
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
