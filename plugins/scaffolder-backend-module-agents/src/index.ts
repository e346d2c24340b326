/**
 * Scaffolder actions that build Agent manifests and file Mandate requests.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAgents as default } from './module';
export { createAgentManifestAction } from './actions/manifest';
export {
  createCommissionAction,
  createDecommissionAction,
  createPublishAction,
  createScopeChangeAction,
} from './actions/requests';
