/** Totals of one UTC day of an agent's activity. @public */
export type DailyActivity = {
  day: string;
  calls: number;
  denials: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

/** Totals of one tool in a window. Latency figures are bucket upper bounds in ms. @public */
export type ToolActivity = {
  tool: string;
  calls: number;
  denials: number;
  approvalsRequired: number;
  errors: number;
  p50Ms?: number;
  p95Ms?: number;
  lastSeenAt: string;
  inApprovedScope: boolean;
};

/** A model that answered for the agent in a window. @public */
export type ModelActivity = {
  model: string;
  tier?: string;
  calls: number;
  lastDay: string;
};

/** Whether a telemetry source's data is current, and if not, why. @public */
export type SourceStatus = {
  id: string;
  kind: string;
  lastDataAt?: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  nextAttemptAt?: string;
  stale: boolean;
  staleReason?: string;
};

/** What the enforcement layer saw an agent do in a window. @public */
export type AgentActivity = {
  from: string;
  to: string;
  daily: DailyActivity[];
  tools: ToolActivity[];
  models: ModelActivity[];
  sources: SourceStatus[];
  lastActivityAt?: string;
};

/** A credential grant as the enforcement layer reported it. @public */
export type AgentGrantView = {
  id: string;
  tool: string;
  scope?: string;
  issuedAt: string;
  expiresAt?: string;
  revokedAt?: string;
  onBehalfOf?: string;
  active: boolean;
  /** Never expires, or lives longer than the configured standing-grant threshold. */
  standing: boolean;
  inApprovedScope: boolean;
};

/** Installed enforcement-layer providers and telemetry sources. @public */
export type EnforcementStatus = {
  providers: {
    id: string;
    status: 'ok' | 'degraded' | 'down';
    message?: string;
    lastDataAt?: string;
  }[];
  sources: SourceStatus[];
};

/** The twelve production controls of the maturity checklist. @public */
export const MATURITY_CONTROLS = [
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
] as const;

/** @public */
export type MaturityControlId = (typeof MATURITY_CONTROLS)[number];

/** One control of the checklist, evaluated from real data. @public */
export type MaturityCheck = {
  id: MaturityControlId;
  title: string;
  passed: boolean;
  /** What was looked at, in words a reviewer can verify. */
  evidence: string;
};

/** An agent's production-readiness checklist and score (0–100). @public */
export type AgentMaturity = {
  score: number;
  evaluatedAt: string;
  checks: MaturityCheck[];
};
