import type {
  AgentSpec,
  ModelTier,
  ToolAccess,
} from '../entity/AgentEntityV1alpha1';
import type { AgentScope, ScopeChange } from './scope';
import type { AgentMaturity } from './telemetry';

/** Lifecycle states of a governed agent. @public */
export const AGENT_STATES = [
  'proposed',
  'active',
  'suspended',
  'decommissioning',
  'retired',
] as const;
/** @public */
export type AgentState = (typeof AGENT_STATES)[number];

/** Joiner–mover–leaver request types. @public */
export const REQUEST_TYPES = [
  'commission',
  'scope-change',
  'owner-transfer',
  'decommission',
  'suspend',
  'resume',
] as const;
/** @public */
export type RequestType = (typeof REQUEST_TYPES)[number];

/**
 * `pending`: awaits a decision; `awaiting-evidence`: approved, waiting for the enforcement
 * layer to report no active grants; `applied`; `rejected`.
 * @public
 */
export type RequestStatus =
  | 'pending'
  | 'awaiting-evidence'
  | 'applied'
  | 'rejected';

/** Where an agent's review stands. @public */
export type ReviewStatus = 'not-due' | 'due' | 'overdue' | 'none';

/** One row of the estate: an agent with its governance summary. @public */
export type AgentSummary = {
  entityRef: string;
  name: string;
  namespace: string;
  title?: string;
  ownerRef: string;
  sponsorRef?: string;
  state: AgentState;
  inCatalog: boolean;
  modelTier?: ModelTier;
  highestAccess?: ToolAccess;
  dataClasses: string[];
  reviewStatus: ReviewStatus;
  reviewDueAt?: string;
  reviewOverdueDays: number;
  openRequests: number;
  openFindings: number;
  /** Open findings per severity. */
  openFindingsBySeverity: Record<Finding['severity'], number>;
  /** Score of the maturity checklist (0–100), once evaluated. */
  maturityScore?: number;
  /** The last call the enforcement layer reported. */
  lastActivityAt?: string;
  commissionedAt?: string;
  stateChangedAt: string;
};

/** A page of results. @public */
export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}

/** One version of an agent's approved scope. @public */
export type ApprovedScope = AgentScope & {
  version: number;
  approvedAt: string;
  approvedBy: string;
  requestId?: string;
  reason?: string;
};

/** Differences between the YAML and the approved scope, both ways. @public */
export type ScopeDrift = {
  /** What the YAML declares beyond the approved scope (not enforced until approved). */
  notApproved: ScopeChange[];
  /** What the approved scope holds that the YAML no longer declares. */
  notDeclared: ScopeChange[];
  /** The YAML owner when it differs from the governance owner (after a transfer). */
  ownerDiffers?: { declared: string; governance: string };
};

/** A joiner–mover–leaver request with its decision. @public */
export type GovernanceRequest = {
  id: string;
  agentRef: string;
  type: RequestType;
  status: RequestStatus;
  requesterRef: string;
  /** Who must decide: the security group, or the new owner of a transfer. */
  assigneeRef?: string;
  reason: string;
  payload: Record<string, unknown>;
  changes?: ScopeChange[];
  decision?: 'approve' | 'reject';
  deciderRef?: string;
  decisionReason?: string;
  evidence?: Record<string, unknown>;
  createdAt: string;
  decidedAt?: string;
  appliedAt?: string;
};

/** Per-tool facts shown in a review. @public */
export type ReviewToolUsage = {
  tool: string;
  access: ToolAccess;
  dataClasses: string[];
  calls: number;
  denials: number;
  lastUsedAt?: string;
  grantsIssued: number;
  recommendation: 'keep' | 'revoke';
  /** Whether the usage came from an enforcement layer or none was installed. */
  usageKnown: boolean;
};

/** A quarterly scope review. @public */
export type ScopeReview = {
  id: string;
  agentRef: string;
  /** `cancelled`: closed without decisions because the agent was suspended or retired. */
  status: 'open' | 'completed' | 'cancelled';
  dueAt: string;
  openedAt: string;
  periodStart: string;
  periodEnd: string;
  escalationLevel: number;
  completedAt?: string;
  completedBy?: string;
  attestation?: string;
  decisions?: Array<{ tool: string; decision: 'keep' | 'revoke' }>;
  tools?: ReviewToolUsage[];
};

/** A finding about an agent (or about an identity that matches no agent). @public */
export type Finding = {
  id: string;
  agentRef?: string;
  subject: string;
  type: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  status: 'open' | 'resolved';
  message: string;
  firstSeenAt: string;
  lastSeenAt: string;
  evidence: Record<string, unknown>;
};

/** One record of the tamper-evident audit trail. @public */
export type AuditEvent = {
  seq: number;
  id: string;
  agentRef?: string;
  actorRef: string;
  action: string;
  occurredAt: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

/** Result of walking the audit chain. @public */
export type ChainVerification = {
  ok: boolean;
  checked: number;
  firstBrokenSeq?: number;
  reason?: string;
};

/** One agent's governance record in full. @public */
export type AgentDetail = AgentSummary & {
  identityId: string;
  declaredScope: AgentScope;
  approvedScope?: ApprovedScope;
  approvedVersions: number;
  drift: ScopeDrift;
  openReview?: ScopeReview;
  lastReviewCompletedAt?: string;
  requests: GovernanceRequest[];
  findings: Finding[];
  enforcement: { providers: string[]; note?: string };
  /** The maturity checklist as last evaluated. */
  maturity?: AgentMaturity;
};

/** What an agent's YAML declares beyond its scope: kept with the record for checks. @public */
export type AgentProfile = Pick<
  AgentSpec,
  'type' | 'lifecycle' | 'model' | 'purpose'
> &
  Pick<AgentSpec, 'budgets' | 'decommission'>;

/** Counts behind the estate view's tiles. @public */
export type EstateSummary = {
  total: number;
  byState: Partial<Record<AgentState, number>>;
  overdueReviews: number;
  /** Open findings by type. */
  findingsByType: Record<string, number>;
  /** Agents (not retired) that may reach each data class. */
  agentsByDataClass: Record<string, number>;
};
