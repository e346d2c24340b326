/**
 * Catalog backend module for the Agent kind: validation and relations.
 *
 * @packageDocumentation
 */
export { catalogModuleAgents as default } from './module';
export { AgentEntitiesProcessor } from './AgentEntitiesProcessor';
