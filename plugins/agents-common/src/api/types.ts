import type { AgentSpec } from '../entity/AgentEntityV1alpha1';
import type { components } from '../schema/openapi/generated';
import { allOf } from './allOf';

// The governance API's data, as its OpenAPI document (plugins/agents-backend/src/schema/
// openapi.yaml) defines it: change the document and run `yarn generate:openapi`.

/** Lifecycle states of a governed agent. @public */
export type AgentState = components['schemas']['AgentState'];
/** Every lifecycle state, in lifecycle order. @public */
export const AGENT_STATES = allOf<AgentState>()([
  'proposed',
  'active',
  'suspended',
  'decommissioning',
  'retired',
]);

/** Joiner–mover–leaver request types. @public */
export type RequestType = components['schemas']['RequestType'];
/** Every request type. @public */
export const REQUEST_TYPES = allOf<RequestType>()([
  'commission',
  'scope-change',
  'owner-transfer',
  'decommission',
  'suspend',
  'resume',
]);

/**
 * `pending`: awaits a decision; `awaiting-evidence`: approved, waiting for the enforcement
 * layer to report no active grants; `applied`; `rejected`.
 * @public
 */
export type RequestStatus = components['schemas']['RequestStatus'];

/** Where an agent's review stands. @public */
export type ReviewStatus = components['schemas']['ReviewStatus'];

/** One row of the estate: an agent with its governance summary. @public */
export type AgentSummary = components['schemas']['AgentSummary'];

/** A page of results. @public */
export type Page<T> = components['schemas']['Page'] & { items: T[] };

/** One version of an agent's approved scope. @public */
export type ApprovedScope = components['schemas']['ApprovedScope'];

/** Differences between the YAML and the approved scope, both ways. @public */
export type ScopeDrift = components['schemas']['Drift'];

/** A joiner–mover–leaver request with its decision. @public */
export type GovernanceRequest = components['schemas']['Request'];

/** Per-tool facts shown in a review. @public */
export type ReviewToolUsage = components['schemas']['ReviewToolUsage'];

/** A quarterly scope review. @public */
export type ScopeReview = components['schemas']['Review'];

/** A tool call an enforcement point holds until a person approves or denies it. @public */
export type CallApproval = components['schemas']['CallApproval'];

/** Where a held call stands. @public */
export type CallApprovalStatus = components['schemas']['CallApprovalStatus'];

/** What an enforcement point files to hold a call for a person. @public */
export type NewCallApproval = components['schemas']['NewCallApproval'];

/** A finding about an agent (or about an identity that matches no agent). @public */
export type Finding = components['schemas']['Finding'];

/** One record of the tamper-evident audit trail. @public */
export type AuditEvent = components['schemas']['AuditEvent'];

/** Result of walking the audit chain. @public */
export type ChainVerification = components['schemas']['ChainVerification'];

/** One agent's governance record in full. @public */
export type AgentDetail = components['schemas']['AgentDetail'];

/** Counts behind the estate view's tiles. @public */
export type EstateSummary = components['schemas']['EstateSummary'];

/** What an agent's YAML declares beyond its scope: kept with the record for checks. @public */
export type AgentProfile = Pick<
  AgentSpec,
  'type' | 'lifecycle' | 'model' | 'purpose'
> &
  Pick<AgentSpec, 'budgets' | 'decommission'>;
