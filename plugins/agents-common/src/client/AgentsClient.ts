import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  AgentDetail,
  AgentState,
  AgentSummary,
  ApprovedScope,
  AuditEvent,
  ChainVerification,
  EstateSummary,
  Finding,
  GovernanceRequest,
  Page,
  RequestStatus,
  RequestType,
  ReviewStatus,
  ScopeReview,
} from '../api/types';
import type { AgentScope } from '../api/scope';
import type {
  AgentActivity,
  AgentGrantView,
  AgentMaturity,
  EnforcementStatus,
} from '../api/telemetry';

/** Filters and paging of the estate list. @public */
export type ListAgentsQuery = {
  state?: AgentState;
  owner?: string;
  reviewStatus?: ReviewStatus;
  q?: string;
  modelTier?: string;
  highestAccess?: string;
  dataClass?: string;
  /** Agents with an open finding of this severity. */
  findingSeverity?: string;
  /** Agents whose maturity score is below this (or not evaluated). */
  maturityBelow?: number;
  orderBy?:
    | 'name'
    | 'state'
    | 'reviewDueAt'
    | 'stateChangedAt'
    | 'maturityScore'
    | 'lastActivityAt'
    | 'openFindings';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
};

/** A new joiner–mover–leaver request. @public */
export type FileRequestBody = {
  agentRef: string;
  type: RequestType;
  reason: string;
  /** Repeating a request with the same key returns the first one. */
  idempotencyKey?: string;
  payload?: {
    entity?: unknown;
    scope?: AgentScope;
    newOwner?: string;
    attestation?: string;
  };
};

/** The governance API of the `agents` backend, as a typed client. @public */
export interface AgentsApi {
  listAgents(query?: ListAgentsQuery): Promise<Page<AgentSummary>>;
  estateSummary(): Promise<EstateSummary>;
  /** The filtered estate as CSV text. */
  exportAgentsCsv(
    query?: Omit<ListAgentsQuery, 'limit' | 'offset'>,
  ): Promise<string>;
  getAgent(entityRef: string): Promise<AgentDetail>;
  listApprovedScopes(entityRef: string): Promise<{ items: ApprovedScope[] }>;
  listReviews(entityRef: string): Promise<{ items: ScopeReview[] }>;
  listAudit(
    entityRef: string,
    page?: { limit?: number; offset?: number },
  ): Promise<Page<AuditEvent>>;
  listRequests(query?: {
    agentRef?: string;
    status?: RequestStatus;
    assignedToMe?: boolean;
    limit?: number;
    offset?: number;
  }): Promise<Page<GovernanceRequest>>;
  getRequest(id: string): Promise<GovernanceRequest>;
  fileRequest(body: FileRequestBody): Promise<GovernanceRequest>;
  decideRequest(
    id: string,
    body: { decision: 'approve' | 'reject'; reason: string; newOwner?: string },
  ): Promise<GovernanceRequest>;
  myReviews(): Promise<{
    reviews: ScopeReview[];
    requests: GovernanceRequest[];
  }>;
  submitReview(
    id: string,
    body: {
      decisions: Array<{ tool: string; decision: 'keep' | 'revoke' }>;
      attestation: string;
    },
  ): Promise<ScopeReview>;
  listFindings(query?: {
    agentRef?: string;
    type?: string;
    severity?: string;
    status?: 'open' | 'resolved';
    limit?: number;
    offset?: number;
  }): Promise<Page<Finding>>;
  verifyAudit(): Promise<ChainVerification>;
  /** Calls, denials, errors, tokens and cost per day and per tool; default the last 30 days. */
  getAgentActivity(
    entityRef: string,
    window?: { from?: string; to?: string },
  ): Promise<AgentActivity>;
  listAgentGrants(entityRef: string): Promise<{ items: AgentGrantView[] }>;
  getAgentMaturity(entityRef: string): Promise<AgentMaturity>;
  getEnforcementStatus(): Promise<EnforcementStatus>;
  /** Demo publishing without an SCM: returns the URL to register in the catalog. */
  publishPortalAgent(
    entity: unknown,
  ): Promise<{ entityRef: string; catalogInfoUrl: string }>;
}

/** What the client needs from its host: Backstage's discovery and an authenticated fetch. @public */
export interface AgentsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

