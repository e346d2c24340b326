/**
 * Enforce Mandate's decisions where agents act. A gateway (or any enforcement point) loads
 * the agents' effective policies, verifies behaviour certificates, decides each tool call
 * with Cedar, holds calls that need a person for approval in Mandate, and reports spans.
 *
 * @packageDocumentation
 */

export * from './Enforcer';
export * from './approvals/ApprovalClient';
export * from './approvals/summarize';
export * from './certificates/CertificateVerifier';
export * from './decide/BudgetCounter';
export { BUILT_IN_CONSTRAINTS } from './decide/constraints';
export type { ConstraintCheck, ConstraintOutcome } from './decide/constraints';
export * from './decide/decideToolCall';
export { PolicyClient } from './policy/PolicyClient';
export type {
  MandateConnection,
  PolicyClientOptions,
} from './policy/PolicyClient';
export * from './policy/PolicySnapshot';
export * from './telemetry/toolCallSpan';
