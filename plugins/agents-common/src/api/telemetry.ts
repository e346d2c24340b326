import type { components } from '../schema/openapi/generated';
import { allOf } from './allOf';

/** Totals of one UTC day of an agent's activity. @public */
export type DailyActivity = components['schemas']['DailyActivity'];

/** Totals of one tool in a window. Latency figures are bucket upper bounds in ms. @public */
export type ToolActivity = components['schemas']['ToolActivity'];

/** A model that answered for the agent in a window. @public */
export type ModelActivity = components['schemas']['ModelActivity'];

/** Whether a telemetry source's data is current, and if not, why. @public */
export type SourceStatus = components['schemas']['SourceStatus'];

/** What the enforcement layer saw an agent do in a window. @public */
export type AgentActivity = components['schemas']['AgentActivity'];

/** A credential grant as the enforcement layer reported it. @public */
export type AgentGrantView = components['schemas']['Grant'];

/** Installed enforcement-layer providers and telemetry sources. @public */
export type EnforcementStatus = components['schemas']['EnforcementStatus'];

/** @public */
export type MaturityControlId = components['schemas']['MaturityControlId'];

/** The twelve production controls of the maturity checklist, in checklist order. @public */
export const MATURITY_CONTROLS = allOf<MaturityControlId>()([
  'unique-identity',
  'no-shared-identity',
  'registered-owner-purpose',
  'tool-manifest',
  'gateway-enforcement',
  'short-lived-grants',
  'baseline',
  'audit-trail',
  'anomaly-response',
  'approved-scope',
  'review-cadence',
  'decommission-criteria',
]);

/** One control of the checklist, evaluated from real data. @public */
export type MaturityCheck = components['schemas']['MaturityCheck'];

/** An agent's production-readiness checklist and score (0–100). @public */
export type AgentMaturity = components['schemas']['AgentMaturity'];

/**
 * Span attributes, beyond the OpenTelemetry GenAI conventions, that carry policy decisions
 * and credential grants to the OTLP receiver. Documented in docs/telemetry.md.
 * @public
 */
export const MANDATE_ATTRIBUTES = {
  policyDecision: 'mandate.policy.decision',
  policyRuleId: 'mandate.policy.rule_id',
  grantId: 'mandate.grant.id',
  grantTool: 'mandate.grant.tool',
  grantScope: 'mandate.grant.scope',
  grantIssuedAt: 'mandate.grant.issued_at',
  grantExpiresAt: 'mandate.grant.expires_at',
  grantRevokedAt: 'mandate.grant.revoked_at',
  grantOnBehalfOf: 'mandate.grant.on_behalf_of',
  modelTier: 'mandate.model.tier',
  costUsd: 'mandate.cost.usd',
} as const;
