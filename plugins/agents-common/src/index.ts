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
export { default as agentEntitySchema } from './schema/Agent.v1alpha1.schema.json';
export * from './client/AgentsClient';
export * from './audit';