function query(
  params: Record<string, string | number | boolean | undefined>,
): string {
  // Strict RFC 3986 encoding: the backend's OpenAPI validator refuses reserved characters in
  // values, including the `+` that URLSearchParams writes for a space.
  const encode = (text: string) =>
    encodeURIComponent(text).replace(
      /[!'()*]/g,
      c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const text = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encode(key)}=${encode(String(value))}`)
    .join('&');
  return text ? `?${text}` : '';
}

function agentPath(entityRef: string): string {
  const { namespace, name } = parseEntityRef(entityRef, {
    defaultKind: 'agent',
  });
  return `/v1/agents/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}

/** Talks to `/api/agents`; works in the browser (fetchApi) and in backends. @public */
export class AgentsClient implements AgentsApi {
  constructor(private readonly options: AgentsClientOptions) {}

  private async call<T>(
    path: string,
    init?: { method: 'POST'; body: unknown },
    as: 'json' | 'text' = 'json',
  ): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('agents');
    const response = await this.options.fetchApi.fetch(
      `${base}${path}`,
      init && {
        method: init.method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(init.body),
      },
    );
    if (!response.ok) {
      // Keep the backend's explanation (it names the field or the rule) as the message.
      const error = await ResponseError.fromResponse(response);
      error.message = error.body?.error?.message || error.message;
      throw error;
    }
    return (as === 'text' ? await response.text() : await response.json()) as T;
  }

  listAgents(q: ListAgentsQuery = {}) {
    return this.call<Page<AgentSummary>>(`/v1/agents${query(q)}`);
  }

  exportAgentsCsv(q: Omit<ListAgentsQuery, 'limit' | 'offset'> = {}) {
    return this.call<string>(
      `/v1/agents/export.csv${query(q)}`,
      undefined,
      'text',
    );
  }

  estateSummary() {
    return this.call<EstateSummary>('/v1/estate/summary');
  }

  getAgent(entityRef: string) {
    return this.call<AgentDetail>(agentPath(entityRef));
  }

  listApprovedScopes(entityRef: string) {
    return this.call<{ items: ApprovedScope[] }>(
      `${agentPath(entityRef)}/scopes`,
    );
  }

  listReviews(entityRef: string) {
    return this.call<{ items: ScopeReview[] }>(
      `${agentPath(entityRef)}/reviews`,
    );
  }

  listAudit(entityRef: string, page: { limit?: number; offset?: number } = {}) {
    return this.call<Page<AuditEvent>>(
      `${agentPath(entityRef)}/audit${query(page)}`,
    );
  }

  listRequests(
    q: {
      agentRef?: string;
      status?: RequestStatus;
      assignedToMe?: boolean;
      limit?: number;
      offset?: number;
    } = {},
  ) {
    return this.call<Page<GovernanceRequest>>(`/v1/requests${query(q)}`);
  }

  getRequest(id: string) {
    return this.call<GovernanceRequest>(
      `/v1/requests/${encodeURIComponent(id)}`,
    );
  }

  fileRequest(body: FileRequestBody) {
    return this.call<GovernanceRequest>('/v1/requests', {
      method: 'POST',
      body,
    });
  }

  decideRequest(
    id: string,
    body: { decision: 'approve' | 'reject'; reason: string; newOwner?: string },
  ) {
    return this.call<GovernanceRequest>(
      `/v1/requests/${encodeURIComponent(id)}/decision`,
      { method: 'POST', body },
    );
  }

  myReviews() {
    return this.call<{ reviews: ScopeReview[]; requests: GovernanceRequest[] }>(
      '/v1/reviews/mine',
    );
  }

  submitReview(
    id: string,
    body: {
      decisions: Array<{ tool: string; decision: 'keep' | 'revoke' }>;
      attestation: string;
    },
  ) {
    return this.call<ScopeReview>(
      `/v1/reviews/${encodeURIComponent(id)}/submission`,
      { method: 'POST', body },
    );
  }

  listFindings(
    q: {
      agentRef?: string;
      type?: string;
      severity?: string;
      status?: 'open' | 'resolved';
      limit?: number;
      offset?: number;
    } = {},
  ) {
    return this.call<Page<Finding>>(`/v1/findings${query(q)}`);
  }

  verifyAudit() {
    return this.call<ChainVerification>('/v1/audit/verify');
  }

  getAgentActivity(
    entityRef: string,
    window: { from?: string; to?: string } = {},
  ) {
    return this.call<AgentActivity>(
      `${agentPath(entityRef)}/activity${query(window)}`,
    );
  }

  listAgentGrants(entityRef: string) {
    return this.call<{ items: AgentGrantView[] }>(
      `${agentPath(entityRef)}/grants`,
    );
  }

  getAgentMaturity(entityRef: string) {
    return this.call<AgentMaturity>(`${agentPath(entityRef)}/maturity`);
  }

  getEnforcementStatus() {
    return this.call<EnforcementStatus>('/v1/enforcement/status');
  }

  publishPortalAgent(entity: unknown) {
    return this.call<{ entityRef: string; catalogInfoUrl: string }>(
      '/v1/portal/agents',
      {
        method: 'POST',
        body: { entity },
      },
    );
  }
}
