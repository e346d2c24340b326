import { BackendPluginRegistrationPoints } from '@backstage/backend-plugin-api';
import {
  EnforcementLayerProvider,
  GovernanceHistoryImporter,
  TelemetrySource,
  agentsEnforcementExtensionPoint,
  agentsHistoryExtensionPoint,
} from '@mandate/plugin-agents-node';

/** What modules add through the plugin's extension points, filled in as they register. */
export function registerAgentsExtensionPoints(
  env: BackendPluginRegistrationPoints,
) {
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
  return { providers, sources, importers };
}
