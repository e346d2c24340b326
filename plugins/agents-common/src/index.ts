/**
 * The Agent kind (mandate.dev/v1alpha1) shared by every Mandate package: types, JSON
 * schema, validator, entity ref helpers, review-cadence math, permissions, the
 * governance API's types, and the audit trail's record hash and export verifier.
 *
 * @packageDocumentation
 */
export * from './entity/AgentEntityV1alpha1';
export * from './entity/refs';
export * from './entity/inputRefs';
export * from './entity/validateAgentEntity';
export * from './review/cadence';
export * from './permissions/permissions';
export * from './api';
export { agentEntitySchema } from './schema/agentEntitySchema';
export * from './client/AgentsApi';
export * from './client/AgentsClient';
export * from './audit';
