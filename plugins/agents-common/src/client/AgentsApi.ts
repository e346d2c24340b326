import type { operations } from '../schema/openapi/generated';
import type {
  AgentDetail,
  AgentSummary,
  ApprovedScope,
  AuditEvent,
  CallApproval,
  ChainVerification,
  EstateSummary,
  Finding,
  GovernanceRequest,
  Page,
  ScopeReview,
} from '../api/types';
import type {
  AgentActivity,
  AgentGrantView,
  AgentMaturity,
  EnforcementStatus,
} from '../api/telemetry';

/** The query parameters of an operation of the governance API, by operationId. @public */
export type OperationQuery<Op extends keyof operations> = NonNullable<
  operations[Op]['parameters']['query']
>;

/** The JSON body of an operation of the governance API, by operationId. @public */
export type OperationBody<Op extends keyof operations> = NonNullable<
  operations[Op]['requestBody']
>['content']['application/json'];

/** Filters and paging of the estate list. @public */
export type ListAgentsQuery = OperationQuery<'ListAgents'>;

/** A new joiner–mover–leaver request. @public */
export type FileRequestBody = OperationBody<'CreateRequest'>;

/** The governance API of the `agents` backend, as a typed client. @public */
export interface AgentsApi {
  listAgents(query?: ListAgentsQuery): Promise<Page<AgentSummary>>;
  estateSummary(): Promise<EstateSummary>;
  /** The filtered estate as CSV text. */
  exportAgentsCsv(query?: OperationQuery<'ExportAgentsCsv'>): Promise<string>;
  getAgent(entityRef: string): Promise<AgentDetail>;
  listApprovedScopes(entityRef: string): Promise<{ items: ApprovedScope[] }>;
  listReviews(entityRef: string): Promise<{ items: ScopeReview[] }>;
  listAudit(
    entityRef: string,
    page?: OperationQuery<'ListAgentAudit'>,
  ): Promise<Page<AuditEvent>>;
  listRequests(
    query?: OperationQuery<'ListRequests'>,
  ): Promise<Page<GovernanceRequest>>;
  getRequest(id: string): Promise<GovernanceRequest>;
  fileRequest(body: FileRequestBody): Promise<GovernanceRequest>;
  decideRequest(
    id: string,
    body: OperationBody<'DecideRequest'>,
  ): Promise<GovernanceRequest>;
  myReviews(): Promise<{
    reviews: ScopeReview[];
    requests: GovernanceRequest[];
  }>;
  submitReview(
    id: string,
    body: OperationBody<'SubmitReview'>,
  ): Promise<ScopeReview>;
  listFindings(query?: OperationQuery<'ListFindings'>): Promise<Page<Finding>>;
  /**
   * Tool calls held for a person's decision, newest first: of the agents the caller may
   * read, and of the agents they sponsor.
   */
  listCallApprovals(
    query?: OperationQuery<'ListCallApprovals'>,
  ): Promise<{ items: CallApproval[]; totalCount: number }>;
  /** Approve or deny a held call, with the reason recorded in the audit trail. */
  decideCallApproval(
    id: string,
    body: OperationBody<'DecideCallApproval'>,
  ): Promise<CallApproval>;
  verifyAudit(): Promise<ChainVerification>;
  /** Calls, denials, errors, tokens and cost per day and per tool; default the last 30 days. */
  getAgentActivity(
    entityRef: string,
    window?: OperationQuery<'GetAgentActivity'>,
  ): Promise<AgentActivity>;
  listAgentGrants(entityRef: string): Promise<{ items: AgentGrantView[] }>;
  getAgentMaturity(entityRef: string): Promise<AgentMaturity>;
  getEnforcementStatus(): Promise<EnforcementStatus>;
  /** Demo publishing without an SCM: returns the URL to register in the catalog. */
  publishPortalAgent(
    entity: OperationBody<'PublishPortalAgent'>['entity'],
  ): Promise<{ entityRef: string; catalogInfoUrl: string }>;
}
